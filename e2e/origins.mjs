#!/usr/bin/env node
// No other website can read the search index (issue #21, finding 2).
//
//   node e2e/origins.mjs PUBLIC_DIR INTRANET_DIR
//
// Serves each built target on its own 127.0.0.1 port (the victim origins)
// and an attacker page on a third port, then in headless Chromium:
//   - proves the attacks can succeed: against old-style shards (an unguarded
//     window.labyrintSearch.load(...) script, and a guarded one served as
//     JavaScript to a worker that forges location), on the attacker's own
//     origin, each attack reads the data;
//   - runs the same attacks on the victims' real shards (soeg/idx/*.txt):
//     <script> with a load() of its own, fetch() (cors and no-cors), a worker
//     that forges location and importScripts the shard, and an iframe whose
//     document it tries to read: none may get a byte of a page's text;
//   - searches on each victim's own origin (results must appear) and in the
//     intranet opened from file:// (results must appear).
// Exit 0 when all pass, 1 on any failure, 2 on a usage/setup error.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, launchBrowser, isMain } from './check.mjs';

const TIMEOUT = 15_000;
const failures = [];
function fail(where, msg) {
  failures.push(`${where}: ${msg}`);
  console.log(`FAIL ${where}: ${msg}`);
}

// The attacks, run in the attacker's page. Each resolves to what it read
// (a string), or to "" when it read nothing.
const ATTACKS = String.raw`
const leak = (s) => JSON.stringify(s) || "";
window.attacks = {
  script(url) {
    return new Promise((ok) => {
      window.labyrintSearch = { load: (n, d) => ok(leak(d)) };
      const s = document.createElement("script");
      s.src = url;
      s.onload = () => setTimeout(() => ok(""), 200);
      s.onerror = () => ok("");
      document.head.appendChild(s);
    });
  },
  async fetchCors(url) {
    try { return await (await fetch(url)).text(); } catch (e) { return ""; }
  },
  async fetchNoCors(url) {
    try { return await (await fetch(url, { mode: "no-cors" })).text(); } catch (e) { return ""; }
  },
  worker(url) {
    const src = 'Object.defineProperty(self, "location", { value: { protocol: "file:" } });' +
      'self.window = self; self.labyrintSearch = { load: (n, d) => postMessage(JSON.stringify(d)) };' +
      'onmessage = (e) => { try { importScripts(e.data); } catch (x) {} setTimeout(() => postMessage(""), 200); };';
    return new Promise((ok) => {
      const w = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })));
      w.onmessage = (e) => { ok(e.data); w.terminate(); };
      w.onerror = () => ok("");
      w.postMessage(url);
    });
  },
  frame(url) {
    return new Promise((ok) => {
      const f = document.createElement("iframe");
      f.src = url;
      f.onload = () => { try { ok(f.contentDocument.documentElement.outerHTML); } catch (e) { ok(""); } };
      document.body.appendChild(f);
    });
  },
};`;

// serveAttacker serves the attacker page at / and old-style shard copies.
function serveAttacker(copies) {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x').pathname;
    if (copies[u]) {
      res.writeHead(200, { 'content-type': 'application/javascript' });
      res.end(copies[u]);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>attacker</title><body><script>${ATTACKS}</script></body></html>`);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

// shardOf returns a document shard's text and a secret from it: the text
// of its first page, as stored (no other origin may see it).
function shardOf(root) {
  const idx = path.join(root, 'soeg', 'idx');
  const name = fs.readdirSync(idx).filter((n) => /^d-\d+\.txt$/.test(n)).sort()[0];
  if (!name) throw Object.assign(new Error(`no document shard in ${idx}`), { setup: true });
  const text = fs.readFileSync(path.join(idx, name), 'utf8');
  const head = text.slice(0, text.indexOf(',') + 1);
  const docs = JSON.parse(text.slice(head.length, text.lastIndexOf(')')));
  const secret = docs.map((d) => d[3]).find((s) => s.length > 20).slice(0, 20);
  return { name, text, head, secret };
}

async function attack(page, label, fn, url, secret, want) {
  const got = await page.evaluate(([f, u]) => window.attacks[f](u), [fn, url]);
  const read = got.includes(secret) || got.includes(JSON.stringify(secret).slice(1, -1));
  if (read !== want) fail(label, want ? `the control attack did not read the data (${fn}): the test cannot tell` : `${fn} read the index: ${got.slice(0, 80)}`);
  return read;
}

async function searches(page, url, where) {
  try {
    await page.goto(url);
    await page.waitForSelector('[data-search-results] li a', { timeout: TIMEOUT });
    return await page.locator('[data-search-results] li').count();
  } catch (e) {
    fail(where, `no search results: ${String(e.message).split('\n')[0]}`);
    return 0;
  }
}

async function main(args) {
  if (args.length !== 2) {
    console.error('usage: node e2e/origins.mjs PUBLIC_DIR INTRANET_DIR');
    return 2;
  }
  const targets = { public: path.resolve(args[0]), intranet: path.resolve(args[1]) };
  const shards = Object.fromEntries(Object.entries(targets).map(([k, d]) => [k, shardOf(d)]));
  const victims = {};
  for (const [k, d] of Object.entries(targets)) victims[k] = await startServer(d);
  // Old-style shards on the attacker's own origin, for the controls.
  const s = shards.intranet;
  const unguarded = 'window.labyrintSearch.load(' + s.text.slice(s.text.indexOf('load(') + 5);
  const att = await serveAttacker({ '/old.js': unguarded, '/guarded.js': s.text });
  const browser = await launchBrowser();
  const summary = [];
  try {
    const page = await browser.newPage();
    await page.goto(att.origin + '/');
    await attack(page, 'control', 'script', att.origin + '/old.js', s.secret, true);
    await attack(page, 'control', 'worker', att.origin + '/guarded.js', s.secret, true);
    for (const [k, v] of Object.entries(victims)) {
      const url = `${v.origin}/soeg/idx/${shards[k].name}`;
      for (const fn of ['script', 'fetchCors', 'fetchNoCors', 'worker']) {
        await page.goto(att.origin + '/');
        await attack(page, `${k} ${fn}`, fn, url, shards[k].secret, false);
      }
      await page.goto(att.origin + '/');
      await attack(page, `${k} frame`, 'frame', url, shards[k].secret, false);
      summary.push(`${k}: 5 attacks read nothing`);
    }
    const suffix = { public: '', intranet: 'index.html' };
    for (const [k, v] of Object.entries(victims)) {
      const n = await searches(page, `${v.origin}/soeg/${suffix[k]}?q=bolig`, `${k} over http`);
      summary.push(`${k} http: ${n} results`);
    }
    const n = await searches(page, pathToFileURL(path.join(targets.intranet, 'soeg', 'index.html')).href + '?q=bolig', 'intranet from file://');
    summary.push(`intranet file://: ${n} results`);
  } finally {
    await browser.close();
    for (const v of Object.values(victims)) await v.close();
    att.server.close();
    att.server.closeAllConnections();
  }
  console.log(`origins: ${summary.join('; ')}; ${failures.length} failures`);
  return failures.length ? 1 : 0;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => { console.error(err); process.exit(2); },
  );
}
