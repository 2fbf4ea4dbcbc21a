// Command line: runs the built bundle in the emulator on a workbook file, as the coordinator's menus
// would in Google Sheets, and writes the results to out/ (the input file is never modified).
//   groupement [--classeur FICHIER.xlsx] [--sortie DOSSIER]   the coordinator's main job

process.env.TZ = 'Europe/Paris';

import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppsScriptWorld } from '../emulator';
import { loadWorkbook, saveWorkbook } from '../workbook/xlsx';
import { sampleWorkbook } from '../sample/workbook';
import { parseArgs, type CliArgs } from './args';
import { runMainJob } from './jobs';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

const USAGE = `Usage : groupement [commande] [options]

Commandes :
  (aucune)      tâche principale : ouvre le classeur, l'initialise ou le répare, et enregistre le résultat

Options :
  --classeur FICHIER.xlsx   classeur à traiter (par défaut : un classeur d'exemple de 60 établissements fictifs)
  --sortie DOSSIER          dossier des résultats (par défaut : out)
  --aide                    affiche cette aide`;

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
  if (!fs.existsSync(path.join(DIST, 'Code.js'))) {
    console.error('dist/Code.js est absent : lancez « npm run build ».');
    return 1;
  }
  const outDir = path.resolve(args.output);
  const output = path.join(outDir, 'classeur.xlsx');
  if (args.workbook && path.resolve(args.workbook) === output) {
    console.error(
      'Le fichier de sortie serait le fichier d’entrée : choisissez un autre --sortie.',
    );
    return 1;
  }
  fs.mkdirSync(outDir, { recursive: true });
  const spreadsheet = args.workbook
    ? await loadWorkbook(path.resolve(args.workbook))
    : sampleWorkbook(DIST);
  const world = new AppsScriptWorld({ distDir: DIST, spreadsheet, now: args.now });
  const lines = runMainJob(world);
  await saveWorkbook(world.spreadsheet, output);
  console.log(
    [
      `Classeur : ${args.workbook ?? 'exemple (60 établissements fictifs)'}`,
      ...lines,
      `Résultat enregistré dans ${path.relative(process.cwd(), output) || output}`,
    ].join('\n'),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
