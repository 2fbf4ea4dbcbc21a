// What a recipient reads: the mails and the sidebars are typeset (narrow no-break spaces, one
// apostrophe) by the project's one typography function; expectations written in plain text go
// through it too, and `typographyFaults` says where a text breaks the rules.

export { typeset as fr } from '../../src/core/text';

const RULES: readonly (readonly [string, RegExp])[] = [
  ['espace ordinaire avant une ponctuation haute', /[^\s\u202f][ \u00a0][:;!?»]/g],
  ['espace ordinaire après «', /«[ \u00a0]/g],
  ['apostrophe droite', /\p{L}'\p{L}/gu],
];

/** Each place where `text` breaks French typography, named in French; empty when it is right. */
export function typographyFaults(text: string): string[] {
  return RULES.flatMap(([rule, pattern]) =>
    (text.match(pattern) ?? []).map((match) => `${rule} « ${match} »`),
  );
}
