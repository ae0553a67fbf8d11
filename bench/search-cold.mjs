#!/usr/bin/env node
// A cold query in headless Chromium, client against client: each run in a
// fresh browser context, as a visit from the front page runs search.js.
// The shards are fetched before the clock starts and handed over by a
// stand-in S.fetch (the term shards 20 ms later, as if on the network), so
// the times are the client's own: from S.query() to the first term shard's
// request, and to the ranking (less those 20 ms).
//
//   node bench/search-cold.mjs IDX_DIR QUERY REPS CLIENT.js [CLIENT.js ...]
//
// e.g. IDX_DIR = a 10k build's soeg/idx, CLIENT = `git show REV:assets/search/search.js`
// saved to a file, and assets/search/search.js.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const [idx, q, reps, ...clients] = process.argv.slice(2);
if (!clients.length) throw new Error('usage: search-cold.mjs IDX_DIR QUERY REPS CLIENT.js ...');
const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  if (u.pathname === '/') { res.writeHead(200, { 'Content-Type': 'text/html' }); return res.end('<!doctype html><title>x</title>'); }
  if (u.pathname.startsWith('/c/')) { res.writeHead(200, { 'Content-Type': 'text/javascript' }); return res.end(fs.readFileSync(clients[+u.pathname.slice(3)])); }
  const f = path.join(idx, path.basename(u.pathname));
  if (!fs.existsSync(f)) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end(fs.readFileSync(f));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
const T = clients.map(() => [[], []]);
const load = os.loadavg()[0];
for (let r = 0; r < +reps; r++) for (let c = 0; c < clients.length; c++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(origin + '/');
  const t = await page.evaluate(async ({ c, q }) => {
    const texts = {}, get = async (n) => texts[n] ??= await (await fetch('/idx/' + n + '.txt')).text();
    await get('meta');
    await new Promise((ok) => { const s = document.createElement('script'); s.src = '/c/' + c; s.onload = ok; document.head.append(s); });
    const S = window.labyrintSearch;
    // First, in another context, which shards the query asks for.
    const need = [];
    S.fetch = (n) => { need.push(n); setTimeout(() => get(n).then((t) => S.take(n, t))); };
    await S.query(q);
    return need;
  }, { c, q });
  await ctx.close();
  const ctx2 = await browser.newContext();
  const page2 = await ctx2.newPage();
  await page2.goto(origin + '/');
  const m = await page2.evaluate(async ({ c, q, need }) => {
    const texts = {};
    for (const n of ['meta', ...need]) texts[n] = await (await fetch('/idx/' + n + '.txt')).text();
    await new Promise((ok) => { const s = document.createElement('script'); s.src = '/c/' + c; s.onload = ok; document.head.append(s); });
    const S = window.labyrintSearch;
    let first;
    S.fetch = (n) => { if (n[0] === 't' && first == null) first = performance.now(); setTimeout(() => S.take(n, texts[n]), n[0] === 't' ? 20 : 0); };
    const t0 = performance.now();
    await S.query(q);
    return [first - t0, performance.now() - t0 - 20];
  }, { c, q, need: t });
  await ctx2.close();
  T[c][0].push(m[0]); T[c][1].push(m[1]);
}
await browser.close(); server.close();
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
console.log(`query ${q}, ${reps} fresh contexts per client, load average ${load.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)}`);
clients.forEach((c, i) => console.log(`${c}: to the term shard's request median ${med(T[i][0]).toFixed(1)} ms (least ${Math.min(...T[i][0]).toFixed(1)}); to the ranking median ${med(T[i][1]).toFixed(1)} ms (least ${Math.min(...T[i][1]).toFixed(1)})`));
