// The sidebars in a real browser (Debian's chromium), talking to the built bundle in the emulator.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AppsScriptWorld } from '../../tools/emulator';
import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { GOOD_MEMBER } from '../helpers/good-member';
import { baseModel, worldOn } from '../helpers/mail';
import { columnOf, typeRows } from '../helpers/members';
import { typographyFaults } from '../helpers/french';
import { workbookPicture } from '../helpers/snapshot';
import { initializedModel } from '../helpers/initialized';
import { newWorld } from '../helpers/world';
import { setSettings } from '../../tools/sample/workbook';
import { type Harness, openPage, screenshot, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** A world on the initialised workbook (built once for the file, see helpers/initialized). */
function world(): AppsScriptWorld {
  return newWorld({ spreadsheet: initializedModel() });
}

const members = (w: AppsScriptWorld) => w.spreadsheet.requireSheet('Adhérents');

describe('the "Adhérent" form', () => {
  it('checks the UAI letter live, suggests the address, saves the row, and disables the button while saving', async () => {
    const w = world();
    const page = await openPage(harness, w, 'member', { delayMs: 300 });
    await page.fill('#uai', '0540015A');
    await page.waitForSelector('text=Lettre de contrôle attendue : Y.');
    await page.fill('#uai', '0540015y');
    await page.waitForSelector('text=✓ Lettre de contrôle correcte.');
    expect(await page.inputValue('#email')).toBe('ce.0540015y@ac-nancy-metz.fr');
    await page.fill('#name', 'Lycée Les Tilleuls');
    await page.fill('#commune', 'Val-sur-Meurthe');
    await page.selectOption('#status', 'Public');
    await page.fill('#wave', 'Automne 2025');
    await page.selectOption('#convention', 'Signée en ligne');
    await page.fill('#qty_pdf', '3');
    await page.click('#submit');
    expect(await page.getAttribute('#submit', 'disabled')).toBe('');
    await page.waitForSelector('text=Adhérent 0540015Y ajouté (ligne 2).');
    expect(await page.getAttribute('#submit', 'disabled')).toBeNull();
    const row = members(w).values()[1];
    expect(row.slice(1, 6)).toEqual([
      '0540015Y',
      'Lycée Les Tilleuls',
      'Val-sur-Meurthe',
      'Public',
      'ce.0540015y@ac-nancy-metz.fr',
    ]);
    expect(row[columnOf('qty_pdf') - 1]).toBe(3);
    await screenshot(page, 'formulaire-adherent');
    await page.close();
  });

  it('loads an existing member and updates its row in place', async () => {
    const w = world();
    typeRows(w, [GOOD_MEMBER]);
    const page = await openPage(harness, w, 'member');
    await page.fill('#uai', '0540015Y');
    await page.waitForSelector('text=Adhérent trouvé (ligne 2)');
    expect(await page.inputValue('#name')).toBe('Lycée Les Tilleuls');
    await page.fill('#qty_pdf', '5');
    await page.click('#submit');
    await page.waitForSelector('text=Adhérent 0540015Y mis à jour (ligne 2).');
    expect(members(w).lastRow()).toBe(2);
    expect(members(w).value(2, columnOf('qty_pdf'))).toBe(5);
    expect(members(w).value(2, columnOf('dossier'))).toBe('18123456');
    await page.close();
  });

  it('shows the error of an invalid UAI next to the field and writes nothing', async () => {
    const w = world();
    const before = workbookPicture(w.spreadsheet);
    const page = await openPage(harness, w, 'member');
    await page.fill('#uai', '0540015A');
    await page.fill('#name', 'Lycée');
    await page.fill('#qty_pdf', 'deux');
    await page.click('#submit');
    await page.waitForSelector('#error-uai:has-text("la lettre attendue est Y")');
    expect(await page.textContent('#error-qty_pdf')).toBe(
      'Logiciel PDF\u202f: saisissez un nombre entier positif (ou laissez vide).',
    );
    expect(await page.getAttribute('#uai', 'aria-invalid')).toBe('true');
    expect(await page.textContent('[role=alert]')).toBe(
      'Rien n’a été enregistré\u202f: corrigez les champs signalés.',
    );
    expect(workbookPicture(w.spreadsheet)).toEqual(before);
    await page.close();
  });

  it('stores "=1+1" typed in a field as text, never as a formula', async () => {
    const w = world();
    const page = await openPage(harness, w, 'member');
    await page.fill('#uai', '0540015Y');
    await page.fill('#name', '=1+1');
    await page.fill('#commune', '+33 Nancy');
    await page.click('#submit');
    await page.waitForSelector('text=Adhérent 0540015Y ajouté');
    const cell = members(w).cell(2, columnOf('name'));
    expect(cell?.value).toBe('=1+1');
    expect(cell?.formula).toBeUndefined();
    expect(members(w).value(2, columnOf('commune'))).toBe('+33 Nancy');
    await page.close();
  });
});

describe('the "Étape" form', () => {
  it('offers the steps of the member\u2019s paths, records one, and shows a server error', async () => {
    const w = world();
    typeRows(w, [{ ...GOOD_MEMBER, qty_tpe: 1, status: 'Privé' }]);
    w.run('refreshTrackingFromMenu');
    const page = await openPage(harness, w, 'step');
    await page.fill('#uai', '0540015Y');
    await page.press('#uai', 'Tab');
    await page.waitForSelector('#service:not([disabled])');
    await page.selectOption('#service', 'tpe');
    const steps = await page.$$eval('#step option', (options) => options.map((o) => o.textContent));
    expect(steps).toEqual(['EXM à contacter', 'EXM contacté', 'TPE en service']);
    await page.selectOption('#step', 'provider_contacted');
    await page.fill('#comment', 'Appel du 3 mars');
    await page.click('#submit');
    await page.waitForSelector('#status-area > *');
    expect(await page.textContent('#status-area')).toContain(
      '0540015Y — TPE\u202f: «\u202fEXM contacté\u202f»',
    );
    const suivi = w.spreadsheet.requireSheet('Suivi').values();
    expect(suivi.find((r) => r[0] === '0540015Y|tpe')).toEqual(
      expect.arrayContaining(['EXM contacté', 'Appel du 3 mars']),
    );
    await screenshot(page, 'formulaire-etape');
    await page.selectOption('#service', 'tpe');
    await page.selectOption('#step', 'start');
    await page.click('#submit');
    await page.waitForSelector('[role=alert]');
    expect(await page.textContent('[role=alert]')).toContain('une étape ne revient pas en arrière');
    await page.close();
  });

  it('shows a school named <img src=x onerror=alert(1)> as text', async () => {
    const w = world();
    const name = '<img src=x onerror=alert(1)>';
    typeRows(w, [{ ...GOOD_MEMBER, name }]);
    w.run('refreshTrackingFromMenu');
    const page = await openPage(harness, w, 'step');
    await page.fill('#uai', '0540015Y');
    await page.press('#uai', 'Tab');
    await page.waitForSelector('#service:not([disabled])');
    expect(await page.textContent('#member')).toBe(name);
    expect(await page.$$('img')).toHaveLength(0);
    await page.waitForTimeout(200);
    expect(page.alerts).toEqual([]);
    await page.close();
  });
});

describe('the "Demande" form', () => {
  it('logs a request', async () => {
    const w = world();
    const page = await openPage(harness, w, 'request');
    await page.fill('#date', '2026-03-02');
    await page.fill('#uai', '0540015Y');
    await page.fill('#subject', 'Deuxième compte Yousign');
    await page.click('#submit');
    await page.waitForSelector('text=Demande de 0540015Y enregistrée (ligne 2).');
    const row = w.spreadsheet.requireSheet('Demandes').values()[1];
    expect([(row[0] as Date).toDateString(), row[1], row[2], row[3]]).toEqual([
      new Date(2026, 2, 2).toDateString(),
      '0540015Y',
      'Deuxième compte Yousign',
      'En attente',
    ]);
    await screenshot(page, 'formulaire-demande');
    await page.close();
  });
});

describe('the import and summary sidebars', () => {
  it('uploads a démarches simplifiées CSV export', async () => {
    const w = world();
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'ds-')),
      'dossiers_recensement.csv',
    );
    fs.writeFileSync(file, toCsv(exportRows(sampleMembers(5))));
    const page = await openPage(harness, w, 'import');
    await page.setInputFiles('#file', file);
    await page.click('#submit');
    await page.waitForSelector('text=5 nouvelles lignes');
    expect(members(w).lastRow()).toBe(6);
    await screenshot(page, 'import');
    await page.close();
  });

  it('lists anomalies by rule and selects the cell of a line', async () => {
    const w = world();
    typeRows(w, [{ ...GOOD_MEMBER, uai: '0540015A' }]);
    w.run('validateCensus');
    const page = await openPage(harness, w, 'validation');
    await page.waitForSelector('text=Lettre de contrôle de l’UAI incorrecte');
    await page.click('summary');
    await page.click('button.link');
    await page.waitForTimeout(100);
    expect(w.spreadsheet.activeSheet?.name).toBe('Adhérents');
    await screenshot(page, 'controle');
    await page.close();
  });

  it('shows the guide with escaped settings', async () => {
    const w = world();
    setSettings(w.spreadsheet, {
      'certigna.objet': '<img src=x onerror="window.__xss=1">',
      'replay.tpe': 'javascript:window.__xss=2',
    });
    const page = await openPage(harness, w, 'help');
    await page.waitForSelector(
      'text=Seules les conventions signées en ligne sont prises en compte',
    );
    // The setting is shown as text, never as markup; a non-http link stays text.
    expect(await page.innerText('body')).toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.$('img')).toBeNull();
    expect(await page.$('a[href^="javascript"]')).toBeNull();
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await screenshot(page, 'aide');
    await page.close();
  });
});

