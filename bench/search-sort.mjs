#!/usr/bin/env node
// Cold sort of a query's pages in headless Chromium: the comparator sort
// search.js used against its typed-array sort (order() in
// assets/search/search.js), each run in a fresh browser context, as a
// visit from the front page runs the client.
//
//   node bench/search-sort.mjs [REPS] [PAGES]   (default 12, 8034)
//
// Two of every three pages hit, as many as the 10k corpus's `misbrug`.
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const reps = +(process.argv[2] || 12), pages = +(process.argv[3] || 8034);
const setup = `var n = ${pages}, sum = new Float64Array(n), ids = [], i;
  for (i = 0; i < n; i++) if (i % 3) ids.push(i), (sum[i] = ((i * 7919) % 997) * 12);
  var t0 = performance.now();`;
const ways = {
  comparator: `(() => { ${setup}
    ids.sort(function (a, b) { return sum[b] - sum[a] || a - b; });
    return [performance.now() - t0, ids.slice(0, 3)]; })()`,
  typed: `(() => { ${setup}
    var m = ids.length, k = 1, keys = new Float64Array(m);
    while (k <= n) k *= 2;
    for (i = 0; i < m; i++) keys[i] = (16777216 - sum[ids[i]]) * k + ids[i];
    keys.sort();
    for (i = 0; i < m; i++) ids[i] = keys[i] % k;
    return [performance.now() - t0, ids.slice(0, 3)]; })()`,
};
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
const times = { comparator: [], typed: [] };
const load = os.loadavg()[0];
let first;
for (let r = 0; r < reps; r++) for (const [name, code] of Object.entries(ways)) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const [ms, top] = await page.evaluate(code);
  await ctx.close();
  times[name].push(ms);
  first ??= String(top);
  if (String(top) !== first) throw new Error(`${name} sorted differently: ${top} against ${first}`);
}
await browser.close();
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
console.log(`${Math.round((pages * 2) / 3)} pages, ${reps} fresh contexts each, load average ${load.toFixed(1)}`);
for (const [name, t] of Object.entries(times)) console.log(`${name.padEnd(10)} median ${med(t).toFixed(1)} ms, least ${Math.min(...t).toFixed(1)} ms`);
