// Bundles the command line (tools/cli) and the benchmark (tools/bench) for Node into build/;
// exceljs stays a dependency.
const path = require('node:path');
const esbuild = require('esbuild');

for (const [entry, out] of [
  ['../cli/main.ts', '../../build/cli.js'],
  ['../bench/main.ts', '../../build/bench.js'],
]) {
  esbuild.buildSync({
    entryPoints: [path.join(__dirname, entry)],
    outfile: path.join(__dirname, out),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    external: ['exceljs'],
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
}
