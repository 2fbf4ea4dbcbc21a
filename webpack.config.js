// Builds dist/: Code.js (the server bundle, one classic script with a top-level function for each
// global), appsscript.json, and one self-contained HTML file per page (browser code and CSS inlined).
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const GasPlugin = require('gas-webpack-plugin');
const CopyPlugin = require('copy-webpack-plugin');

const PAGES_DIR = path.resolve(__dirname, 'src/pages');

/** Pages are the folders of src/pages holding an index.html; kit/ is shared code. */
function pageNames() {
  return fs
    .readdirSync(PAGES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(PAGES_DIR, d.name, 'index.html')))
    .map((d) => d.name);
}

/** Bundles a page's TypeScript for the browser; `</` is escaped so the script cannot close early. */
function inlineScript(entry) {
  const result = esbuild.buildSync({
    entryPoints: [path.join(PAGES_DIR, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    minify: true,
    legalComments: 'none',
  });
  return result.outputFiles[0].text.replace(/<\//g, '<\\/');
}

/** The project's own French typography (src/core/text.ts), loaded from its TypeScript source. */
let typography;
function loadTypography() {
  if (typography) return typography;
  const source = esbuild.buildSync({
    entryPoints: [path.resolve(__dirname, 'src/core/text.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
  }).outputFiles[0].text;
  const module = { exports: {} };
  new Function('module', 'exports', source)(module, module.exports);
  typography = module.exports;
  return typography;
}

/** French typography on the page's text, never inside its scripts, styles, tags or attributes. */
function typesetPage(html) {
  const { typesetHtml } = loadTypography();
  return html
    .split(/(<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>)/)
    .map((part, i) => (i % 2 === 1 ? part : typesetHtml(part)))
    .join('');
}

function renderPage(name) {
  const html = typesetPage(fs.readFileSync(path.join(PAGES_DIR, name, 'index.html'), 'utf8'));
  return html
    .replace(/\/\* @inline-css (\S+) \*\//g, (_, file) =>
      fs.readFileSync(path.join(PAGES_DIR, file), 'utf8'),
    )
    .replace(/\/\* @inline-script (\S+) \*\//g, (_, file) => inlineScript(file));
}

class InlinePagesPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('InlinePagesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        {
          name: 'InlinePagesPlugin',
          stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL,
        },
        () => {
          for (const name of pageNames()) {
            compilation.emitAsset(
              `${name}.html`,
              new compiler.webpack.sources.RawSource(renderPage(name)),
            );
          }
          // Rebuild the pages when any of their files changes (watch mode).
          compilation.contextDependencies.add(PAGES_DIR);
        },
      );
    });
  }
}

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: './src/index.ts',
  devtool: false,
  target: ['web', 'es2020'],
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: 'Code.js',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2020' } }],
  },
  // Readable code in the Apps Script editor and in error stacks.
  optimization: { minimize: false },
  performance: { hints: false },
  plugins: [
    new GasPlugin({ comment: false }),
    new CopyPlugin({ patterns: [{ from: 'appsscript.json', to: 'appsscript.json' }] }),
    new InlinePagesPlugin(),
  ],
};
