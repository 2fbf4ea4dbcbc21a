// Runs the built command line as a coordinator types it: in a folder of its own, with its exit
// status, its output and its error output.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportRows, sampleExport, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';

export const ROOT = path.resolve(__dirname, '../..');
// GROUPEMENT_CLI: another build of the command line (to check that these tests fail on an older one).
export const CLI = process.env.GROUPEMENT_CLI ?? path.join(ROOT, 'build/cli.js');

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without waiting: for two commands at once. */
export function cliAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

export const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));

/** The sample export (60 fictional schools' census) as démarches simplifiées writes its CSV. */
export const sampleCsv = (): string => toCsv(exportRows(sampleExport(sampleMembers())));

/** Every file under a folder, relative, sorted: to tell that nothing was left behind. */
export function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** Today in Paris, as the command line prints it. */
export const todayFr = (): string =>
  new Date().toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
