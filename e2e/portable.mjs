#!/usr/bin/env node
// Portability check for Labyrint's relative links.
//
//   node e2e/portable.mjs PUBLIC_DIR INTRANET_DIR
//
// 1. file://  The intranet build opened from disk: walk the relative links
//    from index.html (every link on it, then breadth-first through up to 40
//    more pages), each must open a file with an <h1>; search from
//    soeg/index.html?q=misbrug, click the first hit; type "bolig" into #q,
//    open the filters and tick the first result's section: only results
//    from that section may remain.
// 2. sub-path The public build served over HTTP under /socialomraadet/inspiration/
//    only: crawl every same-origin link, no page or resource >= 400, no request
//    outside the prefix; search for "bolig" and its links stay under the prefix.
// Prints FAIL lines and one summary line `portable: ...`.
// Exit 0 = pass, 1 = any failure, 2 = usage/setup error. See README.md.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, CHROMIUM_ARGS, startServer, isMain } from './check.mjs';

export const PREFIX = '/socialomraadet/inspiration/';
const FILE_EXPAND = 40; // pages (after index.html) whose links are followed too
const NAV_TIMEOUT = 15_000;
const SEARCH_TIMEOUT = 5_000;
const WATCHDOG = 170_000; // whole run


const failures = [];
const reported = new Set();
// One line per failure; the same message for the same place only once.
function fail(part, where, msg) {
  const key = `${part} ${where}: ${msg}`;
  if (reported.has(key)) return;
  reported.add(key);
  failures.push({ part, where, msg });
  console.log(`FAIL ${key}`);
}
// A broken resource (stylesheet, script, image) is named once, on the first
// page that asked for it, not again on every page that shares it.
const brokenRes = new Set();
function failResource(part, where, url, msg) {
  if (brokenRes.has(url)) return;
  brokenRes.add(url);
  fail(part, where, msg);
}
const short = (e) => String(e && e.message ? e.message : e).split('\n')[0];

// Links on the current page: raw attribute and the browser-resolved URL.
const LINKS = () => Array.from(document.querySelectorAll('a[href]'), (a) => [a.getAttribute('href'), a.href]);
const H1 = () => { const h = document.querySelector('h1'); return h ? h.textContent.trim() : null; };

// After a failed navigation Chromium still commits its error page
// (chrome-error://chromewebdata/), which would interrupt the next goto:
// park the tab on about:blank first.
async function settle(page) {
  for (let i = 0; i < 3; i++) {
    try {
      await page.goto('about:blank', { waitUntil: 'load', timeout: NAV_TIMEOUT });
      if (page.url() === 'about:blank') return;
    } catch {}
    await page.waitForTimeout(50);
  }
}

// ---------------------------------------------------------------- 1. file://

// A link that opens from disk: no scheme, not a bare fragment.
function isRelative(href) {
  const h = href.trim();
  return h !== '' && !h.startsWith('#') && !h.startsWith('//') && !/^[a-z][a-z0-9+.-]*:/i.test(h);
}

