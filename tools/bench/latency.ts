// The latency model of the benchmark: simulated cost of each Apps Script call, in milliseconds.

import type { LatencyModel } from '../emulator';

/**
 * SpreadsheetApp: fitted to Google's best-practices page (Apps Script guides, "Best practices":
 * writing a 100 × 100 grid cell by cell took about 70 s, one batched call about 1 s). With 3.5 ms a
 * call and 0.1 ms a cell, 20,000 calls (getRange + setValue per cell) give 71 s and one batched
 * setValues of 10,000 cells 1 s. MailApp (250 ms a message), PropertiesService, ScriptApp,
 * LockService and the others are our assumptions, not Google figures; so is UrlFetchApp: 1.5 s for
 * one démarches simplifiées GraphQL page of 100 dossiers (round trip from Google plus the
 * platform's work on about fifteen champs a dossier).
 */
export const LATENCY_MODEL: LatencyModel & { readonly source: string } = {
  perCall: {
    default: 5,
    SpreadsheetApp: 3.5,
    MailApp: 250,
    PropertiesService: 10,
    ScriptApp: 50,
    LockService: 10,
    HtmlService: 5,
    Utilities: 1,
    Session: 5,
    Logger: 1,
    UrlFetchApp: 1500,
  },
  perCell: 0.1,
  source:
    "SpreadsheetApp : ajusté sur la page « Best practices » d'Apps Script (100 × 100 cellules écrites une à une ≈ 70 s, en un appel ≈ 1 s) ; autres services : hypothèses (UrlFetchApp : 1,5 s par page de 100 dossiers de démarches simplifiées).",
};
