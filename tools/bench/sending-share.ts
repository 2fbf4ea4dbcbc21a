// The share of a mail run's sending phase spent inside MailApp.sendEmail: the timeline of one
// operation's calls is kept (simulated time at each call), and the sending phase runs from the
// ledger calls that mark the first message "envoi en cours" to the write of the last message's
// outcome. Everything in between (checks of the ledger rows, marks, flushes, the digest's reads)
// counts against the share.

import { Execution } from '../emulator';

interface TimedCall {
  /** "sheet or service › Class.method", as the execution's costs name it. */
  readonly key: string;
  readonly at: number;
}

const SEND = 'MailApp › MailApp.sendEmail';
/** The calls that surround each send: the ledger's checks and writes, and the flush. */
const aroundSend = (key: string): boolean =>
  key.startsWith('Envois › ') || key === 'SpreadsheetApp › SpreadsheetApp.flush';

/**
 * Runs `operation` while recording when each Apps Script call starts; returns its result and the
 * share (0 to 1) of the sending phase spent in MailApp.sendEmail, undefined when nothing was sent.
 */
export function withSendingShare<T>(operation: () => T): { result: T; share?: number } {
  const calls: TimedCall[] = [];
  const original = Execution.prototype.record;
  Execution.prototype.record = function (this: Execution, service, member, scope) {
    calls.push({ key: `${scope ?? service} › ${member}`, at: this.clock.now() });
    return original.call(this, service, member, scope);
  };
  let result: T;
  try {
    result = operation();
  } finally {
    Execution.prototype.record = original;
  }
  const first = calls.findIndex((c) => c.key === SEND);
  if (first < 0) return { result };
  const last = calls.map((c) => c.key).lastIndexOf(SEND);
  let start = first;
  while (start > 0 && aroundSend(calls[start - 1].key)) start--;
  // The last outcome: the first write to the ledger after the last send.
  let stop = last + 1;
  while (stop < calls.length && calls[stop].key !== 'Envois › Range.setValues') stop++;
  const end = stop + 1 < calls.length ? calls[stop + 1].at : calls[calls.length - 1].at;
  let inMail = 0;
  for (let i = start; i < stop + 1 && i < calls.length; i++) {
    if (calls[i].key === SEND) inMail += calls[i + 1].at - calls[i].at;
  }
  return { result, share: inMail / (end - calls[start].at) };
}
