// Importing the démarches simplifiées export through the bundle: CSV with ";" or ",", with BOM,
// XLSX (pasted into "Import DS"), idempotent re-import, renamed or missing columns.

import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ImportOutcome } from '../../src/shared/api';
import { exportRows, sampleExport, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { typeMembers } from '../../tools/sample/workbook';
import { importJob, readExport } from '../../tools/cli/jobs';
import { workbookPicture } from '../helpers/snapshot';
import { columnOf } from '../helpers/members';
import { newWorld } from '../helpers/world';
import type { AppsScriptWorld, CellValue } from '../../tools/emulator';

const members = sampleMembers(60);

function initializedWorld(typed = 0): AppsScriptWorld {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  typeMembers(world.spreadsheet, members.slice(0, typed));
  return world;
}

const importCsv = (world: AppsScriptWorld, csv: string, name = 'dossiers.csv') =>
  world.run<ImportOutcome>('importDsCsv', [csv, name]).value;

function picturesWithoutJournal(world: AppsScriptWorld): unknown {
  return (workbookPicture(world.spreadsheet) as { name: string }[]).filter(
    (s) => s.name !== 'Journal',
  );
}

describe('census import', () => {
  it('imports a ";" CSV with BOM built from the real header list into an empty members sheet', () => {
    const world = initializedWorld();
    const outcome = importCsv(world, toCsv(exportRows(members.slice(0, 10)), ';', true));
    expect(outcome).toMatchObject({ created: 10, updated: 0, unchanged: 0, rejected: 0 });
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    const m = members[0];
    expect(sheet.value(2, columnOf('dossier'))).toBe(String(m.dossier));
    expect(sheet.value(2, columnOf('uai'))).toBe(m.uai);
    expect(sheet.value(2, columnOf('name'))).toBe(m.name);
    expect(sheet.value(2, columnOf('commune'))).toBe(m.commune);
    expect(sheet.value(2, columnOf('dsState'))).toBe(m.dsState);
    expect(sheet.value(2, columnOf('signerPhone'))).toBe(m.signerPhone);
    expect((sheet.value(2, columnOf('depositDate')) as Date).toDateString()).toBe(
      m.depositDate.toDateString(),
    );
    expect(sheet.value(2, columnOf('qty_pdf'))).toBe(m.quantities.pdf);
    expect(sheet.value(2, columnOf('importNote'))).toBe('Nouvelle ligne (import du 02/03/2026)');
    expect(sheet.value(2, columnOf('convention'))).toBe('');
    expect(world.spreadsheet.requireSheet('Journal').values().at(-1)?.[2]).toBe(
      'Import du recensement (démarches simplifiées)',
    );
  });

  it('gives the same rows from a "," CSV without BOM and from an XLSX export', async () => {
    const rows = exportRows(members.slice(0, 8));
    const semicolon = initializedWorld();
    importCsv(semicolon, toCsv(rows, ';', true));
    const comma = initializedWorld();
    importCsv(comma, toCsv(rows, ',', false));
    const xlsxWorld = initializedWorld();
    const workbook = new ExcelJS.Workbook();
    const dossiers = workbook.addWorksheet('Dossiers');
    rows.forEach((r) => dossiers.addRow(r));
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'ds-')),
      'dossiers_recensement_2026-03-02_08-00.xlsx',
    );
    await workbook.xlsx.writeFile(file);
    xlsxWorld.open();
    importJob(xlsxWorld, path.basename(file), await readExport(file));
    const typed = (w: AppsScriptWorld) => w.spreadsheet.requireSheet('Adhérents').values();
    expect(typed(comma)).toEqual(typed(semicolon));
    expect(typed(xlsxWorld)).toEqual(typed(semicolon));
    expect(typed(semicolon)).toHaveLength(9);
  });

  it('keeps quotes, separators and line breaks inside cells', () => {
    const world = initializedWorld();
    const rows = exportRows(members.slice(0, 1)) as CellValue[][];
    const nameColumn = rows[0].indexOf('Établissement');
    rows[1][nameColumn] = 'Lycée "Les Tilleuls; site B"\nannexe, Nancy (0540015Y)';
    importCsv(world, toCsv(rows, ';', true));
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    expect(sheet.value(2, columnOf('name'))).toBe('Lycée "Les Tilleuls; site B"\nannexe');
    expect(sheet.value(2, columnOf('uai'))).toBe('0540015Y');
  });

  it('upserts by dossier then UAI: new rows appended, changes updated, absent and closed rows marked, nothing deleted', () => {
    const world = initializedWorld(56);
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    sheet.cell(5, columnOf('comment'), true).value = 'relancé par téléphone';
    sheet.cell(10, columnOf('dossier'), true).value = '';
    const outcome = importCsv(world, toCsv(exportRows(sampleExport(members))));
    expect(outcome.created).toBe(4);
    expect(sheet.lastRow()).toBe(61);
    expect(sheet.value(5, columnOf('comment'))).toBe('relancé par téléphone');
    expect(sheet.value(10, columnOf('dossier'))).toBe(String(members[8].dossier));
    expect(sheet.value(9, columnOf('dsState'))).toBe('Classé sans suite');
    expect(sheet.value(9, columnOf('importNote'))).toBe(
      'Classé sans suite sur démarches simplifiées : retrait, force majeure à confirmer (import du 02/03/2026)',
    );
    expect(sheet.value(56, columnOf('importNote'))).toMatch(/^Absent de l'export du 02\/03\/2026/);
    expect(sheet.value(57, columnOf('importNote'))).toMatch(/^Absent de l'export du 02\/03\/2026/);
    expect(sheet.value(5, columnOf('importNote'))).toMatch(
      /^Mise à jour le 02\/03\/2026 : Logiciel PDF \(Foxit\)$/,
    );
    expect(outcome.lines).toContain(
      "2 lignes du classeur absentes de l'export : marquées « Absent de l'export », conservées.",
    );
  });

  it('importing the same file twice changes nothing (but the journal line)', () => {
    const world = initializedWorld(20);
    const csv = toCsv(exportRows(sampleExport(members)));
    importCsv(world, csv);
    const once = picturesWithoutJournal(world);
    world.clock.advance(3 * 86_400_000);
    const second = importCsv(world, csv);
    expect(second).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(picturesWithoutJournal(world)).toEqual(once);
  });

  it('names the required columns missing from a customised export, and writes nothing', () => {
    const world = initializedWorld();
    const rows = exportRows(members.slice(0, 3)) as CellValue[][];
    rows[0] = rows[0].map((h) =>
      h === 'État du dossier' ? 'Statut DS' : h === 'Établissement' ? 'Etab.' : h,
    );
    const schoolColumn = rows[0].indexOf('Etab.');
    rows.slice(1).forEach((r) => (r[schoolColumn] = 'Lycée'));
    const before = picturesWithoutJournal(world);
    expect(() => importCsv(world, toCsv(rows))).toThrow(
      "Colonnes obligatoires absentes de l'export : « État du dossier » (État DS), « Établissement » (annuaire de l’éducation) ou « UAI ».",
    );
    expect(picturesWithoutJournal(world)).toEqual(before);
  });

  it('follows the mapping sheet when the export template renames columns', () => {
    const world = initializedWorld();
    const rows = exportRows(members.slice(0, 3)) as CellValue[][];
    rows[0] = rows[0].map((h) =>
      h === 'État du dossier' ? 'Statut DS' : h === 'Logiciel PDF (Foxit)' ? 'Licences PDF' : h,
    );
    const mapping = world.spreadsheet.requireSheet('Correspondance DS');
    const line = (field: string) => mapping.values().findIndex((r) => r[0] === field) + 1;
    mapping.cell(line('dsState'), 3, true).value = 'Statut DS';
    mapping.cell(line('qty_pdf'), 3, true).value = 'Licences PDF ; Logiciel PDF (Foxit)';
    const outcome = importCsv(world, toCsv(rows));
    expect(outcome.created).toBe(3);
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    expect(sheet.value(2, columnOf('dsState'))).toBe(members[0].dsState);
    expect(sheet.value(2, columnOf('qty_pdf'))).toBe(members[0].quantities.pdf);
  });

  it('rejects lines without dossier or UAI, and repeated dossiers, with reasons', () => {
    const world = initializedWorld();
    const rows = exportRows(members.slice(0, 3)) as CellValue[][];
    rows[2][0] = '';
    rows[2][rows[0].indexOf('Établissement')] = 'Sans code';
    rows.push([...rows[1]]);
    const outcome = importCsv(world, toCsv(rows));
    expect(outcome).toMatchObject({ created: 2, rejected: 2 });
    expect(outcome.lines).toContain(
      "Rejet : ligne 3 de l'export : ni N° de dossier ni UAI lisible, ligne ignorée.",
    );
    expect(outcome.lines.join('\n')).toMatch(
      /ligne 5 de l'export : dossier \d+ déjà présent plus haut/,
    );
  });

  it('imports what the coordinator pasted into "Import DS", and explains an empty sheet', () => {
    const world = initializedWorld();
    world.run('importDsSheetFromMenu');
    expect(world.ui.lastDialog()?.message).toMatch(/^La feuille « Import DS » est vide/);
    const sheet = world.spreadsheet.requireSheet('Import DS');
    sheet.maxColumns = 40; // pasting a wide export widens the sheet
    exportRows(members.slice(0, 4)).forEach((r, i) =>
      r.forEach((v, c) => v !== '' && (sheet.cell(i + 1, c + 1, true).value = v)),
    );
    world.run('importDsSheetFromMenu');
    expect(world.ui.lastDialog()?.message).toContain('4 nouvelles lignes');
    expect(world.spreadsheet.requireSheet('Adhérents').lastRow()).toBe(5);
  });

  it('explains an unreadable CSV', () => {
    const world = initializedWorld();
    expect(() => importCsv(world, 'ID;État du dossier\n"12;Accepté\n', 'casse.csv')).toThrow(
      "Le fichier « casse.csv » n'est pas un CSV lisible",
    );
  });
});

