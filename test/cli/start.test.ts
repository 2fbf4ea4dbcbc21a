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
    expect(output).toContain('Classeur : exemple (établissements fictifs)');
    expect(output).toContain(
      'Import : Source : fichier « export-ds-exemple.csv ». 4 nouvelle(s) ligne(s)',
    );
    expect(output).toMatch(/Validation : 60 recensement\(s\), \d+ valide\(s\)/);
    expect(fs.existsSync(path.join(cwd, 'out/export-ds-exemple.csv'))).toBe(true);
    expect(output).toMatch(
      /Tableau de bord : 55 adhérent\(s\) suivis, \d+ élément\(s\) en retard\./,
    );
    const page = fs.readFileSync(path.join(cwd, 'out/tableau-de-bord.html'), 'utf8');
    expect(page).toContain('<svg');
    // Readable offline: nothing loaded from elsewhere (links in the text are fine).
    expect(page).not.toMatch(/<script|<link|<img|src=|url\(/);
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
    expect(output).toMatch(/Validation : 60 recensement/);
    expect(fs.readFileSync(input).equals(bytes)).toBe(true);
    expect(fs.existsSync(path.join(cwd, 'second/classeur.xlsx'))).toBe(true);
  });

  it('validates a workbook and writes the JSON report', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    run([], cwd);
    const output = run(
      ['valider', '--classeur', 'out/classeur.xlsx', '--rapport', 'rapport.json', '--sortie', 'v'],
      cwd,
    );
    expect(output).toMatch(/Rapport : rapport\.json/);
    const report = JSON.parse(fs.readFileSync(path.join(cwd, 'rapport.json'), 'utf8'));
    expect(Object.keys(report.summary)).toEqual(['rows', 'ok', 'warnings', 'blocking']);
    expect(report.summary.rows).toBe(60);
    expect(report.rows[0]).toEqual({
      row: 2,
      uai: expect.stringMatching(/^\d{7}[A-Z]$/),
      status: expect.any(String),
      issues: expect.any(Array),
    });
    const issue = report.rows.flatMap((r: { issues: unknown[] }) => r.issues)[0];
    expect(Object.keys(issue)).toEqual(['code', 'severity', 'column', 'message']);
  });

  it('imports a CSV export into a workbook', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    run([], cwd);
    const output = run(
      ['importer', 'out/export-ds-exemple.csv', '--classeur', 'out/classeur.xlsx', '--sortie', 'i'],
      cwd,
    );
    expect(output).toContain(
      '0 nouvelle(s) ligne(s), 0 mise(s) à jour, 58 inchangée(s), 0 rejetée(s)',
    );
  });

  it('writes the dashboard of a workbook as a static page', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    run([], cwd);
    const output = run(['tableau', '--classeur', 'out/classeur.xlsx', '--sortie', 't'], cwd);
    expect(output).toContain('Page du tableau de bord : t/tableau-de-bord.html');
    expect(fs.readFileSync(path.join(cwd, 't/tableau-de-bord.html'), 'utf8')).toContain(
      'Adhérents × services',
    );
  });

  it('computes the reminders of a given day without sending anything', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    run([], cwd);
    const output = run(
      ['relances', '--classeur', 'out/classeur.xlsx', '--date', '2026-03-07', '--sortie', 'r'],
      cwd,
    );
    expect(output).toContain('Relances du 07/03/2026 : 0 relance(s), 0 récapitulatif(s)');
    const monday = run(
      ['relances', '--classeur', 'out/classeur.xlsx', '--date', '2026-03-09', '--sortie', 'r2'],
      cwd,
    );
    expect(monday).toMatch(/Relances du 09\/03\/2026 : \d+ relance\(s\), 1 récapitulatif\(s\)/);
    expect(fs.readdirSync(path.join(cwd, 'r2/relances')).length).toBeGreaterThan(0);
  });

  it('explains a bad option in French', () => {
    expect(() =>
      execFileSync(process.execPath, [CLI, '--inconnue'], { encoding: 'utf8', stdio: 'pipe' }),
    ).toThrow(/Option inconnue : --inconnue/);
  });
});
