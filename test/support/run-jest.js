// Runs jest, then prints the plain closing line "N passed, N failed" (from the test results) as the
// very last line of `npm test`, and exits with jest's status.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '../..');
const summary = path.join(root, 'test-results/summary.txt');
fs.rmSync(summary, { force: true });
const jest = spawnSync(
  process.execPath,
  [require.resolve('jest/bin/jest'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
const line = fs.existsSync(summary)
  ? fs.readFileSync(summary, 'utf8').trim()
  : '0 passed, 1 failed';
process.stdout.write(`${line}\n`);
process.exit(jest.status ?? 1);