describe('census import killed after its marks', () => {
  it('writes, once run again, the note an uninterrupted import writes (every field of the row)', () => {
    // One row gains an accepted state and two more RGS** certificates: two columns change.
    const typed = members.slice(0, 3).map((m) => ({ ...m, dsState: 'En instruction' }));
    const exported = members
      .slice(0, 3)
      .map((m, i) =>
        i === 1 ? { ...m, dsState: 'Accepté', quantities: { ...m.quantities, rgs: 2 } } : m,
      );
    const csv = toCsv(exportRows(exported));
    const start = () => {
      const world = newWorld();
      world.run('initializeWorkbookFromMenu');
      typeMembers(world.spreadsheet, typed);
      return world;
    };
    const reference = start();
    const total = (reference.run('importDsCsv', [csv, 'e.csv']) as { execution: { total: number } })
      .execution.total;
    const note = (w: AppsScriptWorld) =>
      w.spreadsheet.requireSheet('Adhérents').value(3, columnOf('importNote'));
    expect(note(reference)).toMatch(/Mise à jour le 02\/03\/2026 : .*État DS.*Certificats RGS/);
    for (let kill = 1; kill < total; kill++) {
      const world = start();
      expect(() => world.run('importDsCsv', [csv, 'e.csv'], { killAtCall: kill })).toThrow();
      world.run('importDsCsv', [csv, 'e.csv']);
      expect([kill, note(world)]).toEqual([kill, note(reference)]);
    }
  });
});
