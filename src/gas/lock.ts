// One operation at a time on the workbook: imports, merges and forms take the document lock.

import { UserError } from '../core/errors';

export const LOCK_WAIT_MS = 10_000;

/** The workbook is held by another operation: a trigger may try again later. */
export class WorkbookBusyError extends UserError {}

const BUSY =
  'Une autre opération est en cours sur ce classeur (import, envoi, formulaire…). Réessayez dans quelques minutes.';

export interface LockOptions<T> {
  /** How long to wait for the other operation (default LOCK_WAIT_MS). */
  readonly waitMs?: number;
  /** The French message of the error when the workbook stays busy. */
  readonly busyMessage?: string;
  /**
   * What to do instead when the workbook stays busy (e.g. arm a trigger to try again): its result
   * is returned, or it throws. Without it, a WorkbookBusyError with `busyMessage`.
   */
  readonly whenBusy?: () => T;
}

/**
 * Runs `work` holding the document lock, released whatever happens. Every operation that reads and
 * writes the workbook goes through here, so two of them never interleave their writes.
 */
export function withDocumentLock<T>(work: () => T, options: LockOptions<T> = {}): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(options.waitMs ?? LOCK_WAIT_MS)) {
    if (options.whenBusy) return options.whenBusy();
    throw new WorkbookBusyError(options.busyMessage ?? BUSY);
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
