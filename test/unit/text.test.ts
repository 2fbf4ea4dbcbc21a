import {
  asLiteralCellText,
  cellText,
  columnLetter,
  formatNumberFr,
  headerText,
  literalCellText,
  normalizeKey,
  parsePlainTextBehaviour,
  agreement,
  plural,
} from '../../src/core/text';

describe('text helpers', () => {
  it('matches headers ignoring case, accents, spaces and punctuation', () => {
    expect(normalizeKey('  État  DS ')).toBe(normalizeKey('etat ds'));
    expect(normalizeKey('N° dossier')).toBe('ndossier');
    expect(normalizeKey('Certificats RGS** (Certigna)')).toBe('certificatsrgscertigna');
  });

  it('keeps typed text literal: formulas, numbers, dates and phones stay text', () => {
    expect(asLiteralCellText('=1+1')).toBe("'=1+1");
    expect(asLiteralCellText('+33 6 12')).toBe("'+33 6 12");
    expect(asLiteralCellText('-5')).toBe("'-5");
    expect(asLiteralCellText('@foo')).toBe("'@foo");
    expect(asLiteralCellText('0612345678')).toBe("'0612345678");
    expect(asLiteralCellText('28/08/2025')).toBe("'28/08/2025");
    expect(asLiteralCellText("'quoted")).toBe("''quoted");
    expect(asLiteralCellText('Collège Les Tilleuls')).toBe('Collège Les Tilleuls');
    expect(asLiteralCellText('')).toBe('');
  });

  it('writes numbers and dates the French way', () => {
    expect(formatNumberFr(1234.5)).toBe('1\u202f234,5');
    expect(formatNumberFr(-3)).toBe('-3');
    expect(cellText(new Date(2025, 7, 28))).toBe('28/08/2025');
    expect(cellText(true)).toBe('Oui');
    expect(plural(1, 'ligne')).toBe('1 ligne');
    expect(plural(3, 'ligne')).toBe('3 lignes');
    // French: singular for 0 and 1; thousands grouped; an irregular plural and a verb agreeing.
    expect(plural(0, 'ligne créée', 'lignes créées')).toBe('0 ligne créée');
    expect(plural(5000, 'mise à jour', 'mises à jour')).toBe('5\u202f000 mises à jour');
    expect(`${plural(2, 'adhérent a', 'adhérents ont')} déjà`).toBe('2 adhérents ont déjà');
    expect(agreement(1, 'marquée')).toBe('marquée');
    expect(agreement(4, 'marquée')).toBe('marquées');
  });

  it('names columns with letters', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('keeps a header on one line, without bidi controls', () => {
    expect(
      headerText(
        ' Lycée\r\nNord\rEst\nOuest\u2028Annexe\u2029B\u0085C\u000bD\u0000E \u202Egnp.exe\u202C \u2066x\u2069\u200E\u200F\u061C\u202A\u202B\u202D\u2067\u2068 ',
      ),
    ).toBe('Lycée Nord Est Ouest Annexe B C D E gnp.exe x');
    expect(headerText('Groupement d’achats – services numériques')).toBe(
      'Groupement d’achats – services numériques',
    );
  });
});

describe('literalCellText', () => {
  const hidden = { apostropheKept: false, equalsIsFormula: true };
  const kept = { apostropheKept: true, equalsIsFormula: false };
  const keptFormula = { apostropheKept: true, equalsIsFormula: true };

  it('prefixes an apostrophe in General cells whatever the Plain-text behaviour', () => {
    expect(literalCellText('03 83 00 00 00', '', kept)).toBe("'03 83 00 00 00");
    expect(literalCellText('=x', '', kept)).toBe("'=x");
  });

  it('prefixes in Plain-text cells of a spreadsheet that hides the apostrophe', () => {
    expect(literalCellText('03 83 00 00 00', '@', hidden)).toBe("'03 83 00 00 00");
  });

  it('writes as given in Plain-text cells of a spreadsheet that keeps the apostrophe', () => {
    expect(literalCellText('03 83 00 00 00', '@', kept)).toBe('03 83 00 00 00');
    expect(literalCellText('=x', '@', kept)).toBe('=x');
    expect(literalCellText('=x', '@', keptFormula)).toBe("'=x");
  });

  it('reads the stored behaviour, defaulting to the hidden apostrophe', () => {
    expect(parsePlainTextBehaviour(null)).toEqual(hidden);
    expect(parsePlainTextBehaviour('not json')).toEqual(hidden);
    expect(parsePlainTextBehaviour(JSON.stringify(kept))).toEqual(kept);
  });
});
