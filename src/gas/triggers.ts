// Time-driven continuations (a merge, a census sync, the day's reminders coming back): at most one
// pending per handler, and the trigger that fired an execution deleted by that execution.

/**
 * One pending continuation at most: every trigger of the handler is deleted (a one-off trigger
 * stays listed after it fired, and counts toward the 20), then one is created if work remains
 * (`afterMs` undefined: none).
 */
export function scheduleContinuation(afterMs: number | undefined, handler: string): void {
  // The new trigger first: a run killed in between never leaves work without one.
  const fresh =
    afterMs === undefined
      ? undefined
      : ScriptApp.newTrigger(handler).timeBased().after(afterMs).create().getUniqueId();
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === handler && trigger.getUniqueId() !== fresh)
      ScriptApp.deleteTrigger(trigger);
  }
}

/** Deletes the trigger that started this execution (found by its unique id). */
export function deleteFiringTrigger(event: unknown): void {
  const uid = (event as { triggerUid?: unknown } | undefined)?.triggerUid;
  if (uid === undefined || uid === null) return;
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getUniqueId() === String(uid)) ScriptApp.deleteTrigger(trigger);
  }
}
