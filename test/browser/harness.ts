// Browser test harness: serves the built pages of dist/ on localhost to Debian's chromium (driven by
// playwright-core), and bridges each page's google.script.run to the built bundle running in the
// emulator of this test process. The page encodes each argument kind for kind (a Date stays a Date,
// a function a function…) and the emulator's world.callFromClient checks them as Apps Script does:
// an illegal argument or result fails the call, a result holding a Date arrives as null.

import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  ENCODE_IN_PAGE,
  decodeFromPage,
  type AppsScriptWorld,
  type PageWire,
} from '../../tools/emulator';
import { DIST } from '../helpers/world';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tools/chromium';

export interface Harness {
  readonly browser: Browser;
  readonly url: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const server = http.createServer((request, response) => {
    const name = path.basename(
      decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname),
    );
    const file = path.join(DIST, name);
    if (!name.endsWith('.html') || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      .end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  const { port } = server.address() as AddressInfo;
  return {
    browser,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const BRIDGE = `
(() => {
  ${ENCODE_IN_PAGE}
  const runner = (handlers) => new Proxy({}, {
    get(_, name) {
      if (name === 'withSuccessHandler') return (f) => runner({ ...handlers, ok: f });
      if (name === 'withFailureHandler') return (f) => runner({ ...handlers, fail: f });
      if (name === 'withUserObject') return (o) => runner({ ...handlers, user: o });
      return (...args) => {
        const wire = args.map((a) => encodeForServer(a, args.length === 1));
        window.__gasRun(String(name), JSON.stringify(wire)).then((text) => {
          const result = JSON.parse(text);
          if (result.ok) handlers.ok && handlers.ok(result.value, handlers.user);
          else handlers.fail && handlers.fail(new Error(result.message), handlers.user);
        });
      };
    },
  });
  window.google = { script: { run: runner({}), host: { close() { window.__closed = true; } } } };
})();
`;

/** Opens a built page with google.script.run answered by the bundle in `world`. */
export async function openPage(
  harness: Harness,
  world: AppsScriptWorld,
  page: string,
  options: { delayMs?: number } = {},
): Promise<Page & { alerts: string[] }> {
  const tab = (await harness.browser.newPage({ viewport: { width: 300, height: 900 } })) as Page & {
    alerts: string[];
  };
  tab.alerts = [];
  tab.on('dialog', (dialog) => {
    tab.alerts.push(dialog.message());
    void dialog.accept();
  });
  await tab.exposeFunction('__gasRun', async (name: string, args: string) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    try {
      const decoded = (JSON.parse(args) as PageWire[]).map((wire) => decodeFromPage(wire));
      const value = world.callFromClient(name, decoded);
      return JSON.stringify({ ok: true, value });
    } catch (error) {
      return JSON.stringify({ ok: false, message: (error as Error).message });
    }
  });
  await tab.addInitScript(BRIDGE);
  await tab.goto(`${harness.url}/${page}.html`);
  return tab;
}

/** Saves a screenshot of a sidebar for the README. */
/**
 * A picture of the page. The test run keeps it under test-results/ (tracked files never change
 * when tests run); `npm run screenshots` sets SCREENSHOTS=docs to refresh the README's pictures.
 */
export async function screenshot(tab: Page, name: string): Promise<void> {
  const dir = path.resolve(
    __dirname,
    process.env.SCREENSHOTS === 'docs' ? '../../docs' : '../../test-results/screenshots',
  );
  fs.mkdirSync(dir, { recursive: true });
  await tab.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
