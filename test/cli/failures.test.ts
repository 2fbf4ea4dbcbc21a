// Every failure of the command line: a non-zero exit, a French message that names the file and says
// what to do, nothing half-written left behind, the coordinator's files unchanged.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpreadsheetModel } from '../../tools/emulator';
import { loadWorkbook, saveWorkbook } from '../../tools/workbook/xlsx';
import { ROOT, cli, cliAsync, sampleCsv, tempDir, tree, type Run } from './run';

jest.setTimeout(300_000);

const TECHNICAL = /ENOENT|EEXIST|EACCES|ENOTDIR|File not found|central directory|Error:|at .*\.js/;

function refused(run: Run, status: number, message: RegExp): void {
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(TECHNICAL);
  expect(run.status).toBe(status);
}

describe('failures', () => {
  it('refuses a workbook it cannot read, and impossible dates, leaving nothing behind', async () => {
    // The same files in a folder of each refusal's own: the refusals run side by side, and two
    // commands on the same default workbook would wait for each other's lock.
    const folder = (): string => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'pas un classeur');
      fs.writeFileSync(path.join(dir, 'abime.xlsx'), Buffer.from('PK\u0003\u0004 abîmé'));
      fs.mkdirSync(path.join(dir, 'dossier.xlsx'));
      return dir;
    };
    const cwd = folder();
    const before = tree(cwd);
    const damaged = fs.readFileSync(path.join(cwd, 'abime.xlsx'));

    // Each refusal is its own process, as typed, and leaves its folder as it was.
    const refusals: [string[], number, RegExp][] = [
      [
        ['valider', '--classeur', 'absent.xlsx'],
        1,
        /Classeur introuvable : absent\.xlsx .*Vérifiez le nom du fichier/,
      ],
      [
        ['valider', '--classeur', 'notes.txt'],
        1,
        /notes\.txt n’est pas un classeur \.xlsx : .*enregistrez-le au format Excel/,
      ],
      [
        ['valider', '--classeur', 'abime.xlsx'],
        1,
        /abime\.xlsx n’est pas un classeur \.xlsx lisible \(fichier abîmé/,
      ],
      [['valider', '--classeur', 'dossier.xlsx'], 1, /dossier\.xlsx est un dossier/],
      [['valider'], 1, /Aucun classeur de travail dans out : commencez par/],
      [['importer'], 2, /Indiquez le fichier d’export/],
      [['--date', '2026-02-30'], 2, /--date 2026-02-30 : cette date n’existe pas/],
      [['relances', '--date', '2026-13-01'], 2, /cette date n’existe pas/],
      [['relances', '--date', '02/03/2026'], 2, /s’écrit AAAA-MM-JJ/],
      [['--inconnue'], 2, /Option inconnue : --inconnue/],
      [['publier'], 2, /Commande inconnue : publier/],
      [['nouveau', '--sortie', 'notes.txt/out'], 1, /Impossible d’écrire notes\.txt/],
    ];
    const folders = refusals.map(folder);
    const runs = await Promise.all(refusals.map(([args], i) => cliAsync(args, folders[i])));
    runs.forEach((run, i) => refused(run, refusals[i][1], refusals[i][2]));
    for (const dir of folders) {
      expect(tree(dir)).toEqual(before);
      expect(fs.readFileSync(path.join(dir, 'abime.xlsx')).equals(damaged)).toBe(true);
    }

    // The help shows the chain on one's own files first, in lines that do not wrap.
    const help = cli(['--aide'], cwd);
    expect(help.status).toBe(0);
    expect(help.stdout.indexOf('importer dossiers.csv --classeur mon-classeur.xlsx')).toBeLessThan(
      help.stdout.indexOf('Commandes :'),
    );
    expect(help.stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);

    expect(tree(cwd)).toEqual(before);
    expect(fs.readFileSync(path.join(cwd, 'abime.xlsx')).equals(damaged)).toBe(true);
  });

  it('refuses a failed import, an output over an input and a working workbook it would replace', async () => {
    const cwd = tempDir();
    expect(cli(['nouveau'], cwd).status).toBe(0);
    const working = path.join(cwd, 'out/classeur.xlsx');
    const bytes = fs.readFileSync(working);
    fs.writeFileSync(path.join(cwd, 'mauvais.csv'), 'Colonne;Autre\r\n1;2\r\n');
    const bad = new SpreadsheetModel('Export');
    bad.addSheet('Dossiers').cell(1, 1, true).value = 'Colonne';
    bad.requireSheet('Dossiers').cell(2, 1, true).value = 1;
    await saveWorkbook(bad, path.join(cwd, 'mauvais.xlsx'));
    // The coordinator's own file (saved by a spreadsheet program, not by the command line).
    const own = await loadWorkbook(working);
    await saveWorkbook(own, path.join(cwd, 'classeur.xlsx'));
    fs.mkdirSync(path.join(cwd, 'mien'));
    await saveWorkbook(own, path.join(cwd, 'mien/classeur.xlsx'));
    fs.writeFileSync(path.join(cwd, 'fichier'), '');
    const before = tree(cwd);

    // The same failure from a CSV and from an XLSX export: exit 1, the workbook unchanged.
    refused(
      cli(['importer', 'mauvais.csv'], cwd),
      1,
      /Import de mauvais\.csv impossible : .* Le classeur n’a pas été modifié\./,
    );
    refused(
      cli(['importer', 'mauvais.xlsx'], cwd),
      1,
      /Import de mauvais\.xlsx impossible : .* Le classeur n’a pas été modifié\./,
    );
    refused(cli(['importer', 'absent.csv'], cwd), 1, /Export introuvable : absent\.csv/);
    refused(cli(['importer', 'notes.doc'], cwd), 1, /Export introuvable : notes\.doc/);
    refused(
      cli(['importer', 'out/classeur.xlsx'], cwd),
      1,
      /out\/classeur\.xlsx est le classeur de travail, pas un export/,
    );
    // No output may be an input.
    refused(
      cli(['valider', '--rapport', 'out/classeur.xlsx'], cwd),
      2,
      /Le rapport est un fichier \.json/,
    );
    refused(
      cli(['valider', '--classeur', 'classeur.xlsx', '--sortie', '.'], cwd),
      1,
      /classeur\.xlsx est votre fichier et serait aussi le classeur de travail/,
    );
    refused(
      cli(['valider', '--classeur', 'mien/classeur.xlsx', '--sortie', 'mien'], cwd),
      1,
      /mien\/classeur\.xlsx est votre fichier/,
    );
    // A working workbook is never replaced behind the coordinator's back.
    refused(
      cli(['valider', '--classeur', 'classeur.xlsx'], cwd),
      1,
      /Le classeur de travail out\/classeur\.xlsx existe déjà \(créé par « nouveau »\) : --classeur classeur\.xlsx ne le remplace pas\. Pour continuer dessus, relancez sans --classeur/,
    );
    refused(cli(['nouveau'], cwd), 1, /existe déjà .*« nouveau » ne le remplace pas/);
    refused(cli([], cwd), 1, /existe déjà .*l’exemple ne le remplace pas/);
    // A write that fails half-way: nothing is renamed into place, no temporary file stays.
    refused(
      cli(['valider', '--rapport', 'fichier/rapport.json'], cwd),
      1,
      /Impossible d’écrire fichier\/rapport\.json/,
    );

    expect(tree(cwd)).toEqual(before);
    expect(fs.readFileSync(working).equals(bytes)).toBe(true);
  });

  it('runs two commands on one working workbook one after the other, losing neither result', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'dossiers.csv'), sampleCsv());
    expect(cli(['nouveau'], cwd).status).toBe(0);
    expect(cli(['importer', 'dossiers.csv'], cwd).status).toBe(0);
    const [validated, refreshed] = await Promise.all([
      cliAsync(['valider'], cwd),
      cliAsync(['tableau'], cwd),
    ]);
    expect([validated.status, refreshed.status]).toEqual([0, 0]);
    const book = await loadWorkbook(path.join(cwd, 'out/classeur.xlsx'));
    const members = book.requireSheet('Adhérents').values();
    const control = members[0].indexOf('Contrôle');
    expect(members.slice(1).filter((r) => r[control] !== '').length).toBe(58);
    expect(book.requireSheet('Suivi').lastRow()).toBeGreaterThan(53);
    expect(tree(path.join(cwd, 'out')).filter((f) => /tmp|verrou/.test(f))).toEqual([]);

    // A command still running holds the lock: the next one waits, then stops with a message.
    const lock = path.join(cwd, 'out/classeur.xlsx.verrou');
    const bytes = fs.readFileSync(path.join(cwd, 'out/classeur.xlsx'));
    fs.writeFileSync(lock, `${process.pid}\n`);
    const waited = cli(['valider'], cwd, { GROUPEMENT_ATTENTE_VERROU_MS: '500' });
    expect(waited.status).toBe(1);
    expect(waited.stderr).toMatch(
      /Le classeur de travail out\/classeur\.xlsx est utilisé par une autre commande .*supprimez out\/classeur\.xlsx\.verrou/,
    );
    expect(fs.readFileSync(path.join(cwd, 'out/classeur.xlsx')).equals(bytes)).toBe(true);
    expect(fs.existsSync(lock)).toBe(true);
    // A lock left by a command that no longer runs is taken over.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(lock, `${gone}\n`);
    expect(cli(['valider'], cwd).status).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('reads paths from the folder where npm start was typed', () => {
    const cwd = tempDir();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'tools/start.js'), 'nouveau'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: cwd },
    });
    // Quiet: at most one French line when it builds, never webpack's log.
    expect(run.stderr).not.toMatch(/webpack|compiled|asset|modules/);
    expect(run.stdout).toContain('Classeur de travail enregistré : out/classeur.xlsx');
    expect(fs.existsSync(path.join(cwd, 'out/classeur.xlsx'))).toBe(true);
  });
});
