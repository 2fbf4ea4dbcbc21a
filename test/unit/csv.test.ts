import { csvField, csvText, parseCsv } from '../../src/core/csv';

describe('CSV writing (one writer for the provider lists, the sample exports and the CLI)', () => {
  const tricky = [
    ['UAI', 'Nom', 'Remarque'],
    ['0541234A', 'Lycée « Poincaré », Nancy', 'dit "oui"\npuis non'],
    ['0551234B', 'Collège; Bar-le-Duc', ''],
  ];

  it.each([';', ','])('reads back what it writes with « %s »', (separator) => {
    const text = csvText(tricky, separator);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text.replace(/\r\n$/, ''), separator)).toEqual(tricky);
  });

  it('quotes a field only for the separators it is given', () => {
    expect(csvField('a,b', ';')).toBe('a,b');
    expect(csvField('a,b', ',')).toBe('"a,b"');
    expect(csvField('a;b', ';,')).toBe('"a;b"');
  });
});
