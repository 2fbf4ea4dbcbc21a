// Issue 12, point 3: a CSV saved by Excel on Windows (Windows-1252) is read as such, and the result
// says which encoding was read; text that already lost its characters is refused with the reason.

import type { ImportOutcome } from '../../src/shared/api';
import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import type { AppsScriptWorld } from '../../tools/emulator';
import { columnOf } from '../helpers/members';
import { workbookPicture } from '../helpers/snapshot';
import { newWorld } from '../helpers/world';

/** Windows-1252 bytes of a text (Latin-1, plus the typographic characters Excel writes). */
function cp1252(text: string): Buffer {
  const high: Record<string, number> = {
    '€': 0x80,
    '’': 0x92,
    '‘': 0x91,
    '“': 0x93,
    '”': 0x94,
    œ: 0x9c,
    Œ: 0x8c,
    '–': 0x96,
    '—': 0x97,
  };
  return Buffer.from(
    [...text].map((ch) => {
      if (high[ch] !== undefined) return high[ch];
      const code = ch.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
      return code;
    }),
  );
}

const members = sampleMembers(6).map((m, i) =>
  i === 0 ? { ...m, name: 'Lycée Jean-Baptiste Œuvray – L’Étoile', commune: 'Épinal' } : m,
);

function initializedWorld(): AppsScriptWorld {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  return world;
}

const upload = (world: AppsScriptWorld, bytes: Buffer, name = 'dossiers.csv') =>
  world.run<ImportOutcome>('importDsCsvFile', [bytes.toString('base64'), name]).value;

const membersOf = (world: AppsScriptWorld) => world.spreadsheet.requireSheet('Adhérents').values();

describe('CSV encoding (point 3)', () => {
  const csv = toCsv(exportRows(members), ';', false);

  it('reads a Windows-1252 file saved by Excel, and says so', () => {
    const world = initializedWorld();
    const outcome = upload(world, cp1252(csv));
    expect(outcome.created).toBe(6);
    expect(outcome.lines[0]).toBe('Source : fichier « dossiers.csv », lu en Windows-1252.');
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    expect(sheet.value(2, columnOf('name'))).toBe('Lycée Jean-Baptiste Œuvray – L’Étoile');
    expect(sheet.value(2, columnOf('commune'))).toBe('Épinal');
  });

  it('reads a UTF-8 file (with or without BOM) into the same rows, and says so', () => {
    const ansi = initializedWorld();
    upload(ansi, cp1252(csv));
    const utf8 = initializedWorld();
    const outcome = upload(utf8, Buffer.from(`\ufeff${csv}`, 'utf8'));
    expect(outcome.lines[0]).toBe('Source : fichier « dossiers.csv », lu en UTF-8.');
    expect(membersOf(utf8)).toEqual(membersOf(ansi));
    const plain = initializedWorld();
    upload(plain, Buffer.from(csv, 'utf8'));
    expect(membersOf(plain)).toEqual(membersOf(ansi));
  });

  it('refuses text that was decoded as UTF-8 although it was not, naming the encoding', () => {
    const world = initializedWorld();
    const garbled = cp1252(csv).toString('utf8'); // what reading the file as UTF-8 gives
    const before = workbookPicture(world.spreadsheet);
    expect(() => world.run('importDsCsv', [garbled, 'excel.csv'])).toThrow(
      /^Le fichier « excel\.csv » contient des caractères illisibles \(« \ufffd », ligne 1\) .*Windows-1252/,
    );
    expect(workbookPicture(world.spreadsheet)).toEqual(before);
  });

  it('explains a transfer that is not base64', () => {
    const world = initializedWorld();
    expect(() => world.run('importDsCsvFile', ['%%%', 'x.csv'])).toThrow(
      "Le fichier « x.csv » n'a pas été transmis correctement",
    );
  });
});
