#!/usr/bin/env node
// A/B of the front page's path between builds: navigation start of
// /soeg/?q=QUERY to 5 results in the DOM (as search-bench.mjs measures it:
// its server, launch flags and init script, a fresh context per run), the
// builds taken in turn and in alternating order in each round, so that each
// meets the same load. Prints per build the median (least-most) of the
// results, first paint and DOMContentLoaded, and the load average.
//
//   node bench/search-ab.mjs --ours OUT_A --ours OUT_B [--ours …] [--query misbrug] [--reps 15]
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, NAV_WATCH, CHROMIUM_PATH, CHROMIUM_ARGS } from './search-bench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const o = { ours: [], query: 'misbrug', reps: 15 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i], v = process.argv[++i];
  if (a === '--ours') o.ours.push(path.resolve(v));
  else if (a === '--query') o.query = v;
  else if (a === '--reps') o.reps = +v;
  else throw new Error(`unknown argument ${a}`);
}
if (o.ours.length < 1) throw new Error('usage: search-ab.mjs --ours OUT_A --ours OUT_B [--query Q] [--reps N]');
const servers = await Promise.all(o.ours.map((d) => serve(d, true)));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const load0 = os.loadavg();
const res = o.ours.map(() => []);
try {
  for (let rep = -1; rep < o.reps; rep++) {
    const order = o.ours.map((_, i) => i);
    if (rep % 2) order.reverse();
    for (const i of order) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.addInitScript(NAV_WATCH);
      await page.goto(servers[i].origin + '/soeg/?q=' + encodeURIComponent(o.query), { waitUntil: 'commit' });
      let r;
      while (!(r = await page.evaluate(() => window.__navDone))) await new Promise((ok) => setTimeout(ok, 10));
      await page.waitForLoadState('load');
      await page.waitForFunction(() => performance.getEntriesByType('paint').length > 0, null, { timeout: 5000 }).catch(() => {});
      const { dcl, fp } = await page.evaluate(() => ({
        dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        fp: performance.getEntriesByType('paint').find((e) => e.name === 'first-paint')?.startTime ?? NaN,
      }));
      await context.close();
      if (rep >= 0) res[i].push({ ms: r.ms, dcl, fp });
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1] / 2 + s[s.length >> 1] / 2; };
const cell = (xs) => `${med(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
console.log(`# search-ab: ${o.query}, ${o.reps} runs each, load average ${load0.map((x) => x.toFixed(2)).join(' ')} at start, ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at end`);
o.ours.forEach((d, i) => console.log(`${d}: 5 results ${cell(res[i].map((r) => r.ms))}, first paint ${cell(res[i].map((r) => r.fp).filter(Number.isFinite))}, DOMContentLoaded ${cell(res[i].map((r) => r.dcl))}`));
