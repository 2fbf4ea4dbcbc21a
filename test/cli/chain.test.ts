// The README's chain on the coordinator's own file, in a folder of its own: nouveau, then importer
// with --classeur, valider, tableau, envois, relances without it. Each step sees the previous one's
// result, the coordinator's file never changes, each run's mails have a folder of their own.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkbook } from '../../tools/workbook/xlsx';
import { cli, sampleCsv, tempDir, todayFr, tree } from './run';

jest.setTimeout(300_000);

describe('the working workbook chain', () => {
  it('chains nouveau → importer → valider → tableau → envois → relances on one working workbook', async () => {
    const cwd = tempDir();
    // An empty initialised workbook, then the coordinator's own copy of it.
    const created = cli(['nouveau', '--sortie', 'vierge'], cwd);
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Classeur de travail enregistré : vierge/classeur.xlsx');
    const blank = await loadWorkbook(path.join(cwd, 'vierge/classeur.xlsx'));
    expect(blank.sheets.map((s) => s.name)).not.toContain('Feuille 1');
    expect(blank.activeSheet?.name).toBe('Adhérents');
    fs.copyFileSync(path.join(cwd, 'vierge/classeur.xlsx'), path.join(cwd, 'mon-classeur.xlsx'));
    fs.writeFileSync(path.join(cwd, 'dossiers.csv'), sampleCsv());
    const mine = fs.readFileSync(path.join(cwd, 'mon-classeur.xlsx'));
    const untouched = (): void =>
      expect(fs.readFileSync(path.join(cwd, 'mon-classeur.xlsx')).equals(mine)).toBe(true);

    const imported = cli(['importer', 'dossiers.csv', '--classeur', 'mon-classeur.xlsx'], cwd);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('mon-classeur.xlsx (copié dans le classeur de travail)');
    expect(imported.stdout).toContain('58 nouvelles lignes');
    // Dated today in Paris, not the sample's 2 March 2026.
    expect(imported.stdout).toContain(`Date : ${todayFr()}`);
    untouched();

    const validated = cli(['valider'], cwd);
    expect(validated.status).toBe(0);
    expect(validated.stdout).toContain('classeur de travail (copie de mon-classeur.xlsx)');
    expect(validated.stdout).toMatch(/Validation : 58 recensements/);
    const report = JSON.parse(fs.readFileSync(path.join(cwd, 'out/rapport.json'), 'utf8'));
    expect(report.summary.rows).toBe(58);
    untouched();

    const dashboard = cli(['tableau'], cwd);
    expect(dashboard.status).toBe(0);
    expect(dashboard.stdout).toMatch(/Tableau de bord : 53 adhérents suivis/);
    expect(fs.existsSync(path.join(cwd, 'out/tableau-de-bord.html'))).toBe(true);
    untouched();

    const mails = cli(['envois'], cwd);
    expect(mails.status).toBe(0);
    const folder = /Dossier des messages \((\d+) fichiers? \.eml\) : (\S+)/.exec(mails.stdout);
    expect(folder?.[2]).toMatch(/^out\/mails\/envois-\d{4}-\d{2}-\d{2}$/);
    expect(tree(path.join(cwd, folder![2])).length).toBe(Number(folder![1]));
    expect(Number(folder![1])).toBeGreaterThan(0);
    untouched();

    const reminders = cli(['relances', '--date', '2026-03-09'], cwd);
    expect(reminders.status).toBe(0);
    expect(reminders.stdout).toContain('Relances du 09/03/2026');
    const second = /Dossier des messages \((\d+) fichiers? \.eml\) : (\S+)/.exec(reminders.stdout);
    expect(second?.[2]).toBe('out/mails/relances-2026-03-09');
    expect(tree(path.join(cwd, second![2])).length).toBe(Number(second![1]));
    // The first run's folder still holds only its own messages.
    expect(tree(path.join(cwd, folder![2])).length).toBe(Number(folder![1]));
    untouched();

    // Every step's result is in the working workbook: import, validation, tracking, ledger, Journal.
    const book = await loadWorkbook(path.join(cwd, 'out/classeur.xlsx'));
    const members = book.requireSheet('Adhérents').values();
    const control = members[0].indexOf('Contrôle');
    expect(members.slice(1).filter((r) => r[control] !== '').length).toBe(58);
    expect(book.requireSheet('Suivi').lastRow()).toBeGreaterThan(53);
    expect(book.requireSheet('Envois').lastRow()).toBeGreaterThan(Number(folder![1]));
    const journal = book.requireSheet('Journal').values().slice(1);
    const actions = journal.map((r) => String(r[2]));
    expect(actions.length).toBeGreaterThanOrEqual(5);
    const imports = journal.find((r) => /import/i.test(String(r[2])));
    expect(imports?.[0]).toBeInstanceOf(Date);
    expect((imports![0] as Date).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })).toBe(
      todayFr(),
    );
    expect(book.activeSheet?.name).toBe('Adhérents');
    // The dashboard sheet says where its chart is and keeps its percentages as numbers.
    const sheet = book.requireSheet('Tableau de bord');
    const cells = sheet.rows.flatMap((line) => line ?? []).filter((c) => !!c);
    expect(
      cells.some((c) => /graphique est dans .*tableau-de-bord\.html/.test(String(c.value))),
    ).toBe(true);
    const percent = cells.filter((c) => c.numberFormat === '0 %');
    expect(percent.length).toBeGreaterThan(0);
    expect(percent.every((c) => typeof c.value === 'number')).toBe(true);
    expect(cells.some((c) => /^\d+ %$/.test(String(c.value)))).toBe(false);
    // Nothing else was written next to the coordinator's files.
    expect(fs.readdirSync(cwd).sort()).toEqual([
      'dossiers.csv',
      'mon-classeur.xlsx',
      'out',
      'vierge',
    ]);
    expect(tree(path.join(cwd, 'out')).filter((f) => /tmp|verrou/.test(f))).toEqual([]);
  });
});