describe('the mailing sidebar', () => {
  it('asks for confirmation inside the page (never window.confirm), then sends once', async () => {
    const w = worldOn(baseModel(2));
    const page = await openPage(harness, w, 'mailing');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.waitForSelector('#service option[value="pdf"]', { state: 'attached' });
    await page.selectOption('#service', 'pdf');
    await page.click('#send');
    await page.waitForSelector('#confirm-yes');
    expect(await page.textContent('#confirm')).toContain('Envoyer 2 messages à 2 destinataires');
    expect(w.outbox).toHaveLength(0);
    // While the page asks, the choice cannot change: what is confirmed is what is sent.
    expect(await page.isDisabled('#service')).toBe(true);
    expect(await page.isDisabled('#resend')).toBe(true);
    await page.click('#confirm-yes');
    await page.waitForSelector('text=2 messages envoyés');
    expect(w.outbox).toHaveLength(2);
    expect(dialogs).toEqual([]);
    // Sent again: the page says they already have it, and nothing leaves.
    await page.click('#preview');
    await page.waitForSelector('text=2 adhérents ont déjà ce message');
    await page.click('#send');
    await page.waitForSelector('text=Aucun message à envoyer pour ces critères.');
    expect(w.outbox).toHaveLength(2);
    await page.close();
  });

  it('to one member who already has the message, offers to send it « to him » (le lui), not « to them »', async () => {
    const w = worldOn(baseModel(1));
    const page = await openPage(harness, w, 'mailing');
    await page.waitForSelector('#service option[value="pdf"]', { state: 'attached' });
    await page.selectOption('#service', 'pdf');
    await page.click('#send');
    await page.click('#confirm-yes');
    await page.waitForSelector('text=1 message envoyé');
    await page.click('#preview');
    await page.waitForSelector('text=1 adhérent a déjà ce message');
    expect(await page.textContent('#summary')).toContain('pour le lui renvoyer');
    await page.close();
  });
});

