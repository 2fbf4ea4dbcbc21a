// `synchroniser`: offline against the fake platform (--simulation), usage errors (exit 2), and a
// platform that cannot be reached (exit 1, French message, working workbook unchanged, token unseen).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkbook } from '../../tools/workbook/xlsx';
import { cli, tempDir } from './run';

jest.setTimeout(120_000);

describe('groupement synchroniser', () => {
  it('synchronises a working workbook offline with --simulation, and refuses what is missing', async () => {
    const cwd = tempDir();
    expect(cli(['nouveau'], cwd).status).toBe(0);
    const run = cli(['synchroniser', '--simulation'], cwd);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'Simulation : démarche fictive n° 98765 (60 dossiers), aucun appel réseau.',
    );
    expect(run.stdout).toContain('60 nouvelles lignes, 0 mise à jour');
    const book = await loadWorkbook(path.join(cwd, 'out/classeur.xlsx'));
    expect(book.sheet('Adhérents')?.lastRow()).toBe(61);
    expect(book.sheet('Synchronisation DS (en cours)')).toBeUndefined();

    const before = fs.readFileSync(path.join(cwd, 'out/classeur.xlsx'));
    const noDemarche = cli(['synchroniser'], cwd, { DS_TOKEN: '' });
    expect([noDemarche.status, noDemarche.stderr]).toEqual([
      2,
      expect.stringContaining('Indiquez le numéro de la démarche'),
    ]);
    const noToken = cli(['synchroniser', '--demarche', '12'], cwd, { DS_TOKEN: '' });
    expect([noToken.status, noToken.stderr]).toEqual([
      2,
      expect.stringContaining('variable d’environnement DS_TOKEN'),
    ]);
    const misplaced = cli(['valider', '--simulation'], cwd);
    expect(misplaced.status).toBe(2);
    expect(fs.readFileSync(path.join(cwd, 'out/classeur.xlsx')).equals(before)).toBe(true);
  });

  it('says in French that the platform cannot be reached, writes nothing and never shows the token', () => {
    const cwd = tempDir();
    expect(cli(['nouveau'], cwd).status).toBe(0);
    const before = fs.readFileSync(path.join(cwd, 'out/classeur.xlsx'));
    const token = 'jeton-secret-0123456789abcdef';
    const run = cli(['synchroniser', '--demarche', '98765', '--url', 'https://127.0.0.1:9'], cwd, {
      DS_TOKEN: token,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^Synchronisation impossible : démarches simplifiées ne répond pas \(réseau ou adresse de la plateforme\)/,
    );
    expect(run.stderr).toContain('Le classeur de travail n’a pas été modifié.');
    expect(run.stdout + run.stderr).not.toContain(token);
    expect(fs.readFileSync(path.join(cwd, 'out/classeur.xlsx')).equals(before)).toBe(true);
  });
});
