// One operation at a time on the workbook: imports, merges and forms take the document lock.

import { SheetError } from './table';

export const LOCK_WAIT_MS = 10_000;

/** The workbook is held by another operation: a trigger may try again later. */
export class WorkbookBusyError extends SheetError {}

export function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    throw new WorkbookBusyError(
      'Une autre opération est en cours sur ce classeur (import, envoi, formulaire…). Réessayez dans quelques minutes.',
    );
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
