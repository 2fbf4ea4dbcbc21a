// Command-line arguments, in French, shared by every subcommand.

export interface CliArgs {
  readonly command: string;
  readonly workbook?: string;
  readonly report?: string;
  readonly output: string;
  readonly now?: Date;
  readonly help: boolean;
  readonly positional: readonly string[];
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const positional: string[] = [];
  let workbook: string | undefined;
  let report: string | undefined;
  let output = 'out';
  let now: Date | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--'))
        throw new Error(`L'option ${arg} attend une valeur.`);
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
      case '--date': {
        const text = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
          throw new Error(`--date attend une date AAAA-MM-JJ (reçu : ${text}).`);
        now = new Date(`${text}T07:30:00`); // local time: the command line runs in Europe/Paris
        break;
      }
      case '--aide':
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        if (arg.startsWith('--')) throw new Error(`Option inconnue : ${arg}`);
        positional.push(arg);
    }
  }
  return {
    command: positional[0] ?? '',
    workbook,
    report,
    output,
    now,
    help,
    positional: positional.slice(1),
  };
}
