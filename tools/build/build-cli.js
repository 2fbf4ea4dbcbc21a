// Bundles the command line (tools/cli) for Node into build/cli.js; exceljs stays a dependency.
const path = require('node:path');
const esbuild = require('esbuild');

esbuild.buildSync({
  entryPoints: [path.join(__dirname, '../cli/main.ts')],
  outfile: path.join(__dirname, '../../build/cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['exceljs'],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
