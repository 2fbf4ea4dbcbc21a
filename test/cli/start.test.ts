// `npm start` as a newcomer runs it: the built command line on the sample workbook and on a file.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadWorkbook } from '../../tools/workbook/xlsx';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'build/cli.js');

function run(args: string[], cwd: string): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

describe('command line', () => {
  it('runs the main job on the sample workbook and writes out/classeur.xlsx', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const output = run([], cwd);
    expect(output).toContain('Classeur : exemple (60 établissements fictifs)');
    expect(output).toContain('Adhérents : 60 ligne(s)');
    const book = await loadWorkbook(path.join(cwd, 'out/classeur.xlsx'));
    expect(book.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Adhérents', 'Paramètres', 'Journal']),
    );
    const again = run([], cwd);
    expect(again).toBe(output);
  });

  it('runs on the user\u2019s workbook without touching it', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    run(['--sortie', 'premier'], cwd);
    const input = path.join(cwd, 'premier/classeur.xlsx');
    const bytes = fs.readFileSync(input);
    const output = run(['--classeur', input, '--sortie', 'second'], cwd);
    expect(output).toContain('Le classeur est à jour');
    expect(fs.readFileSync(input).equals(bytes)).toBe(true);
    expect(fs.existsSync(path.join(cwd, 'second/classeur.xlsx'))).toBe(true);
  });

  it('explains a bad option in French', () => {
    expect(() =>
      execFileSync(process.execPath, [CLI, '--inconnue'], { encoding: 'utf8', stdio: 'pipe' }),
    ).toThrow(/Option inconnue : --inconnue/);
  });
});
