// Issue 12, "Done when": a formula, a note and a background colour in every user column of every
// sheet survive every operation (import, validation, refresh, instructions, transmission, daily
// reminders, forms, initialise/repair), compared cell by cell after each one.

import { LEDGER_SHEET } from '../../src/core/workbook/ledger';
import { REQUESTS_SHEET } from '../../src/core/workbook/requests';
import { CALENDAR_SHEET } from '../../src/core/workbook/calendar';
import { RULES_SHEET } from '../../src/core/workbook/reminder-rules';
import type { SheetSpec } from '../../src/core/schema';
import { matchHeaders } from '../../src/core/schema';
import { SETTINGS_SHEET } from '../../src/core/workbook/settings';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { TEMPLATES_SHEET } from '../../src/core/workbook/templates';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import type { AppsScriptWorld, CellValue, SpreadsheetModel } from '../../tools/emulator';
import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { setSettings } from '../../tools/sample/workbook';
import { PROVIDERS, setCell, worldOn } from '../helpers/mail';
import { newWorld } from '../helpers/world';

const members = sampleMembers(9);

/** A formula whose result is `value`, as a coordinator would type it. */
function formulaOf(value: CellValue): string {
  if (value instanceof Date)
    return `=DATE(${value.getFullYear()};${value.getMonth() + 1};${value.getDate()})`;
  if (typeof value === 'number' || typeof value === 'boolean') return `=${String(value)}`;
  return `="${String(value).replace(/"/g, '""')}"`;
}

interface Decorated {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly header: string;
  readonly value: CellValue;
  readonly formula: string;
}

const SHEETS: readonly [SheetSpec, (row: Record<string, CellValue>) => boolean][] = [
  // A row the validation finds valid: its marks on a faulty cell are the tool's, by design.
  [MEMBERS_SHEET, (r) => r.check === 'Valide'],
  // A convention row: no operation run here moves it on (instructions and steps go to PDF rows).
  [TRACKING_SHEET, (r) => String(r.key).endsWith('|convention')],
  [SETTINGS_SHEET, (r) => r.key === 'groupement.nom'],
  [RULES_SHEET, (r) => r.id === 'foxit'],
  [CALENDAR_SHEET, (r) => r.label === 'Noël 2025'],
  [REQUESTS_SHEET, () => true],
  [TEMPLATES_SHEET, () => true],
  [LEDGER_SHEET, () => true],
];

/** Puts a formula (same result), a note and a colour in every user column of a middle row. */
function decorate(model: SpreadsheetModel): Decorated[] {
  const out: Decorated[] = [];
  for (const [spec, accept] of SHEETS) {
    const sheet = model.requireSheet(spec.name);
    const values = sheet.values();
    const { positions } = matchHeaders(spec, values[0]);
    const rows = values
      .map((line, i) => ({ row: i + 1, line }))
      .slice(1)
      .filter(({ line }) =>
        accept(Object.fromEntries([...positions].map(([k, p]) => [k, line[p - 1]]))),
      );
    if (rows.length === 0)
      throw new Error(`No row to decorate in ${spec.name}: ${JSON.stringify(values.slice(0, 12))}`);
    const { row } = rows[Math.floor((rows.length - 1) / 2)];
    for (const column of spec.columns.filter((c) => c.owner === 'user')) {
      const position = positions.get(column.key) as number;
      const cell = sheet.cell(row, position, true);
      const formula = formulaOf(cell.value);
      cell.formula = formula;
      cell.note = `Note de l’utilisateur (${column.header})`;
      cell.background = '#d9d2e9';
      out.push({
        sheet: spec.name,
        row,
        column: position,
        header: column.header,
        value: cell.value,
        formula,
      });
    }
  }
  return out;
}

