#!/usr/bin/env node
// Side-by-side search benchmark: Labyrint's compile-time search against
// Hugo + Pagefind over the same corpus. Normally started by search-bench.sh,
// which generates the corpus and builds both sites:
//
//   node bench/search-bench.mjs --ours OUT_DIR --peer PEER_DIR [--builds FILE]
//        [--reps 3] [--queries misbrug,bolig,...] [--md bench/search-results.md]
//        [--peer-gzip on|off] [--json FILE] [--paths nav,submit]
//
// For every query, repetition and path, ours and the peer each get a fresh browser
// context (empty cache, no cookies, new connections). The site is served from
// 127.0.0.1 by a small static server in this process, by one rule for both
// sites: a text file (html, js, css, json, svg, xml, txt) goes out gzipped,
// as its .gz sibling when the build wrote one (ours does for some files;
// Hugo writes none), else gzipped at level 6 (GZIP_LEVEL) once and kept in
// memory, as a web server with a compression cache would; the peer's
// Pagefind files (.pf_meta, .pf_index, .pf_fragment, .pagefind: gzip
// inside) go out as they are. --peer-gzip off sends the peer's files as
// they are on disk (ours are always compressed).
//
// Two paths, both in every run of the script (--paths picks):
// - nav, the front page's: its form sends the browser to /soeg/?q=QUERY.
//   The clock is the page's own performance.now(), which counts from
//   navigation start; an init script (run before the page's own) watches
//   the document with a MutationObserver and notes the time at which
//   ol[data-search-results] first holds 5 links.
// - submit: the search page is loaded (until `load`); then, in the page,
//   it takes performance.now(), focuses #q, sets the query and submits the
//   form [data-search-form], and stops the clock when
//   ol[data-search-results] holds 5 links (a MutationObserver, so: when
//   they are in the DOM).
// Either then waits for the network to go idle before counting. Bytes are response
// body sizes as sent (encoded), counted by the server per request.
// Chromium's own count (Playwright request.sizes(), i.e. CDP
// Network.loadingFinished) is the cross-check: every request it reports
// must be one the server answered, with the same size wherever it gives
// one, and vice versa; the run fails otherwise. (It reports 0 bytes for the
// script of Pagefind's web worker, which is why the server's count leads.)
// Chromium's favicon probe, which no page asks for, is left out on both
// sides. Submit: "page" = everything until `load`, "query" = everything
// after the clock starts; nav: all of it is "query".
//
// The peer's Hugo layouts have no search page, so this script writes
// PEER_DIR/soeg/index.html: the same form, status and list as ours, and a
// module script that imports /pagefind/pagefind.js, calls
// pagefind.search(q) and .data() on the first 5 results and renders them
// as links (Pagefind's documented JS API). Pagefind's UI does not take a
// query from the address (its documentation calls triggerSearch for that),
// so for the nav path this page's module script, which runs once the
// document is parsed (just before DOMContentLoaded), reads ?q= and
// searches at once.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

// Same launch flags as e2e/check.mjs (kept in step by hand: importing
// check.mjs would also load html-validate and axe-core).
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const DEFAULT_QUERIES = ['misbrug', 'bolig', 'behandling', 'hjemløse', 'samarbejde'];
const WANT = 5; // result links that count as "results shown"
const TIMEOUT = 30_000;

// ---------------------------------------------------------------- args
function parseArgs(argv) {
  const o = { reps: 3, paths: ['nav', 'submit'], queries: DEFAULT_QUERIES, md: path.join(here, 'search-results.md'), peerGzip: true, warmup: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--ours') o.ours = path.resolve(v());
    else if (a === '--peer') o.peer = path.resolve(v());
    else if (a === '--builds') o.builds = v();
    else if (a === '--reps') o.reps = Math.max(1, parseInt(v(), 10));
    else if (a === '--queries') o.queries = v().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--md') o.md = path.resolve(v());
    else if (a === '--json') o.json = path.resolve(v());
    else if (a === '--peer-gzip') o.peerGzip = v() !== 'off';
    else if (a === '--no-warmup') o.warmup = false;
    else if (a === '--paths') o.paths = v().split(',').map((s) => s.trim()).filter((s) => s === 'nav' || s === 'submit');
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.ours) throw new Error('--ours OUT_DIR is required');
  return o;
}

