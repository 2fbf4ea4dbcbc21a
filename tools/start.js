// `npm start`: builds quietly when a source is newer than the build, then runs the command line in
// the folder where the command was typed (npm runs scripts from the project folder; INIT_CWD is
// where `npm start` was typed).
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
  process.stderr.write('Construction du projet (première fois, ou sources modifiées depuis)…\n');
  const build = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    // The build's own log only when it fails: it says what to fix.
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    process.stderr.write('La construction a échoué : voir les messages ci-dessus.\n');
    process.exit(build.status ?? 1);
  }
  // webpack leaves an unchanged dist/Code.js as it was: mark both outputs as built now.
  const now = new Date();
  for (const f of outputs) fs.utimesSync(f, now, now);
}
const run = spawnSync(
  process.execPath,
  [path.join(root, 'build/cli.js'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: process.env.INIT_CWD || process.cwd() },
);
process.exit(run.status ?? 1);