describe('the "Vérifier l’installation" sidebar', () => {
  it('shows each check as text (values escaped) and sets the time zone and locale on request', async () => {
    const w = world();
    w.spreadsheet.timeZone = 'Etc/UTC';
    w.spreadsheet.locale = 'en_US';
    const settings = w.spreadsheet.requireSheet('Paramètres');
    const row = settings.values().findIndex((r) => r[0] === 'coordonnateur.email');
    settings.cell(row + 1, 3, true).value = '<img src=x onerror="window.__xss=1">';
    const page = await openPage(harness, w, 'diagnostic');
    await page.waitForSelector('text=Installation vérifiée');
    const text = await page.textContent('#app');
    expect(text).toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.$('#app img')).toBeNull();
    expect(text).toContain('Paramètres régionaux du classeur\u202f: en_US au lieu de fr_FR');
    await page.click('text=Régler le fuseau horaire et la langue');
    await page.waitForSelector(
      'text=Paramètres régionaux du classeur : en_US remplacés par fr_FR.',
    );
    expect(w.spreadsheet.locale).toBe('fr_FR');
    expect(w.spreadsheet.timeZone).toBe('Europe/Paris');
    expect(await page.$('text=Régler le fuseau horaire et la langue')).toBeNull();
    await page.close();
  });
});

describe('French typography in every sidebar', () => {
  it('has a narrow no-break space before « : ; ! ? », inside « », and one apostrophe (’)', async () => {
    const w = worldOn(baseModel(2));
    w.run('validateCensus');
    const pages = fs
      .readdirSync(path.resolve(__dirname, '../../dist'))
      .filter((f) => f.endsWith('.html'))
      .map((f) => f.replace(/\.html$/, ''));
    expect(pages).toEqual(expect.arrayContaining(['help', 'mailing', 'member', 'validation']));
    const faults: string[] = [];
    for (const name of pages) {
      const page = await openPage(harness, w, name);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const text = await page.innerText('body');
      faults.push(...typographyFaults(text).map((f) => `${name} : ${f}`));
      expect([name, text.length > 20]).toEqual([name, true]);
      await page.close();
    }
    expect(faults).toEqual([]);
  });
});
