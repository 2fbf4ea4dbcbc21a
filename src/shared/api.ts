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

export interface ServerApi {
  getHelpContent(): HelpContent;
}

/** Every server function of ServerApi, for the bundle test that checks each is a global. */
export const SERVER_FUNCTIONS = ['getHelpContent'] as const satisfies readonly (keyof ServerApi)[];
type Missing = Exclude<keyof ServerApi, (typeof SERVER_FUNCTIONS)[number]>;
// Compile-time check: adding a function to ServerApi without listing it above is an error.
export const SERVER_FUNCTIONS_COMPLETE: Missing extends never ? true : never = true;
