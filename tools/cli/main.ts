// Command line: runs the built bundle in the emulator on a workbook file, as the coordinator's menus
// would in Google Sheets, and writes the results to out/ (the input files are never modified).

process.env.TZ = 'Europe/Paris';

import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppsScriptWorld } from '../emulator';
import { loadWorkbook, saveWorkbook } from '../workbook/xlsx';
import { sampleWorkbook } from '../sample/workbook';
import { sampleMembers } from '../sample/members';
import { exportRows, sampleExport, toCsv } from '../sample/ds-export';
import { parseArgs, type CliArgs } from './args';
import {
  dashboardJob,
  importJob,
  initializeJob,
  mailJob,
  readExport,
  remindersJob,
  validateJob,
} from './jobs';
import { dashboardHtml } from '../report/dashboard-html';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

const USAGE = `Usage : groupement [commande] [options]

Commandes :
  (aucune)                 tâche principale : initialise ou répare le classeur, importe l'export
                           démarches simplifiées (sur l'exemple : out/export-ds-exemple.csv), valide
                           les recensements, fait les envois (out/mails/*.eml) et les relances
                           du jour (out/relances/*.eml), actualise le
                           suivi et le tableau de bord (out/tableau-de-bord.html), enregistre
                           out/classeur.xlsx
  importer EXPORT.csv|xlsx importe un export démarches simplifiées dans le classeur
  valider                  valide les recensements ; --rapport FICHIER.json écrit le rapport
  envois                   transmet aux prestataires et envoie les instructions aux adhérents
                           dans l'émulateur : chaque message devient un fichier .eml dans
                           DOSSIER/mails (rien n'est réellement envoyé) ; le registre « Envois »
                           est dans DOSSIER/classeur.xlsx
  relances                 calcule les relances du jour (--date AAAA-MM-JJ) et les écrit en .eml
                           dans DOSSIER/relances (rien n'est envoyé)
  tableau                  actualise le suivi et le tableau de bord ; écrit aussi
                           DOSSIER/tableau-de-bord.html (page autonome, lisible hors ligne)

Options :
  --classeur FICHIER.xlsx  classeur à traiter (par défaut : un classeur d'exemple d'établissements fictifs)
  --rapport FICHIER.json   rapport de validation (par défaut : DOSSIER/rapport.json)
  --date AAAA-MM-JJ        date du jour simulée (par défaut : 2026-03-02)
  --sortie DOSSIER         dossier des résultats (par défaut : out)
  --aide                   affiche cette aide`;

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
  if (!['', 'importer', 'valider', 'tableau', 'envois', 'relances'].includes(args.command)) {
    console.error(`Commande inconnue : ${args.command}\n\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(path.join(DIST, 'Code.js'))) {
    console.error('dist/Code.js est absent : lancez « npm run build ».');
    return 1;
  }
  const outDir = path.resolve(args.output);
  const output = path.join(outDir, 'classeur.xlsx');
  const inputs = [args.workbook, args.report, ...args.positional]
    .filter((f): f is string => !!f)
    .map((f) => path.resolve(f));
  if (args.workbook && inputs.slice(0, 1).includes(output)) {
    console.error(
      'Le fichier de sortie serait le classeur d’entrée : choisissez un autre --sortie.',
    );
    return 1;
  }
  fs.mkdirSync(outDir, { recursive: true });
  const spreadsheet = args.workbook
    ? await loadWorkbook(path.resolve(args.workbook))
    : sampleWorkbook(DIST);
  // A Workspace account's daily quota: the .eml files show what would leave.
  const world = new AppsScriptWorld({ distDir: DIST, spreadsheet, now: args.now, mailQuota: 1500 });
  const lines = [`Classeur : ${args.workbook ?? 'exemple (établissements fictifs)'}`];

  if (args.command === 'importer') {
    const file = args.positional[0];
    if (!file) {
      console.error(`Indiquez le fichier d'export à importer.\n\n${USAGE}`);
      return 2;
    }
    world.open();
    lines.push(...importJob(world, path.basename(file), await readExport(path.resolve(file))));
  } else if (args.command === 'valider') {
    world.open();
    const { report, lines: summary } = validateJob(world);
    const reportFile = path.resolve(args.report ?? path.join(outDir, 'rapport.json'));
    fs.writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    lines.push(...summary, `Rapport : ${path.relative(process.cwd(), reportFile) || reportFile}`);
  } else if (args.command === 'envois') {
    world.open();
    lines.push(...mailJob(world, path.join(outDir, 'mails')));
  } else if (args.command === 'relances') {
    world.open();
    lines.push(...remindersJob(world, path.join(outDir, 'relances')));
  } else if (args.command === 'tableau') {
    world.open();
    lines.push(...writeDashboardPage(world, outDir));
  } else {
    lines.push(...initializeJob(world));
    if (!args.workbook) {
      const exportFile = path.join(outDir, 'export-ds-exemple.csv');
      fs.writeFileSync(exportFile, toCsv(exportRows(sampleExport(sampleMembers()))));
      lines.push(
        ...importJob(world, path.basename(exportFile), {
          csv: fs.readFileSync(exportFile, 'utf8'),
        }),
      );
    }
    const { report, lines: summary } = validateJob(world);
    fs.writeFileSync(path.join(outDir, 'rapport.json'), `${JSON.stringify(report, null, 2)}\n`);
    lines.push(...summary);
    lines.push(...mailJob(world, path.join(outDir, 'mails')));
    lines.push(...remindersJob(world, path.join(outDir, 'relances')));
    lines.push(...writeDashboardPage(world, outDir));
  }

  await saveWorkbook(world.spreadsheet, output);
  lines.push(`Résultat enregistré dans ${path.relative(process.cwd(), output) || output}`);
  console.log(lines.join('\n'));
  return 0;
}

function writeDashboardPage(world: AppsScriptWorld, outDir: string): string[] {
  const { model, lines } = dashboardJob(world);
  const page = path.join(outDir, 'tableau-de-bord.html');
  fs.writeFileSync(page, dashboardHtml(model, `Tableau de bord — ${world.spreadsheet.name}`));
  return [...lines, `Page du tableau de bord : ${path.relative(process.cwd(), page) || page}`];
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