// ---------------------------------------------------------------- server
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.webp': 'image/webp', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.xml', '.txt']);
// zlib's default level, which Apache's mod_deflate uses and nginx's
// documentation suggests for gzip_comp_level (its own default is 1).
const GZIP_LEVEL = 6;

// A text file (TEXT) goes out gzipped to a client that takes gzip, by one
// rule for both sites: its FILE.gz sibling when the build wrote one (ours
// writes them for the search index and assets; the peer writes none),
// else gzipped here at GZIP_LEVEL, once per file and kept in memory, as a
// web server with a compression cache would. With gzipText false (the
// peer under --peer-gzip off) files without a sibling go out as on disk.
// Anything else (images, Pagefind's index files, gzip inside) as it is.
function serve(root, gzipText) {
  const log = [];
  const memo = new Map();
  const state = { phase: 'page' };
  const server = http.createServer((req, res) => {
    const phase = state.phase;
    const send = (status, headers, body) => {
      log.push({ url: req.url, status, bytes: body.length, phase });
      res.writeHead(status, { 'Content-Length': body.length, 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    let p;
    try {
      p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, {}, Buffer.from('bad url'));
    }
    let file = path.join(root, p);
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, {}, Buffer.from('forbidden'));
    let st;
    try {
      st = fs.statSync(file);
      if (st.isDirectory()) {
        if (!p.endsWith('/')) return send(301, { Location: p + '/' }, Buffer.alloc(0));
        file = path.join(file, 'index.html');
        st = fs.statSync(file);
      }
    } catch {
      return send(404, { 'Content-Type': 'text/plain' }, Buffer.from('not found'));
    }
    const ext = path.extname(file).toLowerCase();
    const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream' };
    const gz = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    if (gz && TEXT.has(ext)) {
      if (!memo.has(file)) {
        if (fs.existsSync(file + '.gz')) memo.set(file, null);
        else if (gzipText) memo.set(file, zlib.gzipSync(fs.readFileSync(file), { level: GZIP_LEVEL }));
      }
      const body = memo.has(file) ? memo.get(file) ?? fs.readFileSync(file + '.gz') : null;
      if (body) return send(200, { ...headers, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' }, body);
    }
    send(200, headers, fs.readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({
      origin: `http://127.0.0.1:${server.address().port}`, log, state,
      close: () => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); }),
    }));
  });
}

// ---------------------------------------------------------------- peer page
const PEER_PAGE = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Søg</title></head>
<body><main><h1>Søg</h1>
<form role="search" aria-label="Søg" data-search-form><label for="q">Skriv hvad du leder efter</label>
<input id="q" name="q" type="search" autocomplete="off"> <button type="submit">Søg</button></form>
<p aria-live="polite" data-search-status></p>
<ol data-search-results></ol></main>
<script type="module">
import * as pagefind from "/pagefind/pagefind.js";
const form = document.querySelector("form[data-search-form]"), input = form.querySelector("#q"),
  list = document.querySelector("ol[data-search-results]"), status = document.querySelector("[data-search-status]");
