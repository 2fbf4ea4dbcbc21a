// Screenshots for the README, in Debian's headless chromium (playwright-core never downloads one):
//   node tools/screenshot.js PAGE.html OUT.png [width]
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function main([page, out, width = '1280']) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const tab = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
    await tab.goto(`file://${path.resolve(page)}`);
    await tab.screenshot({ path: out, fullPage: false });
  } finally {
    await browser.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
