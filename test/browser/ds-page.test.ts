// The "Connexion démarches simplifiées" page in a real browser, against the bundle and the fake
// platform: the token is never sent back to the page, a title with markup stays text, the test, the
// sync and the token's removal show their outcome.

import { FAKE_DEMARCHE, FAKE_TOKEN, FakeDemarchesSimplifiees } from '../../tools/fake-ds/server';
import { sampleMembers } from '../../tools/sample/members';
import { newWorld } from '../helpers/world';
import { type Harness, openPage, screenshot, startHarness } from './harness';
import { fr } from '../helpers/french';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('the "Connexion démarches simplifiées" page', () => {
  it('saves the connection, tests it, syncs, and only ever says whether a token is set', async () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    const fake = new FakeDemarchesSimplifiees({
      members: sampleMembers(12),
      now: () => world.clock.now(),
      title: 'Recensement <b>2026</b> & <img src=x onerror=alert(1)>',
    });
    world.network.handler = fake.handle;
    const page = await openPage(harness, world, 'ds', { delayMs: 100 });
    await page.waitForSelector('text=Aucun jeton enregistré');
    expect(await page.inputValue('#url')).toBe('https://demarche.numerique.gouv.fr');
    await page.fill('#demarche', 'douze');
    await page.fill('#token', FAKE_TOKEN);
    await page.click('#submit');
    await page.waitForSelector(`text=${fr("« douze » n'est pas un numéro de démarche")}`);
    await page.fill('#demarche', String(FAKE_DEMARCHE));
    await page.click('#submit');
    await page.waitForSelector('text=Jeton enregistré pour votre compte');
    expect(await page.inputValue('#token')).toBe('');
    await page.waitForSelector('text=Un jeton est enregistré pour votre compte');
    expect(await page.content()).not.toContain(FAKE_TOKEN);

    await page.click('#test');
    await page.waitForSelector('text=12 dossiers hors brouillons.');
    // The title's markup is shown as text: no element, no script.
    expect(await page.locator('#status-area b').count()).toBe(0);
    expect(await page.locator('#status-area img').count()).toBe(0);
    expect(await page.textContent('#status-area')).toContain(
      fr('« Recensement <b>2026</b> & <img'),
    );
    expect(page.alerts).toEqual([]);

    await page.click('#sync');
    await page.waitForSelector('text=12 nouvelles lignes, 0 mise à jour');
    await page.waitForSelector('text=Dernière modification lue');
    await screenshot(page, 'connexion-ds');

    await page.click('#remove');
    await page.waitForSelector('text=Jeton supprimé.');
    await page.waitForSelector('text=Aucun jeton enregistré');
    expect(world.properties.user.values.has('ds.jeton')).toBe(false);
    await page.close();
  });
});
