// Bad input on every path (sheets, CSV import, forms, settings, pages' arguments): each case gets
// its French message, naming the sheet, the row or the field, and nothing else changes.

import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import type { CellValue } from '../../tools/emulator';
import { GOOD_MEMBER } from '../helpers/good-member';
import { typeRows } from '../helpers/members';
import { newWorld } from '../helpers/world';

function initialized() {
  const w = newWorld();
  w.run('initializeWorkbookFromMenu');
  return w;
}

const member = (changes: Record<string, string>) => ({
  uai: '0540015Y',
  name: 'Lycée',
  commune: '',
  status: '',
  email: '',
  wave: '',
  convention: '',
  quantities: {},
  ...changes,
});

describe('bad input gets a clear French message', () => {
  it.each<[string, Record<string, string>, Record<string, string>]>([
    ['empty UAI', { uai: '' }, { uai: 'Saisissez le code UAI (7 caractères et une lettre).' }],
    [
      'UAI of 7 characters',
      { uai: '054001Y' },
      { uai: '« 054001Y » n’est pas un UAI : 7 chiffres suivis d’une lettre (ex. 0540015Y).' },
    ],
    [
      'wrong check letter',
      { uai: '0540015A' },
      { uai: 'Lettre de contrôle incorrecte : pour 0540015, la lettre attendue est Y.' },
    ],
    ['missing name', { name: '  ' }, { name: 'Saisissez le nom de l’établissement.' }],
    [
      'bad address',
      { email: 'ce.0540015y@' },
      { email: '« ce.0540015y@ » n’est pas une adresse électronique valide.' },
    ],
    ['unknown status', { status: 'Mixte' }, { status: 'Choisissez Public ou Privé.' }],
    [
      'unknown convention state',
      { convention: 'Faxée' },
      { convention: 'Choisissez un état de convention de la liste.' },
    ],
  ])('member form: %s', (_label, changes, errors) => {
    const w = initialized();
    const { value } = w.run<{ ok: boolean; errors: Record<string, string>; message: string }>(
      'saveMember',
      [member(changes)],
    );
    expect(value).toEqual({
      ok: false,
      message: 'Rien n’a été enregistré : corrigez les champs signalés.',
      errors,
    });
    expect(w.spreadsheet.requireSheet('Adhérents').lastRow()).toBe(1);
  });

  it('member form: quantities that are not whole numbers', () => {
    const w = initialized();
    const form = { ...member({}), quantities: { pdf: 'deux', tpe: '-1', vote: '1.5' } };
    const { value } = w.run<{ errors: Record<string, string> }>('saveMember', [form]);
    expect(value.errors).toEqual({
      qty_vote: 'Vote électronique : saisissez un nombre entier positif (ou laissez vide).',
      qty_tpe: 'TPE : saisissez un nombre entier positif (ou laissez vide).',
      qty_pdf: 'Logiciel PDF : saisissez un nombre entier positif (ou laissez vide).',
    });
  });

  it.each<[string, Record<string, string>, Record<string, string>]>([
    ['no subject', { subject: '' }, { subject: 'Saisissez l’objet de la demande.' }],
    ['impossible date', { date: '2026-02-30' }, { date: 'Saisissez une date valide.' }],
    ['unknown status', { status: 'Oubliée' }, { status: 'Choisissez un statut de la liste.' }],
  ])('request form: %s', (_label, changes, errors) => {
    const w = initialized();
    const { value } = w.run<{ ok: boolean; errors: Record<string, string> }>('saveRequest', [
      {
        date: '2026-03-02',
        uai: '0540015Y',
        subject: 'Question',
        status: 'En attente',
        ...changes,
      },
    ]);
    expect(value).toMatchObject({ ok: false, errors });
    expect(w.spreadsheet.requireSheet('Demandes').lastRow()).toBe(1);
  });

  it.each<[string, unknown, string]>([
    [
      'a date that is not a date',
      { uai: '0540015Y', service: 'pdf', step: 'transmitted', date: '02/03/2026' },
      'Date « 02/03/2026 » invalide : attendu AAAA-MM-JJ.',
    ],
    [
      'an unknown service',
      { uai: '0540015Y', service: 'fax', step: 'transmitted' },
      'Service « fax » inconnu.',
    ],
    ['a bad UAI', { uai: '<b>', service: 'pdf', step: 'transmitted' }, 'UAI « <b> » invalide.'],
    [
      'no tracking row',
      { uai: '0540015Y', service: 'pdf', step: 'transmitted' },
      'Aucune ligne de suivi pour 0540015Y — Logiciel PDF',
    ],
  ])('step form: %s', (_label, request, message) => {
    const w = initialized();
    expect(() => w.run('recordStep', [request])).toThrow(message);
  });

  it.each<[string, string, string]>([
    ['an empty file', '', 'Le fichier est vide.'],
    [
      'an unclosed quote',
      'ID;État du dossier\n"1;Accepté\n',
      "Le fichier « export.csv » n'est pas un CSV lisible (guillemet non fermé ?). Réexportez-le depuis démarches simplifiées.",
    ],
    [
      'a header only',
      'Nom;Prénom\n',
      "Colonnes obligatoires absentes de l'export : « ID » (N° dossier), « État du dossier » (État DS), « Établissement » (annuaire de l’éducation) ou « UAI ».",
    ],
  ])('CSV import: %s', (_label, csv, message) => {
    const w = initialized();
    expect(() => w.run('importDsCsv', [csv, 'export.csv'])).toThrow(message);
    expect(w.spreadsheet.requireSheet('Adhérents').lastRow()).toBe(1);
  });

  it('CSV import: lines without dossier nor UAI are rejected with their line number', () => {
    const w = initialized();
    const rows = exportRows(sampleMembers(2)) as CellValue[][];
    rows[1][0] = '';
    rows[1][rows[0].indexOf('Établissement')] = 'Sans code';
    const { value } = w.run<{ lines: string[] }>('importDsCsv', [toCsv(rows), 'export.csv']);
    expect(value.lines).toContain(
      "Rejet : ligne 2 de l'export : ni N° de dossier ni UAI lisible, ligne ignorée.",
    );
  });

  it('sheets: a missing sheet and a missing column are named', () => {
    const w = initialized();
    w.spreadsheet.sheets = w.spreadsheet.sheets.filter((s) => s.name !== 'Suivi');
    w.run('refreshTrackingFromMenu');
    expect(w.ui.lastDialog()?.message).toBe(
      "La feuille « Suivi » est introuvable. Lancez « Groupement d'achats › Initialiser / réparer le classeur ».",
    );
    const members = w.spreadsheet.requireSheet('Adhérents');
    members.cell(1, 2, true).value = 'Code';
    w.run('validateCensusFromMenu');
    expect(w.ui.lastDialog()?.message).toBe(
      "Feuille « Adhérents », ligne 1 : colonne introuvable : « UAI ». Rétablissez l'en-tête ou lancez « Initialiser / réparer le classeur ».",
    );
  });

  it('settings: a bad value is named with its row and column; the default applies only where no mail depends on it', () => {
    const w = initialized();
    const settings = w.spreadsheet.requireSheet('Paramètres');
    const row = settings.values().findIndex((r) => r[0] === 'groupement.adresse') + 1;
    settings.cell(row, 3, true).value = 'pas une adresse';
    const delay = settings.values().findIndex((r) => r[0] === 'delai.adherentJours') + 1;
    settings.cell(delay, 3, true).value = 'quinze';
    const { value } = w.run<{ warnings: string[] }>('getHelpContent');
    expect(value.warnings).toEqual([
      `Feuille « Paramètres », ligne ${row}, colonne « Valeur » (groupement.adresse) : « pas une adresse » n'est pas une adresse électronique valide. Aucun envoi ne part tant qu’elle n’est pas corrigée.`,
      `Feuille « Paramètres », ligne ${delay}, colonne « Valeur » (delai.adherentJours) : « quinze » n’est pas un nombre entier positif ou nul (attendu : un nombre comme 15). La valeur par défaut est utilisée.`,
    ]);
  });

  it('pages: a forged cell address or filter is refused', () => {
    const w = initialized();
    typeRows(w, [GOOD_MEMBER]);
    expect(() => w.run('selectMemberCell', ['A1:B2'])).toThrow(
      'Adresse de cellule invalide : A1:B2',
    );
    expect(() => w.run('previewInstructions', [{ service: 'inconnu' }, 0])).toThrow(
      'Choisissez un service.',
    );
  });
});

describe('forms while a merge runs', () => {
  it('waits for the lock, then says the workbook is busy, and writes nothing', () => {
    const w = initialized();
    const merge = w.execution();
    w.globals(merge).LockService.getDocumentLock().tryLock(0);
    expect(() => w.run('saveMember', [member({})])).toThrow(
      'Une autre opération est en cours sur ce classeur (import, envoi, formulaire…). Réessayez dans quelques minutes.',
    );
    expect(w.spreadsheet.requireSheet('Adhérents').lastRow()).toBe(1);
    merge.end();
    expect(w.run<{ ok: boolean }>('saveMember', [member({})]).value.ok).toBe(true);
  });
});
