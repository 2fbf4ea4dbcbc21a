// French number and plural wording, shared by the server and the pages.

/** 1234.5 -> '1 234,5' (narrow no-break space between thousands). */
export function formatNumberFr(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [int, dec] = Math.abs(value).toString().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return (value < 0 ? '-' : '') + grouped + (dec ? ',' + dec : '');
}

/** French plural (singular for 0 and 1): plural(2, 'ligne') -> '2 lignes'. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumberFr(count)} ${agreement(count, singular, pluralForm)}`;
}

/** The form of a word or phrase that agrees with a count, without the count: 'a' or 'ont'. */
export function agreement(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count > 1 ? pluralForm : singular;
}
