// Command-line arguments, in French, shared by every subcommand.

import { CliError } from './files';

export const COMMANDS = [
  '',
  'nouveau',
  'importer',
  'synchroniser',
  'valider',
  'tableau',
  'envois',
  'relances',
];

export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface CliArgs {
  readonly command: string;
  readonly workbook?: string;
  readonly report?: string;
  readonly output: string;
  readonly date?: CalendarDay;
  readonly help: boolean;
  readonly positional: readonly string[];
  /** synchroniser: the démarche's number and the platform's address, or the offline simulation. */
  readonly demarche?: string;
  readonly url?: string;
  readonly simulation: boolean;
}

/** "AAAA-MM-JJ" as a calendar day; an impossible day (30 February, month 13) is refused. */
export function parseDay(text: string): CalendarDay {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const refuse = (why: string): never => {
    throw new CliError(`--date ${text} : ${why}`, 2);
  };
  if (!m) return refuse('la date s’écrit AAAA-MM-JJ, par exemple 2026-03-02.');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  )
    return refuse('cette date n’existe pas dans le calendrier.');
  return { year, month, day };
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const positional: string[] = [];
  let workbook: string | undefined;
  let report: string | undefined;
  let output = 'out';
  let date: CalendarDay | undefined;
  let help = false;
  let demarche: string | undefined;
  let url: string | undefined;
  let simulation = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--'))
        throw new CliError(`L’option ${arg} attend une valeur.`, 2);
      return next;
    };
    switch (arg) {
      case '--classeur':
        workbook = value();
        break;
      case '--rapport':
        report = value();
        break;
      case '--sortie':
        output = value();
        break;
      case '--date':
        date = parseDay(value());
        break;
      case '--demarche':
        demarche = value();
        break;
      case '--url':
        url = value();
        break;
      case '--simulation':
        simulation = true;
        break;
      case '--aide':
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        if (arg.startsWith('--')) throw new CliError(`Option inconnue : ${arg}`, 2);
        positional.push(arg);
    }
  }
  const command = positional[0] === 'init' ? 'nouveau' : (positional[0] ?? '');
  if (!help && !COMMANDS.includes(command)) throw new CliError(`Commande inconnue : ${command}`, 2);
  if (!help && command !== 'synchroniser' && (demarche || url || simulation))
    throw new CliError('--demarche, --url et --simulation ne servent qu’avec « synchroniser ».', 2);
  return {
    command,
    workbook,
    report,
    output,
    date,
    help,
    positional: positional.slice(1),
    demarche,
    url,
    simulation,
  };
}
