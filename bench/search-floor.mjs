#!/usr/bin/env node
// The floor under search-bench.mjs's front-page path: what a navigation
// costs in the same harness (its server, its launch flags, its init script,
// a fresh browser context per run) before any search is done.
//
//   node bench/search-floor.mjs --ours OUT_DIR [--peer PEER_DIR] [--reps 9] [--query misbrug]
//
// Per run, in turn (so each kind meets the same load):
//   static5   a static HTML file (written to a temp dir, served by the same
//             server) holding nothing but <ol data-search-results> with 5
//             links: the time until the init script sees them, i.e. the
//             clock of the front-page path with no work at all;
//   empty     a static HTML file with one paragraph: first paint and load;
//   soeg      our /soeg/ without a query: first paint, DOMContentLoaded, load;
//   soeg?q    our /soeg/?q=QUERY: first paint and the 5 results (as in
//             search-bench.mjs);
//   peer?q    the peer's, if --peer is given.
// Times are the page's own (performance.now(), navigation start = 0);
// first paint from the paint timing API. Prints medians (min-max) and the
// load average.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, PEER_PAGE, NAV_WATCH, CHROMIUM_PATH, CHROMIUM_ARGS, WANT } from './search-bench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const o = { query: 'misbrug', reps: 9 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i], v = process.argv[++i];
  if (a === '--ours') o.ours = path.resolve(v);
  else if (a === '--peer') o.peer = path.resolve(v);
  else if (a === '--query') o.query = v;
  else if (a === '--reps') o.reps = +v;
  else throw new Error(`unknown argument ${a}`);
}
if (!o.ours) throw new Error('usage: search-floor.mjs --ours OUT_DIR [--peer PEER_DIR] [--reps N] [--query Q]');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'search-floor-'));
const links = Array.from({ length: WANT }, (_, i) => `<li><a href="/x${i}/">Side ${i}</a></li>`).join('');
fs.writeFileSync(path.join(tmp, 'static5.html'), `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>5</title></head><body><ol data-search-results>${links}</ol></body></html>`);
fs.writeFileSync(path.join(tmp, 'empty.html'), '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Tom</title></head><body><p>Tom side</p></body></html>');
if (o.peer) {
  fs.mkdirSync(path.join(o.peer, 'soeg'), { recursive: true });
  fs.writeFileSync(path.join(o.peer, 'soeg', 'index.html'), PEER_PAGE);
}
const floor = await serve(tmp, true), ours = await serve(o.ours, true), peer = o.peer ? await serve(o.peer, true) : null;
const kinds = [
  { name: 'static5', url: floor.origin + '/static5.html', wait: 'results' },
  { name: 'empty', url: floor.origin + '/empty.html', wait: 'load' },
  { name: 'soeg', url: ours.origin + '/soeg/', wait: 'load' },
  { name: 'soeg?q', url: ours.origin + '/soeg/?q=' + encodeURIComponent(o.query), wait: 'results' },
];
if (peer) kinds.push({ name: 'peer?q', url: peer.origin + '/soeg/?q=' + encodeURIComponent(o.query), wait: 'results' });

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const load0 = os.loadavg();
const res = new Map(kinds.map((k) => [k.name, []]));
try {
  for (let rep = -1; rep < o.reps; rep++) {
    for (const k of rep % 2 ? kinds : [...kinds].reverse()) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.addInitScript(NAV_WATCH);
      await page.goto(k.url, { waitUntil: k.wait === 'load' ? 'load' : 'commit' });
      let r = { ms: NaN };
      if (k.wait === 'results') while (!(r = await page.evaluate(() => window.__navDone))) await new Promise((ok) => setTimeout(ok, 10));
      else await page.waitForLoadState('load');
      await page.waitForLoadState('load');
      // first paint may come after load on a page with nothing to wait for
      await page.waitForFunction(() => performance.getEntriesByType('paint').length > 0, null, { timeout: 5000 }).catch(() => {});
      const t = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        const p = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
        return { resp: n.responseStart, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, fp: p['first-paint'] ?? NaN, fcp: p['first-contentful-paint'] ?? NaN };
      });
      await context.close();
      if (rep >= 0) res.get(k.name).push({ ...t, results: r.ms });
    }
  }
} finally {
  await browser.close();
  await floor.close(); await ours.close(); if (peer) await peer.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
const med = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1] / 2 + s[s.length >> 1] / 2 : NaN; };
const cell = (xs) => { const f = xs.filter(Number.isFinite); return f.length ? `${med(f).toFixed(0)} (${Math.min(...f).toFixed(0)}-${Math.max(...f).toFixed(0)})` : 'n/a'; };
console.log(`# search-floor: ${o.reps} runs each, fresh context, load average ${load0.map((x) => x.toFixed(2)).join(' ')} at start, ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at end, Chromium ${browser.version()}`);
console.log('| page | response start | first paint | DOMContentLoaded | load | 5 results |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [n, rs] of res) {
  const c = (k) => cell(rs.map((r) => r[k]));
  console.log(`| ${n} | ${c('resp')} | ${c('fp')} | ${c('dcl')} | ${c('load')} | ${c('results')} |`);
}