async function checkFileSite(page, root) {
  const rel = (file) => path.relative(root, file).split(path.sep).join('/') || '.';
  const failedRes = [];
  page.on('requestfailed', (r) => {
    const err = r.failure() && r.failure().errorText;
    if (err !== 'net::ERR_ABORTED' && r.resourceType() !== 'document') failedRes.push([r.url(), `${r.resourceType()} ${r.url()}: ${err}`]);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!/^(file|data|blob|about):/.test(u)) failedRes.push([u, `${r.resourceType()} ${u}: leaves file://`]);
  });
  const flushRes = (where) => {
    for (const [u, e] of failedRes.splice(0)) failResource('file://', where, u, `resource: ${e}`);
  };

  // Is this file URL an existing file inside root? Returns the path or null
  // (after recording why not).
  async function target(url, where, linkText) {
    const u = new URL(url);
    const file = fileURLToPath(new URL(u.pathname, 'file://'));
    if (file !== root && !file.startsWith(root + path.sep)) {
      fail('file://', where, `link ${linkText} leaves the folder (${file})`);
      return null;
    }
    const st = await fsp.stat(file).catch(() => null);
    if (st && st.isDirectory()) {
      fail('file://', where, `link ${linkText} points at a folder, not a file (opens as a directory listing from disk)`);
      return null;
    }
    return file;
  }

  // Open a file URL; it must load and have an <h1>. Returns the <h1> text or null.
  async function open(url, where) {
    try {
      await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
    } catch (err) {
      fail('file://', where, short(err));
      await settle(page);
      failedRes.length = 0;
      return null;
    }
    const h1 = await page.evaluate(H1);
    if (!h1) fail('file://', where, 'no <h1>');
    flushRes(where);
    return h1;
  }

  const start = path.join(root, 'index.html');
  const visited = new Set([start]);
  const queue = [{ file: start, from: null, expand: true }];
  let loaded = 0;
  let expanded = 0;
  let links = 0;
  while (queue.length) {
    const { file, from, expand } = queue.shift();
    const where = rel(file) + (from ? ` (linked from ${from})` : '');
    loaded++;
    const h1 = await open(pathToFileURL(file).href, where);
    if (h1 === null || !expand) continue;
    expanded++;
    for (const [raw, resolved] of await page.evaluate(LINKS)) {
      if (!isRelative(raw)) continue;
      links++;
      const f = await target(resolved, rel(file), JSON.stringify(raw));
      if (!f || visited.has(f)) continue;
      visited.add(f);
      // index.html's links are all followed; pages are expanded in BFS order
      // until FILE_EXPAND of them (besides index.html) have been.
      queue.push({ file: f, from: rel(file), expand: expanded + queue.filter((q) => q.expand).length <= FILE_EXPAND });
    }
  }

  // Search: from ?q=misbrug, then the first hit.
  const searchFile = path.join(root, 'soeg', 'index.html');
  const searchUrl = pathToFileURL(searchFile).href;
  const search = { misbrug: 0, bolig: 0, hit: null };
  const resultLinks = async (where) => {
    try {
      await page.waitForSelector('[data-search-results] a[href]', { timeout: SEARCH_TIMEOUT });
    } catch {
      const status = await page.evaluate(() => (document.querySelector('[data-search-status]') || {}).textContent || '').catch(() => '');
      fail('file://', where, `no search results within ${SEARCH_TIMEOUT / 1000} s (status: ${JSON.stringify(status)})`);
      return [];
    }
    const hrefs = await page.$$eval('[data-search-results] a[href]', (as) => as.map((a) => [a.getAttribute('href'), a.href]));
    for (const [raw, resolved] of hrefs) await target(resolved, where, `search result ${JSON.stringify(raw)}`);
    return hrefs;
  };

  if (await open(searchUrl + '?q=misbrug', 'soeg/index.html?q=misbrug') !== null) {
    const hits = await resultLinks('soeg/index.html?q=misbrug');
    search.misbrug = hits.length;
    if (hits.length) {
      const first = page.locator('[data-search-results] a[href]').first();
      const label = (await first.textContent()).trim();
      try {
        const before = page.url();
        await first.click();
        await page.waitForURL((u) => u.href !== before, { waitUntil: 'load', timeout: NAV_TIMEOUT });
        const f = await target(page.url(), 'soeg/index.html?q=misbrug', `first result ${JSON.stringify(label)}`);
        const h1 = await page.evaluate(H1);
        if (f && !h1) fail('file://', `first result ${rel(f)}`, 'no <h1>');
        search.hit = h1 && f ? `${rel(f)} "${h1}"${/isbrug/i.test(h1) ? '' : ' (no "isbrug" in <h1>)'}` : null;
        flushRes('soeg/index.html?q=misbrug (first result)');
      } catch (err) {
        fail('file://', `soeg/index.html?q=misbrug first result ${JSON.stringify(label)}`, short(err));
      }
    }
  }

  // Type (not fill) "bolig": results must appear without submitting.
  if (await open(searchUrl, 'soeg/index.html') !== null) {
    await page.click('#q');
    await page.keyboard.type('bolig', { delay: 40 });
    search.bolig = (await resultLinks('soeg/index.html (typed "bolig")')).length;
    // The filters load their facets (idx/f.txt) when opened; ticking the
    // first result's section must leave only results from that section.
    const where = 'soeg/index.html (filters)';
    try {
      const label = (await page.locator('[data-search-results] li > span').first().textContent()).trim();
      await page.click('[data-search-filters] summary');
      const box = page.locator('[data-search-filters] fieldset').first().locator('label', { hasText: label }).locator('input[type=checkbox]');
      await box.waitFor({ timeout: SEARCH_TIMEOUT });
      await box.check();
      await page.waitForFunction((l) => {
        const spans = [...document.querySelectorAll('[data-search-results] li > span')];
        return spans.length > 0 && spans.every((s) => s.textContent === l);
      }, label, { timeout: SEARCH_TIMEOUT });
      search.filter = `${JSON.stringify(label)}: ${await page.locator('[data-search-results] li').count()} results, all in it (${(await page.locator('[data-search-status]').textContent()).trim()})`;
    } catch (err) {
      fail('file://', where, `ticking the first result's section filter did not narrow the results to it: ${short(err)}`);
    }
  }
  flushRes('soeg/index.html');
  return { loaded, expanded, links, search };
}

