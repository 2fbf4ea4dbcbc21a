// A workbook connected to the fake démarches simplifiées: the emulator's UrlFetchApp answers from it.

import type { DsConnectionForm, DsSyncResult } from '../../src/shared/api';
import type { AppsScriptWorld, WorldOptions } from '../../tools/emulator';
import {
  FAKE_DEMARCHE,
  FAKE_TOKEN,
  FAKE_URL,
  FakeDemarchesSimplifiees,
} from '../../tools/fake-ds/server';
import { sampleMembers, type SampleMember } from '../../tools/sample/members';
import { initializedModel } from './initialized';
import { newWorld } from './world';

export function connect(world: AppsScriptWorld, token = FAKE_TOKEN): unknown {
  const form: DsConnectionForm = {
    demarche: String(FAKE_DEMARCHE),
    url: FAKE_URL,
    token,
    beforeReminders: false,
  };
  return world.callFromClient('saveDsConnection', [form]);
}

/** An initialised workbook, connected (token saved) to a fake démarche of `members`. */
export function dsWorld(
  members: readonly SampleMember[] = sampleMembers(20),
  options: WorldOptions = {},
): { world: AppsScriptWorld; fake: FakeDemarchesSimplifiees } {
  // Without options, the initialised workbook built once per file is what initialising would give
  // (same date, no latency); with options (a latency, another date), the world initialises itself.
  const cached = Object.keys(options).length === 0;
  const world = newWorld(cached ? { spreadsheet: initializedModel() } : options);
  const fake = new FakeDemarchesSimplifiees({ members, now: () => world.clock.now() });
  world.network.handler = fake.handle;
  if (!cached) world.run('initializeWorkbookFromMenu');
  connect(world);
  return { world, fake };
}

export const sync = (world: AppsScriptWorld): DsSyncResult =>
  world.callFromClient('syncDsNow') as DsSyncResult;
