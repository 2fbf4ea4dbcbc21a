// The command line's files: paths read from where the command was typed, French messages for every
// file error, outputs written to a temporary name then renamed into place, and the lock file that
// keeps two commands off one working workbook.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** A failure the coordinator can act on: a French message and the exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

/** A path as the coordinator sees it: relative to where the command was typed when inside it. */
export function shown(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The same file, even through a symbolic link or another spelling of the path. */
export function samePath(a: string, b: string): boolean {
  const real = (f: string): string => {
    try {
      return fs.realpathSync(f);
    } catch {
      // Not there yet: its folder may exist under another spelling.
      try {
        return path.join(fs.realpathSync(path.dirname(f)), path.basename(f));
      } catch {
        return path.resolve(f);
      }
    }
  };
  return real(a) === real(b);
}

const code = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | undefined)?.code;

/** A French message for an error met while reading `file`. */
export function readError(error: unknown, file: string, what: string): CliError {
  if (error instanceof CliError) return error;
  const name = shown(file);
  switch (code(error)) {
    case 'ENOENT':
      return new CliError(
        `${what} introuvable : ${name} (cherché depuis ${process.cwd()}). Vérifiez le nom du fichier et le dossier où vous tapez la commande.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new CliError(
        `Impossible de lire ${name} : accès refusé. Donnez-vous le droit de lecture sur ce fichier ou copiez-le ailleurs.`,
      );
    case 'EISDIR':
      return new CliError(`${name} est un dossier : indiquez le fichier lui-même.`);
    case 'EBUSY':
      return new CliError(
        `${name} est verrouillé par un autre programme : fermez-le (tableur ouvert ?) puis relancez la commande.`,
      );
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/central directory|zip|signature|end of data|corrupt|invalid|unexpected|not a/i.test(message))
    return new CliError(
      `${name} n’est pas un classeur .xlsx lisible (fichier abîmé ou d’un autre format) : ouvrez-le dans votre tableur et enregistrez-le de nouveau au format Excel (.xlsx).`,
    );
  return new CliError(`Lecture de ${name} impossible : ${message}`);
}

/** A French message for an error met while writing into `file`. */
export function writeError(error: unknown, file: string): CliError {
  if (error instanceof CliError) return error;
  const name = shown(file);
  switch (code(error)) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new CliError(
        `Impossible d’écrire ${name} : accès refusé. Choisissez un dossier de résultats où vous pouvez écrire (--sortie DOSSIER).`,
      );
    case 'ENOSPC':
      return new CliError(
        `Impossible d’écrire ${name} : le disque est plein. Libérez de la place.`,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new CliError(
        `Impossible d’écrire ${name} : un fichier porte déjà le nom d’un dossier du chemin. Choisissez un autre --sortie.`,
      );
    case 'EBUSY':
      return new CliError(
        `${name} est verrouillé par un autre programme : fermez-le (tableur ouvert ?) puis relancez la commande.`,
      );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(`Écriture de ${name} impossible : ${message}`);
}

/** Checks that an input file is there and readable before anything else is done. */
export function checkInput(file: string, what: string, extensions: readonly string[]): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    throw readError(error, file, what);
  }
  const extension = path.extname(file).toLowerCase();
  if (!extensions.includes(extension)) {
    throw new CliError(
      extensions.includes('.csv')
        ? `${shown(file)} n’est pas un export reconnu : CSV (.csv) ou Excel (.xlsx) attendu, tel que démarches simplifiées le télécharge.`
        : `${shown(file)} n’est pas un classeur .xlsx : ouvrez-le dans votre tableur et enregistrez-le au format Excel (.xlsx).`,
    );
  }
}

/** Outputs prepared in memory, written only once everything has succeeded. */
export class Outputs {
  private readonly files: { file: string; data: string | Buffer }[] = [];
  private readonly folders: { dir: string; files: { name: string; data: string }[] }[] = [];

  file(file: string, data: string | Buffer): void {
    this.files.push({ file, data });
  }

  folder(dir: string, files: { name: string; data: string }[]): void {
    this.folders.push({ dir, files });
  }

  paths(): string[] {
    return [...this.files.map((f) => f.file), ...this.folders.map((f) => f.dir)];
  }

  /**
   * Writes each output to a temporary name in its folder, then renames them all into place; on a
   * failure, removes the temporary files and the folders this call created.
   */
  commit(): void {
    const created: string[] = [];
    const temporary: string[] = [];
    const renames: [string, string][] = [];
    const suffix = `.tmp-${process.pid}`;
    const mkdir = (dir: string): void => {
      const first = fs.mkdirSync(dir, { recursive: true });
      if (first) created.push(first);
    };
    let current = '';
    try {
      for (const { dir, files } of this.folders) {
        current = dir;
        mkdir(path.dirname(dir));
        const tmp = dir + suffix;
        fs.mkdirSync(tmp);
        temporary.push(tmp);
        for (const f of files) fs.writeFileSync(path.join(tmp, f.name), f.data);
        renames.push([tmp, dir]);
      }
      for (const { file, data } of this.files) {
        current = file;
        mkdir(path.dirname(file));
        const tmp = file + suffix;
        fs.writeFileSync(tmp, data);
        temporary.push(tmp);
        renames.push([tmp, file]);
      }
      for (const [tmp, final] of renames) {
        current = final;
        if (fs.existsSync(final) && fs.statSync(final).isDirectory())
          fs.rmSync(final, { recursive: true });
        fs.renameSync(tmp, final);
      }
    } catch (error) {
      for (const tmp of temporary) fs.rmSync(tmp, { recursive: true, force: true });
      for (const dir of created.reverse()) removeIfEmpty(dir);
      throw writeError(error, current);
    }
  }
}

function removeIfEmpty(dir: string): void {
  try {
    for (const entry of fs.readdirSync(dir)) removeIfEmpty(path.join(dir, entry));
    fs.rmdirSync(dir);
  } catch {
    // Not a folder, or not empty: kept.
  }
}

/** Removes what a stopped command `pid` left under its temporary names, in `dir` and below. */
function removeTemporaryFiles(dir: string, pid: number): void {
  const suffix = `.tmp-${pid}`;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name.endsWith(suffix)) fs.rmSync(full, { recursive: true, force: true });
    else if (entry.isDirectory()) removeTemporaryFiles(full, pid);
  }
}

/** The first free folder name: `base`, then `base-2`, `base-3`… */
export function freeName(parent: string, base: string): string {
  let name = base;
  for (let n = 2; fs.existsSync(path.join(parent, name)); n++) name = `${base}-${n}`;
  return name;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
};

/**
 * Takes the lock file of a working workbook (`classeur.xlsx.verrou`, created exclusively). A lock
 * left by a process that no longer runs is taken over; one held by a running command is waited for,
 * up to `waitMs`, then the command stops with a message. Returns the release function.
 */
export async function lockWorkbook(workbook: string, waitMs: number): Promise<() => void> {
  const lock = `${workbook}.verrou`;
  let created: string | undefined;
  try {
    created = fs.mkdirSync(path.dirname(workbook), { recursive: true });
  } catch (error) {
    throw writeError(error, path.dirname(workbook));
  }
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(lock, 'wx');
      fs.writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
      fs.closeSync(fd);
      return () => {
        fs.rmSync(lock, { force: true });
        // A folder this command created and left empty (it failed) does not stay behind.
        if (created) removeIfEmpty(created);
      };
    } catch (error) {
      if (code(error) !== 'EEXIST') throw writeError(error, lock);
    }
    let pid: number;
    try {
      pid = Number(fs.readFileSync(lock, 'utf8').split('\n')[0]);
    } catch {
      continue; // released meanwhile
    }
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      // The command that held it was stopped (Ctrl+C, crash): its temporary files go too. The lock
      // is moved aside first (atomic), so that two commands taking it over at once cannot both
      // remove it; a lock moved aside that turns out to be a live one is put back.
      const aside = `${lock}.${process.pid}`;
      try {
        fs.renameSync(lock, aside);
      } catch {
        continue;
      }
      const moved = Number(fs.readFileSync(aside, 'utf8').split('\n')[0]);
      if (moved !== pid && alive(moved)) {
        try {
          fs.linkSync(aside, lock); // never over a lock taken meanwhile
        } catch {
          // Another command took the lock meanwhile: it is theirs now.
        }
        fs.rmSync(aside, { force: true });
        continue;
      }
      fs.rmSync(aside, { force: true });
      removeTemporaryFiles(path.dirname(workbook), pid);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new CliError(
        `Le classeur de travail ${shown(workbook)} est utilisé par une autre commande (processus ${Number.isNaN(pid) ? 'inconnu' : pid}, verrou ${shown(lock)}). Attendez qu’elle se termine puis relancez ; si aucune commande ne tourne, supprimez ${shown(lock)}.`,
      );
    }
    if (!announced) {
      console.error(
        `Le classeur de travail ${shown(workbook)} est utilisé par une autre commande : attente de la fin de celle-ci…`,
      );
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
