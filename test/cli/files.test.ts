// The command line's file errors in French, and its all-or-nothing writes, without spawning it.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Outputs, readError, writeError, lockWorkbook, CliError } from '../../tools/cli/files';
import { parseDay } from '../../tools/cli/args';
import { tempDir, tree } from './run';

const errno = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: raw message`), { code });

describe('command-line files', () => {
  it('says in French what to do for each file error, naming the file', () => {
    const file = path.join(process.cwd(), 'mon-classeur.xlsx');
    const cases: [Error, RegExp][] = [
      [errno('ENOENT'), /^Classeur introuvable : mon-classeur\.xlsx .*Vérifiez le nom/],
      [
        errno('EACCES'),
        /^Impossible de lire mon-classeur\.xlsx : accès refusé\. Donnez-vous le droit/,
      ],
      [errno('EPERM'), /accès refusé/],
      [errno('EBUSY'), /verrouillé par un autre programme : fermez-le/],
      [
        new Error("Can't find end of central directory : is this a zip file ?"),
        /n’est pas un classeur \.xlsx lisible/,
      ],
    ];
    for (const [error, message] of cases) {
      const french = readError(error, file, 'Classeur');
      expect(french).toBeInstanceOf(CliError);
      expect(french.message).toMatch(message);
      expect(french.message).not.toMatch(/ENOENT|EACCES|EPERM|EBUSY|central directory/);
    }
    expect(writeError(errno('EACCES'), file).message).toMatch(
      /^Impossible d’écrire mon-classeur\.xlsx : accès refusé\. Choisissez un dossier/,
    );
    expect(writeError(errno('ENOSPC'), file).message).toMatch(/le disque est plein/);
    expect(writeError(errno('EROFS'), file).message).toMatch(/accès refusé/);
  });

  it('refuses impossible dates', () => {
    expect(parseDay('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    for (const text of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31'])
      expect(() => parseDay(text)).toThrow(/cette date n’existe pas/);
  });

  it('writes all outputs or none, and leaves no temporary file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'fichier'), 'x');
    const outputs = new Outputs();
    outputs.folder(path.join(dir, 'out/mails/envois'), [{ name: 'a.eml', data: 'a' }]);
    outputs.file(path.join(dir, 'out/rapport.json'), '{}');
    outputs.file(path.join(dir, 'fichier/impossible.json'), '{}');
    expect(() => outputs.commit()).toThrow(/Impossible d’écrire/);
    expect(tree(dir)).toEqual(['fichier']);
  });

  it('waits for a lock held by a running command, then refuses', async () => {
    const dir = tempDir();
    const workbook = path.join(dir, 'out/classeur.xlsx');
    const release = await lockWorkbook(workbook, 0);
    await expect(lockWorkbook(workbook, 200)).rejects.toThrow(
      /est utilisé par une autre commande .*Attendez qu’elle se termine/,
    );
    release();
    const again = await lockWorkbook(workbook, 0);
    again();
    expect(tree(dir)).toEqual([]);
  });

  it('takes over the lock of a stopped command and removes its temporary files', async () => {
    const dir = tempDir();
    const workbook = path.join(dir, 'out/classeur.xlsx');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    fs.mkdirSync(path.join(dir, 'out/mails/envois-2026-03-02.tmp-' + gone), { recursive: true });
    fs.writeFileSync(path.join(dir, `out/mails/envois-2026-03-02.tmp-${gone}/0001.eml`), '');
    fs.writeFileSync(path.join(dir, `out/classeur.xlsx.tmp-${gone}`), 'moitié');
    fs.writeFileSync(path.join(dir, 'out/classeur.xlsx'), 'entier');
    fs.writeFileSync(`${workbook}.verrou`, `${gone}\n`);
    const release = await lockWorkbook(workbook, 0);
    expect(tree(dir)).toEqual([
      'out',
      'out/classeur.xlsx',
      'out/classeur.xlsx.verrou',
      'out/mails',
    ]);
    release();
  });
});
