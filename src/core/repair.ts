// Initialising or repairing the workbook, decided from what the sheets hold now: which sheets to
// create, which columns to add at the end, and what to tell the coordinator. Pure: the shell reads
// the header rows, this plans, the shell writes.

import { type CellValue, type ColumnSpec, type SheetSpec, matchHeaders } from './schema';
import { cellText, normalizeKey } from './text';

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
  if (spec.freeform) return { kind: 'update', spec, added: [], positions: new Map() };
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

/** Seed rows of a sheet whose key is not in the sheet yet, in the seed's order. */
export function missingSeedRows(
  spec: SheetSpec,
  existingKeys: readonly CellValue[],
): Record<string, CellValue>[] {
  if (!spec.seed) return [];
  const { keyColumn, rows } = spec.seed;
  const present = new Set(existingKeys.map((k) => normalizeKey(cellText(k))));
  return rows.filter((row) => !present.has(normalizeKey(cellText(row[keyColumn]))));
}

/** The report shown to the coordinator once the plan is applied. */
export function repairReport(
  plans: readonly SheetPlan[],
  seeded: ReadonlyMap<string, number> = new Map(),
): string[] {
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
  for (const [name, count] of seeded) {
    if (count > 0) {
      const rows = count > 1 ? 'lignes ajoutées' : 'ligne ajoutée';
      lines.push(`Feuille « ${name} » : ${count} ${rows} avec leur valeur par défaut.`);
    }
  }
  return lines;
}
