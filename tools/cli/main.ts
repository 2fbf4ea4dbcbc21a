// Command line: runs the built bundle in the emulator on a working workbook (DOSSIER/classeur.xlsx),
// as the coordinator's menus would in Google Sheets. The first command on --classeur copies the
// coordinator's file into the working workbook (the file itself is never written); later commands
// continue on it. Every output is prepared in memory and written only once the command has succeeded.

process.env.TZ = 'Europe/Paris';

import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppsScriptWorld, SpreadsheetModel, wallClock } from '../emulator';
import { loadWorkbookFile, workbookBuffer } from '../workbook/xlsx';
import { sampleWorkbook, SAMPLE_TODAY } from '../sample/workbook';
import { sampleMembers } from '../sample/members';
import { exportRows, sampleExport, toCsv } from '../sample/ds-export';
import { parseArgs, type CalendarDay, type CliArgs } from './args';
import {
  CliError,
  Outputs,
  checkInput,
  freeName,
  lockWorkbook,
  readError,
  samePath,
  shown,
} from './files';
import {
  dashboardJob,
  importJob,
  initializeJob,
  syncJob,
  mailJob,
  readExport,
  remindersJob,
  validateJob,
  type MailFiles,
} from './jobs';
import { finishWorkbook } from './finish';
import { dashboardHtml } from '../report/dashboard-html';
import { DEFAULT_DS_URL } from '../../src/core/ds-api';
import { FAKE_DEMARCHE, FAKE_TOKEN, FAKE_URL, FakeDemarchesSimplifiees } from '../fake-ds/server';
import { realNetwork } from './http';
import { plural } from '../../src/core/text';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const WORKBOOK = 'classeur.xlsx';
const SAMPLE_ORIGIN = 'exemple';

const USAGE = `Usage : groupement [commande] [options]

Sur votre classeur, une commande après l’autre : la première copie votre fichier dans le classeur
de travail (out/classeur.xlsx), les suivantes continuent dessus. Votre fichier n’est jamais modifié.

  groupement importer dossiers.csv --classeur mon-classeur.xlsx
  groupement valider
  groupement tableau
  groupement envois
  groupement relances

Commandes :
  nouveau (ou init)         crée un classeur de travail vide, initialisé
  importer EXPORT.csv|xlsx  importe un export démarches simplifiées
  synchroniser              lit les dossiers par l’API de démarches simplifiées et les importe
                            comme un export : --demarche N [--url ADRESSE], jeton dans la
                            variable d’environnement DS_TOKEN ; --simulation : hors ligne, sur
                            une démarche fictive (60 établissements), sans jeton
  valider                   valide les recensements ; rapport dans DOSSIER/rapport.json
  tableau                   actualise le suivi et le tableau de bord ; page autonome, lisible hors
                            ligne : DOSSIER/tableau-de-bord.html
  envois                    transmet aux prestataires et envoie les instructions aux adhérents ;
                            chaque message devient un fichier .eml (rien n’est réellement envoyé)
                            dans un dossier propre à la commande : DOSSIER/mails/envois-AAAA-MM-JJ
  relances                  relances du jour, en .eml : DOSSIER/mails/relances-AAAA-MM-JJ
  (aucune)                  tâche principale : sans --classeur, sur un classeur d’exemple
                            (60 établissements fictifs, au 2 mars 2026) ; avec --classeur, sur
                            votre classeur : initialise ou répare, valide, envois, relances, tableau

Options :
  --classeur FICHIER.xlsx   votre classeur, copié dans le classeur de travail (jamais modifié)
  --sortie DOSSIER          dossier des résultats et du classeur de travail (par défaut : out)
  --rapport FICHIER.json    où écrire le rapport de validation (par défaut : DOSSIER/rapport.json)
  --date AAAA-MM-JJ         date du jour simulée (par défaut : aujourd’hui, heure de Paris)
  --demarche N              synchroniser : numéro de la démarche du recensement
  --url ADRESSE             synchroniser : adresse de la plateforme
                            (par défaut ${DEFAULT_DS_URL})
  --simulation              synchroniser : contre une démarche fictive, sans réseau ni jeton
  --aide                    affiche cette aide

Les chemins se lisent depuis le dossier où vous tapez la commande. Deux commandes sur le même
classeur de travail ne tournent pas en même temps : la seconde attend la fin de la première.`;