function damaged(world: AppsScriptWorld, cells: readonly Decorated[]): string[] {
  const out: string[] = [];
  for (const d of cells) {
    const cell = world.spreadsheet.requireSheet(d.sheet).cell(d.row, d.column, false);
    const where = `${d.sheet} ligne ${d.row} « ${d.header} »`;
    if (cell?.formula !== d.formula) out.push(`${where} : formule ${String(cell?.formula)}`);
    if (cell?.note !== `Note de l’utilisateur (${d.header})`)
      out.push(`${where} : note ${String(cell?.note)}`);
    if (cell?.background !== '#d9d2e9') out.push(`${where} : couleur ${String(cell?.background)}`);
  }
  return out;
}

function prepared(): SpreadsheetModel {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  setSettings(world.spreadsheet, PROVIDERS);
  world.run('importDsCsv', [toCsv(exportRows(members)), 'dossiers.csv']);
  // Member 4's convention is signed: nothing to correct, so validation leaves its row alone.
  const adherents = world.spreadsheet.requireSheet(MEMBERS_SHEET.name);
  const fourth = (r: Record<string, CellValue>) => r.uai === members[4].uai;
  setCell(adherents, MEMBERS_SHEET, fourth, 'convention', 'Signée en ligne');
  setCell(adherents, MEMBERS_SHEET, fourth, 'signatureDate', new Date(2026, 1, 2));
  world.run('validateCensus');
  world.run('refreshTrackingFromMenu');
  world.run('saveRequest', [
    { date: '2026-02-02', uai: members[0].uai, subject: 'Question', status: 'En attente' },
  ]);
  world.run('saveRequest', [
    { date: '2026-02-03', uai: members[1].uai, subject: 'Autre', status: 'En attente' },
  ]);
  world.run('startInstructions', [{ service: 'convention' }]);
  return world.spreadsheet;
}

describe('user formulas, notes and colours survive every operation', () => {
  const changed = members.map((m, i) =>
    i % 3 === 0 ? { ...m, email: `gestion.${m.uai.toLowerCase()}@ac-nancy-metz.fr` } : m,
  );
  const operations: [string, (world: AppsScriptWorld) => void][] = [
    ['import', (w) => w.run('importDsCsv', [toCsv(exportRows(changed)), 'dossiers.csv'])],
    ['validation', (w) => w.run('validateCensus')],
    ['refresh', (w) => w.run('refreshTrackingFromMenu')],
    ['instructions', (w) => w.run('startInstructions', [{ service: 'pdf' }])],
    [
      'transmission',
      (w) => {
        w.ui.answer('YES');
        w.clickMenu('Transmettre aux prestataires');
      },
    ],
    ['daily reminders', (w) => w.run('dailyReminders')],
    [
      'member form',
      (w) => {
        // The member's own row, as the form loads it, with only the wave changed.
        const form = w.run<Record<string, unknown>>('getMember', [members[4].uai]).value;
        const fields = Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'row'));
        w.run('saveMember', [{ ...fields, wave: 'Printemps 2026' }]);
      },
    ],
    [
      'step form',
      (w) => w.run('recordStep', [{ uai: members[2].uai, service: 'pdf', step: 'sent' }]),
    ],
    [
      'request form',
      (w) =>
        w.run('saveRequest', [
          { date: '2026-03-01', uai: members[3].uai, subject: 'Encore', status: 'En attente' },
        ]),
    ],
    ['initialise/repair', (w) => w.run('initializeWorkbookFromMenu')],
  ];

  it.each(operations)('%s', (name, operation) => {
    const model = prepared();
    const cells = decorate(model);
    expect(cells.length).toBeGreaterThan(30);
    const world = worldOn(model);
    world.open();
    try {
      operation(world);
    } catch {
      // a refusal is fine here: what matters is what the operation left in the cells
    }
    // The member form changes the wave of the decorated row: that cell alone takes the new value.
    const expected =
      name === 'member form'
        ? [cells.find((c) => c.sheet === MEMBERS_SHEET.name && c.header === 'Vague')].map(
            (c) => `${c?.sheet} ligne ${c?.row} « Vague » : formule undefined`,
          )
        : [];
    expect(damaged(world, cells)).toEqual(expected);
  });
});
