// Screenshots for the README, in Debian's headless chromium (playwright-core never downloads one):
//   node tools/screenshot.js PAGE.html OUT.png [width]
const path = require('node:path');
const { chromium } = require('playwright-core');

const { CHROMIUM_ARGS, CHROMIUM_PATH } = require('./chromium');

async function main([page, out, width = '1280']) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
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