// ---------------------------------------------------------------- 2. sub-path

async function checkSubPath(page, root) {
  const srv = await startServer(root, { prefix: PREFIX });
  const base = srv.origin + PREFIX;
  const show = (u) => { try { const x = new URL(u); return x.origin === srv.origin ? x.pathname + x.search : u; } catch { return u; } };
  let current = '-';
  // A resource is named with the page that asked for it (its Referer): the
  // favicon, for one, is fetched after 'load', when the crawl has moved on.
  const asker = (q) => { const ref = q.headers().referer; return ref ? show(ref) : current; };
  const seenRes = new Set();
  page.on('request', (r) => {
    const u = r.url();
    if (/^(data|blob|about):/.test(u)) return;
    let x;
    try { x = new URL(u); } catch { return fail('sub-path', current, `bad request URL ${u}`); }
    if (x.origin !== srv.origin) fail('sub-path', asker(r), `request leaves the site: ${u} (${r.resourceType()})`);
    else if (!x.pathname.startsWith(PREFIX)) fail('sub-path', asker(r), `request leaves ${PREFIX}: ${x.pathname} (${r.resourceType()})`);
  });
  page.on('response', (r) => {
    const u = r.url();
    if (!u.startsWith(srv.origin)) return;
    seenRes.add(u.split('#')[0]);
    const q = r.request();
    const t = q.resourceType();
    if (r.status() >= 400 && t !== 'document') failResource('sub-path', asker(q), u, `${t} ${show(u)} -> ${r.status()}`);
  });
  page.on('requestfailed', (r) => {
    const err = r.failure() && r.failure().errorText;
    if (err !== 'net::ERR_ABORTED' && r.resourceType() !== 'document' && r.url().startsWith(srv.origin)) failResource('sub-path', asker(r), r.url(), `${r.resourceType()} ${show(r.url())}: ${err}`);
  });

  const visited = new Set([base]);
  const queue = [{ url: base, from: null }];
  let pages = 0;
  let files = 0;
  try {
    while (queue.length) {
      const { url, from } = queue.shift();
      current = show(url) + (from ? ` (linked from ${show(from)})` : '');
      const ext = path.posix.extname(new URL(url).pathname).toLowerCase();
      if (ext && ext !== '.html') {
        // A linked file (pdf, xml, ...): its status only, no browser tab.
        files++;
        const r = await page.request.get(url, { maxRedirects: 5 }).catch((e) => e);
        if (r instanceof Error) fail('sub-path', current, short(r));
        else if (r.status() >= 400) fail('sub-path', current, `-> ${r.status()}`);
        continue;
      }
      pages++;
      let resp;
      try {
        resp = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
      } catch (err) {
        fail('sub-path', current, short(err));
        await settle(page);
        continue;
      }
      if (!resp) { fail('sub-path', current, 'no response'); continue; }
      if (resp.status() >= 400) { fail('sub-path', current, `-> ${resp.status()}`); continue; }
      const here = show(url);
      for (const [raw, resolved] of await page.evaluate(LINKS)) {
        let x;
        try { x = new URL(resolved); } catch { fail('sub-path', here, `bad link ${JSON.stringify(raw)}`); continue; }
        if (x.origin !== srv.origin) continue; // http(s) elsewhere, mailto:, tel:
        x.hash = '';
        if (!x.pathname.startsWith(PREFIX)) {
          fail('sub-path', here, `link ${JSON.stringify(raw)} leaves ${PREFIX} (${x.pathname})`);
          continue;
        }
        const u = x.href;
        if (!visited.has(u)) {
          visited.add(u);
          queue.push({ url: u, from: url });
        }
      }
    }

    // Search under the prefix.
    const where = show(base + 'soeg/?q=bolig');
    current = where;
    let hits = [];
    try {
      await page.goto(base + 'soeg/?q=bolig', { waitUntil: 'load', timeout: NAV_TIMEOUT });
      await page.waitForSelector('[data-search-results] a[href]', { timeout: SEARCH_TIMEOUT });
      hits = await page.$$eval('[data-search-results] a[href]', (as) => as.map((a) => [a.getAttribute('href'), a.href]));
    } catch (err) {
      const status = await page.evaluate(() => (document.querySelector('[data-search-status]') || {}).textContent || '').catch(() => '');
      fail('sub-path', where, `no search results (${short(err)}; status: ${JSON.stringify(status)})`);
    }
    for (const [raw, resolved] of hits) {
      const x = new URL(resolved);
      if (x.origin !== srv.origin || !x.pathname.startsWith(PREFIX)) {
        fail('sub-path', where, `search result ${JSON.stringify(raw)} leaves ${PREFIX} (${resolved})`);
        continue;
      }
      x.hash = '';
      if (visited.has(x.href)) continue; // already crawled
      const r = await page.request.get(x.href).catch((e) => e);
      if (r instanceof Error || r.status() >= 400) fail('sub-path', where, `search result ${show(x.href)} -> ${r instanceof Error ? short(r) : r.status()}`);
    }
    return { pages, files, resources: seenRes.size, hits: hits.length };
  } finally {
    await srv.close();
  }
}

