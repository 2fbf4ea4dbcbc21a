// The in-memory Apps Script emulator: entry point for tests, the command line and the benchmark.

export {
  AppsScriptWorld,
  SIX_MINUTES,
  type GasGlobals,
  type RunOptions,
  type RunResult,
  type TimeDrivenEvent,
  type WorldOptions,
  timeDrivenEvent,
} from './world';
export {
  Execution,
  ExecutionKilled,
  ZERO_LATENCY,
  type CallCost,
  type LatencyModel,
} from './execution';
export {
  ClientForm,
  ENCODE_IN_PAGE,
  ScriptRunError,
  checkClientArguments,
  decodeFromPage,
  toClientResult,
  type PageWire,
} from './client';
export { detectScopes, projectScopes, type GrantedScopes } from './scopes';
export { SpreadsheetModel, SheetModel, type Cell } from './spreadsheet-model';
export type { SentMail } from './mail';
export type { TriggerModel } from './script';
export type { HttpAnswer, HttpHandler, HttpRequest } from './url-fetch';
export type { CellValue } from './values';
export { wallClock } from './zone';
export { parseCsv, formatDate } from './utilities';
