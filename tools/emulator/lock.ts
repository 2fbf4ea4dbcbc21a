// LockService: document, script and user locks shared by the executions of one project. An
// execution holds a lock until it releases it or ends; another execution waits on the simulated
// clock and fails as Apps Script does.

import { Emulated, SERVICE } from './instrument';
import type { Mirror } from './mirror';
import type { Execution } from './execution';

export class LockModel {
  holder: Execution | undefined;

  isFree(): boolean {
    return !this.holder || this.holder.ended;
  }
}

export class EmulatedLockService
  extends Emulated
  implements
    Mirror<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'>
{
  readonly [SERVICE] = 'LockService';
  readonly className = 'LockService';

  constructor(
    private readonly locks: { document: LockModel; script: LockModel; user: LockModel },
    private readonly exec: Execution,
  ) {
    super();
  }

  getDocumentLock(): EmulatedLock {
    return new EmulatedLock(this.locks.document, this.exec);
  }

  getScriptLock(): EmulatedLock {
    return new EmulatedLock(this.locks.script, this.exec);
  }

  getUserLock(): EmulatedLock {
    return new EmulatedLock(this.locks.user, this.exec);
  }
}

export class EmulatedLock
  extends Emulated
  implements Mirror<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'>
{
  readonly [SERVICE] = 'LockService';
  readonly className = 'Lock';

  constructor(
    private readonly model: LockModel,
    private readonly exec: Execution,
  ) {
    super();
  }

  tryLock(timeoutInMillis: number): boolean {
    if (this.model.isFree() || this.model.holder === this.exec) {
      this.model.holder = this.exec;
      this.exec.heldLocks.add(this);
      return true;
    }
    // Another execution holds it for longer than we wait (executions do not interleave here).
    this.exec.clock.advance(Math.max(0, timeoutInMillis));
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw new Error('Lock timeout: another process was holding the lock for too long.');
    }
  }

  releaseLock(): void {
    this.release();
  }

  /** Called by releaseLock and by the end of the execution. */
  release(): void {
    if (this.model.holder === this.exec) this.model.holder = undefined;
    this.exec.heldLocks.delete(this);
  }

  hasLock(): boolean {
    return this.model.holder === this.exec && !this.exec.ended;
  }
}