// ---------------------------------------------------------------- main

async function main(argv) {
  if (argv.length !== 2 || argv.some((a) => a.startsWith('-'))) {
    console.error('usage: node e2e/portable.mjs PUBLIC_DIR INTRANET_DIR');
    return 2;
  }
  const [pub, intra] = argv.map((d) => path.resolve(d));
  for (const [d, f] of [[pub, 'index.html'], [intra, 'index.html']]) {
    if (!fs.existsSync(path.join(d, f))) {
      console.error(`portable: ${d}: no ${f} (build the site first)`);
      return 2;
    }
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.error(`portable: Chromium not found at ${CHROMIUM_PATH}; run: bash e2e/install.sh`);
    return 2;
  }
  const t0 = Date.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  let a = null;
  let b = null;
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', locale: 'da-DK' });
    const page = await context.newPage();
    const errs = [];
    page.on('pageerror', (e) => errs.push(short(e)));
    let t = Date.now();
    try {
      a = await checkFileSite(page, intra);
      a.secs = ((Date.now() - t) / 1000).toFixed(1);
    } catch (err) {
      fail('file://', '-', `aborted: ${short(err)}`);
    }
    for (const e of new Set(errs.splice(0))) fail('file://', '-', `JS error: ${e}`);
    // A fresh page: the file:// listeners must not see the HTTP crawl.
    await page.close();
    const page2 = await context.newPage();
    page2.on('pageerror', (e) => errs.push(short(e)));
    t = Date.now();
    try {
      b = await checkSubPath(page2, pub);
      b.secs = ((Date.now() - t) / 1000).toFixed(1);
    } catch (err) {
      fail('sub-path', '-', `aborted: ${short(err)}`);
    }
    for (const e of new Set(errs)) fail('sub-path', '-', `JS error: ${e}`);
  } finally {
    await browser.close();
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const fa = a
    ? `file:// ${a.loaded} pages opened (links of ${a.expanded} followed: ${a.links} relative links), search misbrug ${a.search.misbrug} hits -> ${a.search.hit || 'n/a'}, typed bolig ${a.search.bolig} hits, filter ${a.search.filter || 'n/a'} (${a.secs} s)`
    : 'file:// aborted';
  const fb = b
    ? `sub-path ${PREFIX} ${b.pages} pages${b.files ? ` + ${b.files} files` : ''}, ${b.resources} URLs answered, search bolig ${b.hits} hits (${b.secs} s)`
    : 'sub-path aborted';
  const verdict = failures.length ? `FAIL (${failures.length} failures)` : 'OK';
  console.log(`portable: ${fa}; ${fb}; total ${secs} s; ${verdict}`);
  return failures.length ? 1 : 0;
}

if (isMain(import.meta.url)) {
  const watchdog = setTimeout(() => {
    console.log(`portable: FAIL (gave up after ${WATCHDOG / 1000} s)`);
    process.exit(1);
  }, WATCHDOG);
  watchdog.unref();
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => { console.error(`portable: ${short(err)}`); process.exit(2); },
  );
}
