// esbuild plugin: two of Ink's internals are replaced in the bundle by faster equivalents that
// produce the same output (see components/ink-perf/). Both replacements are pinned to the exact
// Ink files they stand in for: if Ink changes (an upgrade, a different install), the build stops
// and says so instead of shipping a composer that may no longer match.
//   ink/build/renderer.js            imports ./output.js   -> components/ink-perf/row-cached-output.ts
//   ink/build/render-node-to-output.js imports widest-line -> components/ink-perf/memo-widest-line.ts
//   ink/build/ink.js                 imports ./log-update.js -> components/ink-perf/log-update-switch.ts
//                                    (Ink's standard writer, or the line-diffing one for incrementalRendering)
//   ink/build/dom.js                 imports ./measure-text.js -> components/ink-perf/bounded-measure-text.ts
//   ink/build/{dom,render-node-to-output}.js import ./wrap-text.js -> components/ink-perf/bounded-wrap-text.ts
//                                    (Ink's caches for these two never drop an entry)
// CLAWDBOT_STOCK_INK=1 builds with Ink as published (for comparisons).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const PINNED = {
  version: '6.8.0',
  files: {
    'build/output.js': 'de9078c7fc647c40cf9e32d6658fcbbee91dae9e3f6334e5f4ebfc5905fc401d',
    'build/renderer.js': '9e72b27731c38daac7e9f978e24f7bf1210c5cc26bf973e30f08c3ad4a9fe374',
    'build/render-node-to-output.js': 'd0c06d2474bd6338fa807ba0a0a39fb713a197df38c7a266b9316c6dd80b3297',
    'build/ink.js': 'd0402b8f4ed689e8ad1d8036c7583217b4528496928cee23e17b85583e9860a3',
    'build/log-update.js': '2d184e9776ac98b122a7801b132465035ee2118c2deb510a87aba2a0a1a41ae4',
    'build/dom.js': 'dd539e922a9a5bfb89cd80b0bdf81bfc40ca47bb5df6bf83f7fbc379d48c2522',
    'build/measure-text.js': '4562d24171af3063b91a0d965c652ebdf1e2bdf4fe7f75c6bc8664fefc77df6a',
    'build/wrap-text.js': 'd2b8b4d05ed0eadd6c52149092f062ba048cda9928ce88e5176107c6fe38c19e',
  },
};

const sep = String.raw`[\\/]`;
const RENDERER = new RegExp(`${sep}ink${sep}build${sep}renderer\\.js$`);
const RENDER_NODE = new RegExp(`${sep}ink${sep}build${sep}render-node-to-output\\.js$`);
const INK = new RegExp(`${sep}ink${sep}build${sep}ink\\.js$`);
const DOM = new RegExp(`${sep}ink${sep}build${sep}dom\\.js$`);

export function inkPerfPlugin(root) {
  return {
    name: 'ink-perf',
    setup(build) {
      if (process.env.CLAWDBOT_STOCK_INK === '1') return;
      const inkDir = path.join(root, 'node_modules', 'ink');
      const { version } = JSON.parse(readFileSync(path.join(inkDir, 'package.json'), 'utf8'));
      const problems = [];
      if (version !== PINNED.version) problems.push(`ink is ${version}, the replacements were written for ${PINNED.version}`);
      for (const [file, sha] of Object.entries(PINNED.files)) {
        const got = createHash('sha256').update(readFileSync(path.join(inkDir, file))).digest('hex');
        if (got !== sha) problems.push(`node_modules/ink/${file} is not the file the replacements were written for`);
      }
      if (problems.length) {
        throw new Error(
          `ink-perf: ${problems.join('; ')}. Re-check components/ink-perf/ against the new Ink ` +
            '(test/unit/ink-row-cached-output.test.ts compares the composers), then update PINNED in scripts/ink-perf-plugin.mjs.',
        );
      }
      let inkLoaded = false;
      const replaced = new Set();
      build.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
        if (!RENDERER.test(args.importer)) return undefined;
        replaced.add('output');
        return { path: path.join(root, 'components', 'ink-perf', 'row-cached-output.ts') };
      });
      build.onResolve({ filter: /^widest-line$/ }, (args) => {
        if (!RENDER_NODE.test(args.importer)) return undefined;
        replaced.add('widest-line');
        return { path: path.join(root, 'components', 'ink-perf', 'memo-widest-line.ts') };
      });
      build.onResolve({ filter: /^\.\/log-update\.js$/ }, (args) => {
        if (!INK.test(args.importer)) return undefined;
        replaced.add('log-update');
        return { path: path.join(root, 'components', 'ink-perf', 'log-update-switch.ts') };
      });
      build.onResolve({ filter: /^\.\/measure-text\.js$/ }, (args) => {
        if (!DOM.test(args.importer)) return undefined;
        replaced.add('measure-text');
        return { path: path.join(root, 'components', 'ink-perf', 'bounded-measure-text.ts') };
      });
      build.onResolve({ filter: /^\.\/wrap-text\.js$/ }, (args) => {
        if (!DOM.test(args.importer) && !RENDER_NODE.test(args.importer)) return undefined;
        replaced.add('wrap-text');
        return { path: path.join(root, 'components', 'ink-perf', 'bounded-wrap-text.ts') };
      });
      // The switch reaches Ink's own writer under this name (Ink's exports do not expose it).
      build.onResolve({ filter: /^ink-stock-log-update$/ }, () => ({ path: path.join(inkDir, 'build', 'log-update.js') }));
      build.onLoad({ filter: RENDERER }, () => {
        inkLoaded = true;
        return undefined;
      });
      build.onEnd((result) => {
        if (result.errors.length || !inkLoaded) return;
        for (const name of ['output', 'widest-line', 'log-update', 'measure-text', 'wrap-text']) {
          if (!replaced.has(name)) {
            result.errors.push({ text: `ink-perf: Ink was bundled but its ${name} import was not replaced (did Ink's module layout change?)` });
          }
        }
      });
    },
  };
}