/** 08:00 in Paris on the sample's day; 07:30 in Paris on a --date day (the reminders' hour). */
function instantOf(day: CalendarDay, hour: number, minute: number): Date {
  return wallClock.toInstant({ ...day, hour, minute, second: 0 }, 'Europe/Paris');
}

const isoDay = (date: Date): string => {
  const p = wallClock.parts(date, 'Europe/Paris');
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};

async function loadXlsx(
  file: string,
  what: string,
): Promise<{ model: SpreadsheetModel; origin?: string }> {
  checkInput(file, what, ['.xlsx']);
  try {
    return await loadWorkbookFile(file);
  } catch (error) {
    throw readError(error, file, what);
  }
}

async function run(args: CliArgs): Promise<string[]> {
  if (!fs.existsSync(path.join(DIST, 'Code.js')))
    throw new CliError('dist/Code.js est absent : lancez « npm run build » (ou « npm start »).');
  const cwd = process.cwd();
  const outDir = path.resolve(cwd, args.output);
  const working = path.join(outDir, WORKBOOK);
  const sample = args.command === '' && !args.workbook;
  const userFile = args.workbook ? path.resolve(cwd, args.workbook) : undefined;
  const continuing = !!userFile && samePath(userFile, working);
  const exportFile =
    args.command === 'importer' && args.positional[0]
      ? path.resolve(cwd, args.positional[0])
      : undefined;
  if (args.command === 'importer' && !exportFile)
    throw new CliError(
      'Indiquez le fichier d’export à importer : groupement importer dossiers.csv',
      2,
    );
  if (args.command === 'nouveau' && args.workbook)
    throw new CliError('« nouveau » crée un classeur vide : retirez --classeur.', 2);
  if (args.report && !/\.json$/i.test(args.report))
    throw new CliError(
      `Le rapport est un fichier .json : --rapport ${args.report} est refusé (par exemple --rapport rapport.json).`,
      2,
    );
  const token = process.env.DS_TOKEN ?? '';
  if (args.command === 'synchroniser' && !args.simulation) {
    if (!args.demarche)
      throw new CliError(
        'Indiquez le numéro de la démarche : groupement synchroniser --demarche 98765 (ou --simulation pour essayer hors ligne).',
        2,
      );
    if (token.trim() === '')
      throw new CliError(
        'Jeton d’API absent : mettez-le dans la variable d’environnement DS_TOKEN (par exemple DS_TOKEN=… npm start -- synchroniser --demarche 98765), jamais sur la ligne de commande.',
        2,
      );
  }
  if (args.report && !['valider', ''].includes(args.command))
    throw new CliError('--rapport ne sert qu’avec « valider » ou la tâche principale.', 2);

  // Inputs are checked before anything is locked or written.
  if (userFile && !continuing) checkInput(userFile, 'Classeur', ['.xlsx']);
  if (exportFile) {
    checkInput(exportFile, 'Export', ['.csv', '.xlsx']);
    if (samePath(exportFile, working))
      throw new CliError(
        `${shown(exportFile)} est le classeur de travail, pas un export : indiquez le fichier téléchargé depuis démarches simplifiées.`,
      );
  }

  const now = sample
    ? instantOf(args.date ?? SAMPLE_TODAY, 8, 0)
    : args.date
      ? instantOf(args.date, 7, 30)
      : new Date();
  const outputs = new Outputs();
  const lines: string[] = [];
  const mails: MailFiles = [];
  const runName = sample ? SAMPLE_ORIGIN : args.command || 'tache-principale';
  const reportFile = path.resolve(cwd, args.report ?? path.join(outDir, 'rapport.json'));
  const page = path.join(outDir, 'tableau-de-bord.html');

  const release = await lockWorkbook(
    working,
    Number(process.env.GROUPEMENT_ATTENTE_VERROU_MS ?? 120_000),
  );
  try {
    // The working workbook, read only now that no other command can be writing it.
    const exists = fs.existsSync(working);
    let origin: string;
    let model: SpreadsheetModel;
    const existing = async (): Promise<string | undefined> =>
      exists ? (await loadXlsx(working, 'Classeur de travail')).origin : undefined;
    const refuseReplacing = (origin: string | undefined, what: string): never => {
      throw new CliError(
        `Le classeur de travail ${shown(working)} existe déjà (${origin ? describeOrigin(origin) : 'vos commandes précédentes'}) : ${what} ne le remplace pas. Pour continuer dessus, relancez sans --classeur ; pour repartir de zéro, supprimez ${shown(working)} ou choisissez un autre dossier avec --sortie.`,
      );
    };
    // Only the sample's working workbook may be replaced: it is made again by any run of the sample.
    const mayReplace = async (what: string): Promise<void> => {
      if (!exists) return;
      const previous = await existing();
      if (previous !== SAMPLE_ORIGIN) refuseReplacing(previous, what);
      lines.push(`Le classeur d’exemple ${shown(working)} est remplacé.`);
    };
    if (args.command === 'nouveau') {
      await mayReplace('« nouveau »');
      model = new SpreadsheetModel('Groupement d’achats');
      origin = 'nouveau';
    } else if (sample) {
      const previous = await existing();
      if (exists && previous !== SAMPLE_ORIGIN) refuseReplacing(previous, 'l’exemple');
      model = sampleWorkbook(DIST);
      origin = SAMPLE_ORIGIN;
    } else if (userFile && !continuing) {
      await mayReplace(`--classeur ${args.workbook}`);
      model = (await loadXlsx(userFile, 'Classeur')).model;
      origin = `copie de ${userFile}`;
    } else {
      if (!exists)
        throw new CliError(
          `Aucun classeur de travail dans ${shown(outDir)} : commencez par « groupement nouveau » ou par une commande avec --classeur VOTRE-CLASSEUR.xlsx.`,
        );
      const loaded = await loadXlsx(working, 'Classeur de travail');
      if (continuing && loaded.origin === undefined)
        throw new CliError(
          `${shown(working)} est votre fichier et serait aussi le classeur de travail, qui est réécrit : choisissez un autre dossier avec --sortie (votre fichier n’est jamais modifié).`,
        );
      model = loaded.model;
      origin = loaded.origin ?? 'classeur de travail';
    }

    const world = new AppsScriptWorld({ distDir: DIST, spreadsheet: model, now, mailQuota: 1500 });
    lines.push(
      `Classeur : ${sample ? 'exemple (établissements fictifs)' : args.workbook && !continuing ? `${args.workbook} (copié dans le classeur de travail)` : `classeur de travail (${describeOrigin(origin)})`}`,
      `Date : ${new Date(now).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}`,
    );

    const dashboard = (): void => {
      const { model: data, lines: summary } = dashboardJob(world);
      outputs.file(page, dashboardHtml(data, `Tableau de bord — ${world.spreadsheet.name}`));
      lines.push(...summary, `Page du tableau de bord : ${shown(page)}`);
    };
    const validate = (): void => {
      const { report, lines: summary } = validateJob(world);
      outputs.file(reportFile, `${JSON.stringify(report, null, 2)}\n`);
      lines.push(...summary, `Rapport : ${shown(reportFile)}`);
    };
    const collect = (job: { lines: string[]; files: MailFiles }): void => {
      lines.push(...job.lines);
      mails.push(...job.files);
    };

    switch (args.command) {
      case 'nouveau':
        lines.push(...initializeJob(world));
        break;
      case 'importer':
        world.open();
        lines.push(...importJob(world, exportFile as string, await readInput(exportFile!)));
        break;
      case 'synchroniser': {
        world.open();
        if (args.simulation) {
          const fake = new FakeDemarchesSimplifiees({
            members: sampleMembers(),
            now: () => world.clock.now(),
          });
          world.network.handler = fake.handle;
          lines.push(
            `Simulation : démarche fictive n° ${FAKE_DEMARCHE} (${fake.dossiers.length} dossiers), aucun appel réseau.`,
          );
        } else world.network.handler = realNetwork;
        lines.push(
          ...syncJob(world, {
            demarche: args.demarche ?? String(FAKE_DEMARCHE),
            url: args.url ?? (args.simulation ? FAKE_URL : DEFAULT_DS_URL),
            token: args.simulation ? FAKE_TOKEN : token,
            realTime: !args.simulation,
          }),
        );
        break;
      }
      case 'valider':
        world.open();
        validate();
        break;
      case 'envois':
        world.open();
        collect(mailJob(world));
        break;
      case 'relances':
        world.open();
        collect(remindersJob(world));
        break;
      case 'tableau':
        world.open();
        dashboard();
        break;
      default:
        lines.push(...initializeJob(world));
        if (sample) {
          const csvFile = path.join(outDir, 'export-ds-exemple.csv');
          const csv = toCsv(exportRows(sampleExport(sampleMembers())));
          outputs.file(csvFile, csv);
          lines.push(...importJob(world, csvFile, csv));
        }
        validate();
        collect(mailJob(world));
        collect(remindersJob(world));
        dashboard();
    }

    if (['envois', 'relances', ''].includes(args.command)) {
      const parent = path.join(outDir, 'mails');
      const base = `${runName}-${isoDay(now)}`;
      // The sample's folder is its own and is replaced; any other run gets a folder of its own.
      const dir = path.join(parent, sample ? base : freeName(parent, base));
      if (mails.length > 0) {
        outputs.folder(dir, mails);
        lines.push(
          `Dossier des messages (${plural(mails.length, 'fichier')} .eml) : ${shown(dir)}`,
        );
      } else lines.push('Aucun message : aucun dossier de messages créé.');
    }

    finishWorkbook(world.spreadsheet);
    outputs.file(working, await workbookBuffer(world.spreadsheet, { origin }));
    const inputs = [userFile && !continuing ? userFile : undefined, exportFile].filter(
      (f): f is string => !!f,
    );
    for (const output of outputs.paths())
      for (const input of inputs)
        if (samePath(output, input))
          throw new CliError(
            `${shown(output)} serait à la fois lu et écrit : choisissez un autre nom de fichier ou un autre dossier avec --sortie. Rien n’a été écrit.`,
          );
    outputs.commit();
    lines.push(`Classeur de travail enregistré : ${shown(working)}`);
    return lines;
  } finally {
    release();
  }
}

async function readInput(file: string): Promise<string> {
  try {
    return await readExport(file);
  } catch (error) {
    throw readError(error, file, 'Export');
  }
}

function describeOrigin(origin: string): string {
  if (origin === SAMPLE_ORIGIN) return 'classeur d’exemple';
  if (origin === 'nouveau') return 'créé par « nouveau »';
  if (origin.startsWith('copie de ')) return `copie de ${shown(origin.slice('copie de '.length))}`;
  return origin;
}

async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    console.log((await run(args)).join('\n'));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      return error.status;
    }
    console.error(
      `Erreur inattendue : ${error instanceof Error ? error.message : String(error)}\nRien n’a été écrit. Si le problème persiste, signalez-le avec la commande tapée.`,
    );
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
