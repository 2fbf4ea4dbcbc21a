// `npm start`: builds when a source is newer than the build, then runs the command line.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const outputs = ['dist/Code.js', 'build/cli.js'].map((f) => path.join(root, f));
const inputs = ['src', 'tools', 'appsscript.json', 'webpack.config.js', 'package.json'].map((f) =>
  path.join(root, f),
);

function newest(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(file)
    .reduce((max, name) => Math.max(max, newest(path.join(file, name))), 0);
}

const built = outputs.every((f) => fs.existsSync(f))
  ? Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs))
  : 0;
if (built < Math.max(...inputs.filter((f) => fs.existsSync(f)).map(newest))) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(
  process.execPath,
  [path.join(root, 'build/cli.js'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
