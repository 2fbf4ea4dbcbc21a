// The types the server and the pages speak: each server function a page may call through
// google.script.run, with its arguments and its result.

export interface HelpItem {
  readonly text: string;
  readonly link?: string;
}

export interface HelpSection {
  readonly title: string;
  readonly items: readonly HelpItem[];
}

export interface HelpContent {
  readonly title: string;
  readonly sections: readonly HelpSection[];
  /** Problems found in Paramètres, shown at the top of the page. */
  readonly warnings: readonly string[];
}

export interface ValidationCell {
  readonly a1: string;
  readonly row: number;
  readonly uai: string;
  readonly message: string;
}

export interface ValidationGroup {
  readonly code: string;
  readonly title: string;
  readonly severity: 'bloquant' | 'avertissement';
  readonly cells: readonly ValidationCell[];
}

export interface ValidationSummary {
  readonly sheet: string;
  readonly summary: {
    readonly rows: number;
    readonly ok: number;
    readonly warnings: number;
    readonly blocking: number;
  };
  readonly groups: readonly ValidationGroup[];
}

/** What an import did, in French lines for the coordinator. */
export interface ImportOutcome {
  readonly lines: readonly string[];
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/** An activation step reached by a member for a service (the "Étape" form). */
export interface StepRequest {
  readonly uai: string;
  readonly service: string;
  readonly step: string;
  /** yyyy-mm-dd; today when empty. */
  readonly date?: string;
  readonly comment?: string;
}

export interface MailingFilter {
  readonly service: string;
  readonly step?: string;
  readonly wave?: string;
  /** Send again to members who already received these instructions at this step. */
  readonly resend?: boolean;
}

export interface MailingOptions {
  readonly services: readonly {
    readonly id: string;
    readonly label: string;
    readonly steps: readonly string[];
  }[];
  readonly waves: readonly string[];
  readonly testMode: boolean;
}

export interface MailingPreview {
  readonly count: number;
  readonly recipients: number;
  readonly quota: number;
  readonly index: number;
  readonly problems: readonly string[];
  /** Members who already have this message in the ledger (not planned again unless resent). */
  readonly already: number;
  /** Members left out, each with the reason. */
  readonly skipped: readonly string[];
  readonly message: {
    readonly to: string;
    readonly cc: string;
    readonly subject: string;
    readonly html: string;
    readonly text: string;
  } | null;
}

/** The "Adhérent" form: text as typed; quantities as typed (checked on the server). */
export interface MemberForm {
  readonly uai: string;
  readonly name: string;
  readonly commune: string;
  readonly status: string;
  readonly email: string;
  readonly wave: string;
  readonly convention: string;
  readonly quantities: Readonly<Record<string, string>>;
}

export interface FormResult {
  readonly ok: boolean;
  readonly message: string;
  /** French messages by field name, for the fields in error. */
  readonly errors: Readonly<Record<string, string>>;
}

export interface MemberChoices {
  readonly services: readonly {
    readonly id: string;
    readonly label: string;
    readonly steps: readonly { readonly id: string; readonly label: string }[];
    readonly current: string;
  }[];
  readonly name: string;
}

export interface RequestForm {
  readonly date: string;
  readonly uai: string;
  readonly subject: string;
  readonly status: string;
}

/** One line of "Vérifier l'installation". */
export interface InstallationLine {
  readonly topic: string;
  readonly status: 'ok' | 'à corriger';
  readonly text: string;
  /** What to do ('' for a line that is OK). */
  readonly action: string;
}

export interface InstallationReport {
  readonly summary: string;
  readonly lines: readonly InstallationLine[];
  /** The spreadsheet's time zone or locale is wrong: the page offers to set them. */
  readonly canFixZones: boolean;
  /** What was just changed (after setTimeZoneAndLocale). */
  readonly done?: readonly string[];
}

/** The "Connexion démarches simplifiées" page: the settings, never the token itself. */
export interface DsConnectionView {
  readonly demarche: string;
  readonly url: string;
  readonly defaultUrl: string;
  readonly oldUrl: string;
  /** Whether this user has a token saved (in their user properties). */
  readonly hasToken: boolean;
  /** "dd/mm/yyyy hh:mm" of the last complete sync's newest change ('' before the first). */
  readonly lastSync: string;
  /** A sync is paused and continues on its own. */
  readonly pending: boolean;
  /** The daily run synchronises before the reminders. */
  readonly beforeReminders: boolean;
}

/** What the page sends: a token of '' keeps the saved one. */
export interface DsConnectionForm {
  readonly demarche: string;
  readonly url: string;
  readonly token: string;
  readonly beforeReminders: boolean;
}

/** The outcome of a sync: the import's result lines, or where a paused sync stands. */
export interface DsSyncResult {
  readonly lines: readonly string[];
  readonly done: boolean;
}

/**
 * Property signatures (not methods), so that the server's functions are checked strictly (a
 * parameter's type cannot be widened or narrowed unnoticed): see PAGE_FUNCTIONS in src/index.ts.
 */
export interface ServerApi {
  readonly getFormDefaults: () => { readonly domain: string };
  readonly getMember: (uai: string) => (MemberForm & { readonly row: number }) | null;
  readonly saveMember: (form: MemberForm) => FormResult;
  readonly getStepChoices: (uai: string) => MemberChoices;
  readonly saveRequest: (form: RequestForm) => FormResult;
  readonly getMailingOptions: () => MailingOptions;
  readonly previewInstructions: (filter: MailingFilter, index: number) => MailingPreview;
  readonly sendInstructionsTest: (filter: MailingFilter, index: number) => string;
  readonly startInstructions: (filter: MailingFilter) => readonly string[];
  readonly recordStep: (request: StepRequest) => string;
  readonly getHelpContent: () => HelpContent;
  readonly getValidationSummary: () => ValidationSummary;
  readonly selectMemberCell: (a1: string) => void;
  readonly importDsCsv: (text: string, fileName: string) => ImportOutcome;
  readonly importDsCsvFile: (base64: string, fileName: string) => ImportOutcome;
  readonly checkInstallation: () => InstallationReport;
  readonly setTimeZoneAndLocale: () => InstallationReport;
  readonly getDsConnection: () => DsConnectionView;
  readonly saveDsConnection: (form: DsConnectionForm) => FormResult & {
    readonly view: DsConnectionView;
  };
  readonly removeDsToken: () => DsConnectionView;
  readonly testDsConnection: () => readonly string[];
  readonly syncDsNow: () => DsSyncResult;
}

/** Every server function of ServerApi, for the bundle test that checks each is a global. */
export const SERVER_FUNCTIONS = [
  'getHelpContent',
  'getValidationSummary',
  'selectMemberCell',
  'importDsCsv',
  'importDsCsvFile',
  'recordStep',
  'getMailingOptions',
  'previewInstructions',
  'sendInstructionsTest',
  'startInstructions',
  'getFormDefaults',
  'getMember',
  'saveMember',
  'getStepChoices',
  'saveRequest',
  'checkInstallation',
  'setTimeZoneAndLocale',
  'getDsConnection',
  'saveDsConnection',
  'removeDsToken',
  'testDsConnection',
  'syncDsNow',
] as const satisfies readonly (keyof ServerApi)[];
type Missing = Exclude<keyof ServerApi, (typeof SERVER_FUNCTIONS)[number]>;
// Compile-time check: adding a function to ServerApi without listing it above is an error.
export const SERVER_FUNCTIONS_COMPLETE: Missing extends never ? true : never = true;