let seq = 0;
async function run() {
  const my = ++seq, q = input.value.trim();
  const search = await pagefind.search(q);
  if (my !== seq || !search) return;
  const data = await Promise.all(search.results.slice(0, ${WANT}).map((r) => r.data()));
  if (my !== seq) return;
  status.textContent = "Fandt " + search.results.length + " sider";
  list.textContent = "";
  for (const d of data) {
    const li = document.createElement("li"), a = document.createElement("a");
    a.href = d.url;
    a.textContent = d.meta.title;
    li.append(a);
    list.append(li);
  }
}
form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
// Pagefind's UI does not read a query from the address (its docs call
// triggerSearch for that); a module script runs when the document is
// parsed, just before DOMContentLoaded, so the query is set then.
const q0 = new URLSearchParams(location.search).get("q");
if (q0) { input.value = q0; run(); }
</script></body></html>
`;

// ---------------------------------------------------------------- one run
// The submit path: the search page loaded (until `load`), then, in the
// page, the clock starts, the query is typed into #q and the form
// submitted; it stops when the list holds WANT links.
async function measureSubmit(page, site, query, setPhase) {
  const resp = await page.goto(site.origin + '/soeg/', { waitUntil: 'load', timeout: TIMEOUT });
  if (!resp || resp.status() !== 200) throw new Error(`search page answered ${resp && resp.status()}`);
  setPhase('query');
  return page.evaluate(({ q, want, timeout }) => new Promise((resolve, reject) => {
    const form = document.querySelector('form[data-search-form]');
    const input = form && form.querySelector('#q');
    const list = document.querySelector('ol[data-search-results]');
    if (!input || !list) return reject(new Error('no search form or result list'));
    const status = document.querySelector('[data-search-status]');
    let obs, timer;
    const t0 = performance.now();
    const check = () => {
      const links = list.querySelectorAll('a[href]');
      if (links.length < want) return;
      const ms = performance.now() - t0;
      obs.disconnect();
      clearTimeout(timer);
      resolve({ ms, first: links[0].textContent.trim(), statusAtDone: status ? status.textContent : '' });
    };
    obs = new MutationObserver(check);
    obs.observe(list, { childList: true, subtree: true });
    timer = setTimeout(() => {
      obs.disconnect();
      reject(new Error(`fewer than ${want} results after ${timeout} ms; status: ${status && status.textContent}`));
    }, timeout);
    input.focus();
    input.value = q;
    form.requestSubmit();
  }), { q: query, want: WANT, timeout: TIMEOUT });
}

// The front page's path: the front page's form sends the browser to
// /soeg/?q=QUERY, so the clock is the page's own: performance.now() counts
// from navigation start (the fetch of /soeg/?q=… in a fresh context). An
// init script, run before any of the page's scripts, watches the document
// and records the time at which ol[data-search-results] first holds WANT
// links. Everything served counts as the query's.
const NAV_WATCH = `(() => {
  const want = ${WANT}, ols = document.getElementsByTagName('ol');
  let list = null, done;
  window.__navDone = new Promise((ok) => { done = ok; });
  const obs = new MutationObserver(() => {
    if (!list) for (const o of ols) if (o.hasAttribute('data-search-results')) list = o;
    if (!list || list.getElementsByTagName('a').length < want) return;
    obs.disconnect();
    done({ ms: performance.now(), first: list.getElementsByTagName('a')[0].textContent.trim() });
  });
  obs.observe(document, { childList: true, subtree: true });
})();`;

// Waits for the init script's promise (no polling, which would take the
// page's main thread now and then).
async function measureNav(page, site, query, setPhase) {
  setPhase('query');
  await page.addInitScript(NAV_WATCH);
  const resp = await page.goto(site.origin + '/soeg/?q=' + encodeURIComponent(query), { waitUntil: 'commit', timeout: TIMEOUT });
  if (!resp || resp.status() !== 200) throw new Error(`search page answered ${resp && resp.status()}`);
  const timeout = new Promise((_, no) => setTimeout(() => no(new Error(`fewer than ${WANT} results after ${TIMEOUT} ms`)), TIMEOUT));
  for (;;) {
    const r = await Promise.race([page.evaluate(() => window.__navDone), timeout]);
    if (r) return r;
    await new Promise((ok) => setTimeout(ok, 10)); // the init script has not run yet
  }
}

// One run of one path ('nav' or 'submit') for one site and query, in a
// fresh browser context.
async function runOnce(browser, site, query, how = 'submit') {
  site.server.log.length = 0;
  site.server.state.phase = 'page';
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  let phase = 'page';
  const setPhase = (p) => { phase = p; site.server.state.phase = p; };
  const reqs = []; // { phase, url, sizes: Promise }
  const failures = [];
  // Context-level events also carry requests made by dedicated workers
  // (Pagefind searches in a web worker).
  context.on('request', (r) => { r._phase = phase; });
  context.on('requestfinished', (r) => reqs.push({ phase: r._phase ?? phase, url: r.url(), sizes: r.sizes(), resp: r.response() }));
  context.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    const r = await (how === 'nav' ? measureNav : measureSubmit)(page, site, query, setPhase);
    // Let anything still in flight for this query finish (ours may fetch
    // more page shards than the first 5 results need) before counting.
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
    const statusText = await page.locator('[data-search-status]').first().textContent();
    const rows = await Promise.all(reqs.map(async (x) => {
      const s = await x.sizes;
      const resp = await x.resp;
      return { phase: x.phase, url: x.url, body: s.responseBodySize, status: resp ? resp.status() : 0 };
    }));
    if (failures.length) throw new Error('failed requests: ' + failures.join(', '));
    if (errors.length) throw new Error('page errors: ' + errors.join('; '));
    // Bytes and requests come from the server's log: Chromium reports a
    // body size of 0 for the script of Pagefind's web worker, so the
    // browser's own count would flatter the peer. The browser's view is the
    // cross-check: the same requests, and the same size wherever it reports
    // one. The browser's own favicon probe (not asked for by the page) is
    // left out on both sides.
    const icon = (u) => /\/favicon\.[a-z]+$/.test(new URL(u, 'http://x').pathname);
    const served = site.server.log.filter((x) => !icon(x.url));
    const seen = rows.filter((x) => !icon(x.url));
    const key = (u) => { const x = new URL(u, 'http://x'); return x.pathname + x.search; };
    const left = new Map();
    for (const x of served) left.set(key(x.url), [...(left.get(key(x.url)) || []), x]);
    for (const x of seen) {
      const l = left.get(key(x.url));
      const m = l && l.find((y) => x.body === 0 || y.bytes === x.body);
      if (!m) throw new Error(`browser saw ${x.url} (${x.body} B) that the server did not send so`);
      l.splice(l.indexOf(m), 1);
    }
    const bad = served.filter((x) => x.status >= 400);
    if (bad.length) throw new Error('failed responses: ' + bad.map((x) => `${x.status} ${x.url}`).join(', '));
    const unseen = [...left.values()].flat();
    if (unseen.length) throw new Error('server sent what the browser did not report: ' + unseen.map((x) => x.url).join(', '));
    const sum = (ph) => served.filter((x) => x.phase === ph).reduce((a, x) => a + x.bytes, 0);
    const count = (ph) => served.filter((x) => x.phase === ph).length;
    const hits = Number((/(\d+)/.exec(statusText || '') || [])[1] ?? NaN);
    return {
      ms: r.ms, first: r.first, hits,
      pageBytes: sum('page'), pageReqs: count('page'), queryBytes: sum('query'), queryReqs: count('query'),
      queryUrls: served.filter((x) => x.phase === 'query').map((x) => `${x.url} ${x.bytes}`),
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- stats
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), n = s.length;
  return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN;
};
const ratio = (a, b) => (b > 0 ? a / b : NaN);
const fx = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const kb = (b) => (Number.isFinite(b) ? (b / 1024).toFixed(1) : 'n/a');
const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');

// Files and bytes under dir as served: a text file as its .gz sibling, or
// gzipped at GZIP_LEVEL as the server would send it (servedGz).
function dirStats(dir, pred, servedGz) {
  let files = 0, bytes = 0;
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (!e.name.endsWith('.gz') && pred(f)) {
        files++;
        if (!servedGz || !TEXT.has(path.extname(f).toLowerCase())) bytes += fs.statSync(f).size;
        else if (fs.existsSync(f + '.gz')) bytes += fs.statSync(f + '.gz').size;
        else bytes += zlib.gzipSync(fs.readFileSync(f), { level: GZIP_LEVEL }).length;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

// Seconds in a Go time.Duration string as `labyrint build` prints it
// ("780ms", "12.345s", "1m2.5s"); NaN when missing.
function goDuration(str) {
  if (!str) return NaN;
  const unit = { h: 3600, m: 60, s: 1, ms: 1e-3, 'µs': 1e-6, us: 1e-6, ns: 1e-9 };
  let t = 0, n = 0;
  for (const m of str.trim().matchAll(/([\d.]+)(h|ms|m|s|µs|us|ns)/g)) t += parseFloat(m[1]) * unit[m[2]], n++;
  return n ? t : NaN;
}

function readBuilds(file) {
  const b = {};
  if (!file || !fs.existsSync(file)) return b;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([\w.]+)=(.*)$/.exec(line.trim());
    if (m) b[m[1]] = m[2];
  }
  return b;
}

// ---------------------------------------------------------------- main
async function main() {
  const o = parseArgs(process.argv.slice(2));
  const builds = readBuilds(o.builds);
  if (!fs.existsSync(path.join(o.ours, 'soeg', 'index.html'))) throw new Error(`${o.ours}/soeg/index.html missing: does the content have soeg.md (layout: search)?`);
  const sites = [{ name: 'ours', dir: o.ours, mode: 'ours' }];
  if (o.peer) {
    if (!fs.existsSync(path.join(o.peer, 'pagefind', 'pagefind.js'))) throw new Error(`${o.peer}/pagefind/pagefind.js missing`);
    fs.mkdirSync(path.join(o.peer, 'soeg'), { recursive: true });
    fs.writeFileSync(path.join(o.peer, 'soeg', 'index.html'), PEER_PAGE);
    sites.push({ name: 'peer', dir: o.peer, mode: 'peer' });
  }
  for (const s of sites) s.server = await serve(s.dir, s.mode === 'ours' || o.peerGzip), s.origin = s.server.origin;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const browserVersion = 'Chromium ' + browser.version();
  const loadStart = os.loadavg()[0];
  const results = []; // { query, site, rep, ...run }
  try {
    if (o.warmup) {
      // One unrecorded run per site, so the first measured run does not pay
      // for Chromium's and the OS file cache's cold start alone.
      for (const how of o.paths) for (const s of sites) await runOnce(browser, s, o.queries[0], how);
    }
    for (const q of o.queries) {
      for (let rep = 0; rep < o.reps; rep++) {
        // Alternate who goes first, so neither always runs right after the other.
        const order = rep % 2 ? [...sites].reverse() : sites;
        for (const how of o.paths) {
          for (const s of order) {
            const r = await runOnce(browser, s, q, how);
            results.push({ path: how, query: q, site: s.name, rep, ...r });
            process.stderr.write(`${how.padEnd(6)} ${q.padEnd(12)} ${s.name} #${rep + 1}: ${ms(r.ms)} ms, query ${r.queryReqs} req ${kb(r.queryBytes)} KB, page ${r.pageReqs} req ${kb(r.pageBytes)} KB, ${r.hits} hits, first "${r.first.slice(0, 50)}"\n`);
          }
        }
      }
    }
  } finally {
    await browser.close();
    for (const s of sites) await s.server.close();
  }

  const loadEnd = os.loadavg()[0];
  // ---- aggregate
  const peer = sites.length > 1;
  const pick = (how, site, q, k) => results.filter((r) => r.path === how && r.site === site && (q == null || r.query === q)).map((r) => r[k]);
  const agg = (how, site, q) => ({
    ms: median(pick(how, site, q, 'ms')), qb: median(pick(how, site, q, 'queryBytes')), qr: median(pick(how, site, q, 'queryReqs')),
    pb: median(pick(how, site, q, 'pageBytes')), pr: median(pick(how, site, q, 'pageReqs')), hits: median(pick(how, site, q, 'hits')),
    first: pick(how, site, q, 'first')[0],
    span: (() => { const t = pick(how, site, q, 'ms'); return t.length > 1 ? `(${ms(Math.min(...t))}–${ms(Math.max(...t))})` : ''; })(),
  });
  const L = [];
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  L.push('# Search benchmark: Labyrint vs Hugo + Pagefind', '');
  L.push(`Generated by \`bench/search-bench.sh\` on ${now}; ${builds.corpus_cases ? `corpus: \`gencorpus.py\` with ${builds.corpus_cases} cases` : 'corpus: see the command line'}; ours built with \`--target ${builds.ours_target || '?'}\`${builds.ours_commit ? ` at commit ${builds.ours_commit}` : ''}. ` +
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model?.trim() || 'CPU'}, Node ${process.version}, ${browserVersion}; 1-minute load average ${loadStart.toFixed(1)} when the browser runs began, ${loadEnd.toFixed(1)} at the end (times are only comparable on an otherwise idle machine).`);
  L.push(`Median of ${o.reps} runs per path, query and site, each in a fresh Chromium context (no cache), ours and the peer alternating${o.warmup ? ', after one unrecorded warm-up run per path and site' : ''}. ` +
    `Served from 127.0.0.1 by the static server in \`search-bench.mjs\`: a text file (html, js, css, json, svg, xml, txt) as its .gz sibling where the build wrote one, else gzipped at level ${GZIP_LEVEL} once and cached, as a web server would${peer ? (o.peerGzip ? ' (both sites alike; the peer has no .gz files)' : ' (ours only: the peer\'s files as they are on disk, no gzip)') + "; Pagefind's index files as they are (compressed inside)" : ''}. ` +
    `Bytes: response bodies as sent (encoded), counted by the server and checked against what Chromium reports over CDP; Pagefind's worker script included, the browser's own favicon probe left out on both sides.`);
  L.push('');
  if (!peer) L.push(`**Peer not measured:** ${builds.peer_error || 'no --peer output given'}`, '');

  const TITLE = {
    nav: ['From the front page: navigation to /soeg/?q=…',
      `Time: from navigation start of \`/soeg/?q=QUERY\` (a fresh context, nothing cached; the page's own performance.now()) until ${WANT} result links are in the DOM. ` +
      "Ours reads the query from the address; Pagefind's UI does not (its documentation calls `triggerSearch` for that), so the peer's page takes it from the address in its module script, which runs when the document is parsed (at DOMContentLoaded). " +
      'KB and requests: everything the visit fetched (page, scripts, index).'],
    submit: ['On the search page: submit',
      `Time: from submitting the query (set in #q, form submitted) on the loaded search page until ${WANT} result links are in the DOM. ` +
      '"query" = requests after the query started; the page load (until `load`) is in the last table.'],
  };
  for (const how of o.paths) {
    const [title, what] = TITLE[how];
    L.push(`## ${title}`, '', what, '');
    if (peer) {
      L.push(`| query | hits ours / peer | ms to ${WANT} results ours (min–max) | peer (min–max) | ours/peer | KB ours | peer | ours/peer | requests ours | peer | ours/peer |`);
      L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
      const row = (label, a, b) => L.push(`| ${label} | ${a.hits ?? ''}${b.hits != null ? ' / ' + b.hits : ''} | ${ms(a.ms)} ${a.span} | ${ms(b.ms)} ${b.span} | ${fx(ratio(a.ms, b.ms))} | ${kb(a.qb)} | ${kb(b.qb)} | ${fx(ratio(a.qb, b.qb))} | ${a.qr} | ${b.qr} | ${fx(ratio(a.qr, b.qr))} |`);
      for (const q of o.queries) row(q, agg(how, 'ours', q), agg(how, 'peer', q));
      row(`**all (median of ${o.queries.length * o.reps} runs)**`, { ...agg(how, 'ours'), hits: null }, { ...agg(how, 'peer'), hits: null });
    } else {
      L.push(`| query | hits | ms to ${WANT} results (min–max) | KB | requests |`, '|---|---:|---:|---:|---:|');
      for (const q of o.queries) { const a = agg(how, 'ours', q); L.push(`| ${q} | ${a.hits} | ${ms(a.ms)} ${a.span} | ${kb(a.qb)} | ${a.qr} |`); }
      const A = agg(how, 'ours');
      L.push(`| **all** | | ${ms(A.ms)} ${A.span} | ${kb(A.qb)} | ${A.qr} |`);
    }
    L.push('');
  }
  if (o.paths.includes('submit')) {
    L.push('## Submit path, whole visit (search page load + query), median over all runs', '');
    const A = agg('submit', 'ours'), B = peer ? agg('submit', 'peer') : null;
    L.push('| | ours |' + (peer ? ' peer | ours/peer |' : ''), '|---|---:|' + (peer ? '---:|---:|' : ''));
    const r = (label, a, b, f) => L.push(`| ${label} | ${f(a)} |` + (peer ? ` ${f(b)} | ${fx(ratio(a, b))} |` : ''));
    r('search page load, KB', A.pb, B?.pb, kb);
    r('search page load, requests', A.pr, B?.pr, String);
    r('query, KB', A.qb, B?.qb, kb);
    r('page load + query, KB', A.pb + A.qb, B && B.pb + B.qb, kb);
    r('page load + query, requests', A.pr + A.qr, B && B.pr + B.qr, String);
    L.push('');
  }

  L.push('## Build and index', '');
  const num = (k) => (builds[k] !== undefined && builds[k] !== '' ? Number(builds[k]) : NaN);
  const dur = (k) => goDuration(builds[k]);
  const oursIdx = dirStats(path.join(o.ours, 'soeg', 'idx'), () => true, true);
  const peerIdx = peer ? dirStats(path.join(o.peer, 'pagefind'), (f) => /\.(pf_meta|pf_index|pf_fragment|pagefind)$/.test(f) || f.endsWith('pagefind-entry.json'), o.peerGzip) : null;
  let peerPages = NaN;
  try { peerPages = Object.values(JSON.parse(fs.readFileSync(path.join(o.peer, 'pagefind', 'pagefind-entry.json'), 'utf8')).languages).reduce((a, l) => a + l.page_count, 0); } catch {}
  let oursPages = NaN;
  try { oursPages = Number(/"n":(\d+)/.exec(fs.readFileSync(path.join(o.ours, 'soeg', 'idx', 'meta.txt'), 'utf8'))[1]); } catch {}
  L.push('| | ours |' + (peer ? ' peer | ours/peer |' : ''), '|---|---:|' + (peer ? '---:|---:|' : ''));
  const br = (label, a, b, f) => L.push(`| ${label} | ${f(a)} |` + (peer ? ` ${f(b)} | ${fx(ratio(a, b))} |` : ''));
  const sec = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
  br('build wall time, s (ours: `labyrint build`; peer: `peer-build.sh`, Hugo + Pagefind)', num('ours_wall_s'), num('peer_wall_s'), sec);
  br('build total printed by `labyrint build`, s', dur('ours_total'), NaN, sec);
  br('… of which stage `index` (ours: the search index)', dur('ours_index_stage'), NaN, sec);
  br('pages in the search index', oursPages, peerPages, (x) => (Number.isFinite(x) ? String(x) : 'n/a'));
  br('index files (ours soeg/idx/, peer pagefind index/fragment/meta/wasm)', oursIdx.files, peerIdx?.files, String);
  br('index size as served, MB', oursIdx.bytes / 1048576, peerIdx && peerIdx.bytes / 1048576, (x) => fx(x, 1));
  L.push('');
  if (builds.notes) L.push(builds.notes.replace(/\\n/g, '\n'), '');

  const md = L.join('\n');
  fs.mkdirSync(path.dirname(o.md), { recursive: true });
  fs.writeFileSync(o.md, md);
  if (o.json) fs.writeFileSync(o.json, JSON.stringify({ builds, results }, null, 1));
  process.stdout.write(md);
}

// Run as a script; imported (bench/search-trace.mjs), it only lends its server and pages.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error('search-bench:', e && e.stack || e);
    process.exit(1);
  });
}

export { serve, PEER_PAGE, NAV_WATCH, CHROMIUM_PATH, CHROMIUM_ARGS, WANT };
