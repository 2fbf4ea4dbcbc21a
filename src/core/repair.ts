// Initialising or repairing the workbook, decided from what the sheets hold now: which sheets to
// create, which columns to add at the end, and what to tell the coordinator. Pure: the shell reads
// the header rows, this plans, the shell writes.

import { type ColumnSpec, type SheetSpec, matchHeaders } from './schema';
import { SETTINGS, type SettingSpec } from './settings';
import { normalizeKey } from './text';

export interface SheetSnapshot {
  readonly spec: SheetSpec;
  readonly exists: boolean;
  /** Row 1 as values, up to the last used column. */
  readonly header: readonly unknown[];
  readonly lastRow: number;
  readonly lastColumn: number;
}

export type SheetPlan =
  | { readonly kind: 'create'; readonly spec: SheetSpec }
  | {
      readonly kind: 'update';
      readonly spec: SheetSpec;
      /** Columns to add after the last used column, in this order. */
      readonly added: readonly ColumnSpec[];
      /** Position of every spec column once the added ones are written. */
      readonly positions: ReadonlyMap<string, number>;
    }
  | { readonly kind: 'unrecognised'; readonly spec: SheetSpec; readonly message: string };

export function planSheet(snapshot: SheetSnapshot): SheetPlan {
  const { spec } = snapshot;
  if (!snapshot.exists) return { kind: 'create', spec };
  const match = matchHeaders(spec, snapshot.header);
  if (snapshot.lastRow > 0 && match.positions.size === 0) {
    const expected = spec.columns.map((c) => c.header).join(', ');
    return {
      kind: 'unrecognised',
      spec,
      message:
        `La feuille « ${spec.name} » existe mais sa ligne 1 ne contient aucun des en-têtes attendus ` +
        `(${expected}). Elle n'a pas été modifiée : rétablissez les en-têtes en ligne 1, ou renommez ` +
        `la feuille pour que l'outil en crée une nouvelle, puis relancez « Initialiser / réparer le classeur ».`,
    };
  }
  const positions = new Map(match.positions);
  match.missing.forEach((column, i) => positions.set(column.key, snapshot.lastColumn + 1 + i));
  return { kind: 'update', spec, added: match.missing, positions };
}

/** Settings whose key has no row yet in Paramètres, in the order of the catalogue. */
export function missingSettings(existingKeys: readonly unknown[]): SettingSpec[] {
  const present = new Set(existingKeys.map((k) => normalizeKey(String(k ?? ''))));
  return SETTINGS.filter((s) => !present.has(normalizeKey(s.key)));
}

/** The report shown to the coordinator once the plan is applied. */
export function repairReport(plans: readonly SheetPlan[], addedSettings: number): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    if (plan.kind === 'create') lines.push(`Feuille « ${plan.spec.name} » créée.`);
    else if (plan.kind === 'unrecognised') lines.push(plan.message);
    else if (plan.added.length > 0) {
      const names = plan.added.map((c) => `« ${c.header} »`).join(', ');
      lines.push(
        `Feuille « ${plan.spec.name} » : ${plan.added.length > 1 ? 'colonnes ajoutées' : 'colonne ajoutée'} à la fin : ${names}.`,
      );
    }
  }
  if (addedSettings > 0) {
    lines.push(
      `Paramètres : ${addedSettings} ${addedSettings > 1 ? 'paramètres ajoutés' : 'paramètre ajouté'} avec leur valeur par défaut.`,
    );
  }
  return lines;
}
