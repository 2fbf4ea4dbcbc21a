// `npm start` as a newcomer runs it: the built command line on the sample workbook, then the other
// commands on a copy of its result; the README's figures are the ones it prints.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpreadsheetModel } from '../../tools/emulator';
import { loadWorkbook, saveWorkbook } from '../../tools/workbook/xlsx';
import { exportRows, sampleExport } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { ROOT, cli, tempDir, tree, type Run } from './run';

jest.setTimeout(300_000);

let cwd: string;
let sample: Run;

beforeAll(() => {
  cwd = tempDir();
  sample = cli([], cwd);
});

describe('command line', () => {
  it('runs the main job on the sample workbook and writes out/classeur.xlsx', async () => {
    expect(sample.stderr).toBe('');
    expect(sample.status).toBe(0);
    const output = sample.stdout;
    expect(output).toContain('Classeur : exemple (établissements fictifs)');
    expect(output).toContain('Date : 02/03/2026');
    expect(output).toContain(
      'Import : Source : fichier « export-ds-exemple.csv ». 4 nouvelles lignes',
    );
    expect(output).toMatch(/Validation : 60 recensements, \d+ valides?/);
    // Anomalies grouped by cause, in words rather than rule codes.
    expect(output).toMatch(
      /Anomalies par cause :\n {2}\d+ × Convention pas encore signée en ligne/,
    );
    expect(output).not.toMatch(/CONVENTION_MISSING/);
    expect(fs.existsSync(path.join(cwd, 'out/export-ds-exemple.csv'))).toBe(true);
    expect(output).toMatch(/Tableau de bord : 55 adhérents suivis, \d+ éléments? en retard\./);
    const page = fs.readFileSync(path.join(cwd, 'out/tableau-de-bord.html'), 'utf8');
    expect(page).toContain('<svg');
    // Readable offline: nothing loaded from elsewhere (links in the text are fine).
    expect(page).not.toMatch(/<script|<link|<img|src=|url\(/);
    const book = await loadWorkbook(path.join(cwd, 'out/classeur.xlsx'));
    expect(book.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Adhérents', 'Paramètres', 'Journal']),
    );
    expect(book.activeSheet?.name).toBe('Adhérents');
    // The sample's dates: none after its own today, none with a hidden hour.
    const today = new Date('2026-03-02T08:00:00+01:00').getTime();
    const members = book.requireSheet('Adhérents').values();
    for (const key of ['Déposé le', 'Signée le']) {
      const column = members[0].indexOf(key);
      const dates = members.slice(1).flatMap((r) => (r[column] instanceof Date ? [r[column]] : []));
      expect(dates.length).toBeGreaterThan(20);
      for (const date of dates as Date[]) {
        expect(date.getTime()).toBeLessThanOrEqual(today);
        expect(date.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris' })).toBe('00:00:00');
      }
    }
    const tracking = book.requireSheet('Suivi').values();
    const stepDate = tracking[0].indexOf('Date de l’étape');
    for (const row of tracking.slice(1))
      if (row[stepDate] instanceof Date)
        expect((row[stepDate] as Date).getTime()).toBeLessThanOrEqual(today);
    const folder = /Dossier des messages \((\d+) fichiers? \.eml\) : (\S+)/.exec(output);
    expect(folder?.[2]).toBe('out/mails/exemple-2026-03-02');
    // The same run again: the same result, and the sample's mails folder holds only this run's.
    const again = cli([], cwd);
    expect(again.stdout).toBe(output);
    expect(tree(path.join(cwd, folder![2])).length).toBe(Number(folder![1]));
    expect(tree(path.join(cwd, 'out/mails'))).toEqual(
      tree(path.join(cwd, 'out/mails')).filter((f) => f.startsWith('exemple-2026-03-02')),
    );
  });

  it('runs on the user’s workbook without touching it, and validates it with a JSON report', () => {
    const input = path.join(cwd, 'out/classeur.xlsx');
    const bytes = fs.readFileSync(input);
    const output = cli(['--classeur', input, '--sortie', 'second'], cwd).stdout;
    expect(output).toContain('Le classeur est à jour');
    expect(output).toMatch(/Validation : 60 recensement/);
    expect(fs.readFileSync(input).equals(bytes)).toBe(true);
    expect(fs.existsSync(path.join(cwd, 'second/classeur.xlsx'))).toBe(true);

    const validated = cli(
      ['valider', '--classeur', 'out/classeur.xlsx', '--rapport', 'rapport.json', '--sortie', 'v'],
      cwd,
    );
    expect(validated.stdout).toMatch(/Rapport : rapport\.json/);
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
    expect(fs.readFileSync(input).equals(bytes)).toBe(true);
  });

  it('imports a CSV export, and the same export as XLSX', async () => {
    const csv = cli(
      ['importer', 'out/export-ds-exemple.csv', '--classeur', 'out/classeur.xlsx', '--sortie', 'i'],
      cwd,
    );
    expect(csv.stdout).toContain('0 nouvelle ligne, 0 mise à jour, 58 inchangées, 0 rejetée');
    const model = new SpreadsheetModel('Export');
    const sheet = model.addSheet('Dossiers');
    exportRows(sampleExport(sampleMembers())).forEach((line, r) =>
      line.forEach((value, c) => {
        if (value !== '') sheet.cell(r + 1, c + 1, true).value = value;
      }),
    );
    await saveWorkbook(model, path.join(cwd, 'dossiers.xlsx'));
    const xlsx = cli(['importer', 'dossiers.xlsx', '--sortie', 'i'], cwd);
    expect(xlsx.stderr).toBe('');
    expect(xlsx.stdout).toContain('Source : fichier « dossiers.xlsx »');
    expect(xlsx.stdout).toContain('0 nouvelle ligne, 0 mise à jour, 58 inchangées, 0 rejetée');
  });

  it('writes the dashboard page and computes the reminders of a given day', () => {
    const output = cli(['tableau', '--classeur', 'out/classeur.xlsx', '--sortie', 't'], cwd).stdout;
    expect(output).toContain('Page du tableau de bord : t/tableau-de-bord.html');
    expect(fs.readFileSync(path.join(cwd, 't/tableau-de-bord.html'), 'utf8')).toContain(
      'Adhérents × services',
    );
    const saturday = cli(['relances', '--date', '2026-03-07', '--sortie', 't'], cwd).stdout;
    expect(saturday).toContain('Relances du 07/03/2026 : 0 relance, 0 récapitulatif');
    expect(saturday).toContain('Aucun message : aucun dossier de messages créé.');
    const monday = cli(['relances', '--date', '2026-03-09', '--sortie', 't'], cwd).stdout;
    expect(monday).toMatch(/Relances du 09\/03\/2026 : \d+ relances?, 1 récapitulatif /);
    expect(tree(path.join(cwd, 't/mails/relances-2026-03-09')).length).toBeGreaterThan(0);
  });

  it('quotes in the README the figures that npm start prints', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- sortie de npm start -->\s*```text\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const printed = sample.stdout.split('\n');
    for (const line of block![1].trim().split('\n')) expect(printed).toContain(line);
    const summary = /"summary": (\{[^}]*\})/.exec(readme);
    const report = JSON.parse(fs.readFileSync(path.join(cwd, 'out/rapport.json'), 'utf8'));
    expect(JSON.parse(summary![1])).toEqual(report.summary);
  });

  it('states in the README the Node version that package.json requires', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const engines = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines;
    expect(readme).toContain(`\`${engines.node}\``);
  });

  it('replaces the sample’s working workbook with the coordinator’s', () => {
    const replaced = cli(['nouveau'], cwd);
    expect(replaced.status).toBe(0);
    expect(replaced.stdout).toContain('Le classeur d’exemple out/classeur.xlsx est remplacé.');
    expect(cli([], cwd).stderr).toMatch(
      /out\/classeur\.xlsx existe déjà \(créé par « nouveau »\) : l’exemple ne le remplace pas/,
    );
  });
});
