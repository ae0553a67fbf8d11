#!/usr/bin/env node
// The built public site under the hosting Content-Security-Policy.
//
//   node e2e/csp.mjs PUBLIC_DIR [--conf docs/hosting/nginx.conf]
//
// Reads the Content-Security-Policy from the sample nginx config (so the
// sample and this test never drift apart), refuses a policy with
// 'unsafe-inline' or 'unsafe-eval', serves PUBLIC_DIR on 127.0.0.1 with that
// header on every answer, and in headless Chromium:
//   - first proves the check can fail: a page with an inline script and an
//     inline style attribute must report violations;
//   - opens the front page;
//   - opens the search page, searches for "misbrug" and waits for results;
//   - opens the offer catalogue /enheder/, waits for its filter to appear,
//     ticks "misbrug" in the filter panel and waits until offers are hidden;
//   - opens an offer page with its <script type="application/ld+json">
//     block (data, never run: CSP must not report it);
//   - loads every other page of the site once.
// Any CSP violation (a console message about the Content Security Policy,
// or a securitypolicyviolation event), any uncaught script error, or a
// flow that does not work fails the run.
// Exit 0 when everything passes, 1 on any failure, 2 on a usage/setup error.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, findPages, isMain } from './check.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TIMEOUT = 15_000;

/** The Content-Security-Policy that conf sets with add_header. */
export function cspFromNginx(conf) {
  const m = conf.match(/^\s*add_header\s+Content-Security-Policy\s+"([^"]+)"/m);
  if (!m) throw Object.assign(new Error('no add_header Content-Security-Policy "…" line'), { setup: true });
  const csp = m[1];
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*']) {
    if (csp.split(/[\s;]+/).includes(bad)) throw Object.assign(new Error(`the policy allows ${bad}: ${csp}`), { setup: true });
  }
  return csp;
}

/**
 * Opens a context that records every CSP violation and script error of its
 * pages in `problems` (as strings).
 */
async function watchedContext(browser, problems) {
  const context = await browser.newContext();
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => {
    problems.push(`request to another host: ${route.request().url()}`);
    return route.abort();
  });
  // A binding is not a script of the page: CSP does not stop it.
  await context.exposeBinding('__labyrintCSP', ({ page }, v) => {
    problems.push(`${new URL(page.url()).pathname}: securitypolicyviolation ${v.directive} blocked ${v.blocked || '(inline)'}` +
      (v.sample ? ` "${v.sample}"` : '') + (v.line ? ` at ${v.source}:${v.line}` : ''));
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__labyrintCSP({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
        source: e.sourceFile, line: e.lineNumber });
    }, true);
  });
  context.on('page', (page) => watchPage(page, problems));
  return context;
}

function watchPage(page, problems) {
  page.on('console', (msg) => {
    if (/Content[ -]Security[ -]Policy/i.test(msg.text())) problems.push(`${new URL(page.url()).pathname}: console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${new URL(page.url()).pathname}: script error: ${err.message}`));
}

/** Loads url and gives violation events a moment to arrive. */
async function open(page, url) {
  const resp = await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT });
  await page.waitForTimeout(100);
  return resp;
}

async function selfTest(browser, csp) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'labyrint-csp-'));
  try {
    await fsp.writeFile(path.join(dir, 'index.html'),
      '<!doctype html><html lang="da"><title>x</title><p style="color:red">x</p><script>document.title="kørt"</script>');
    const srv = await startServer(dir, { headers: { 'content-security-policy': csp } });
    const problems = [];
    const context = await watchedContext(browser, problems);
    try {
      const page = await context.newPage();
      await open(page, srv.origin + '/');
      await page.waitForTimeout(300);
      const ran = (await page.title()) === 'kørt';
      const events = problems.filter((p) => p.includes('securitypolicyviolation')).length;
      const messages = problems.filter((p) => p.includes('console:')).length;
      if (ran || events < 2 || messages < 1) {
        throw Object.assign(new Error(`self-test: the inline script ${ran ? 'ran' : 'was blocked'}; ${events} violation events and ` +
          `${messages} console messages were seen, want 2 and 1 or more: ${problems.join('; ')}`), { setup: true });
      }
    } finally {
      await context.close();
      await srv.close();
    }
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** Finds an offer page: one with a JSON-LD block. */
async function offerPage(pages) {
  for (const p of pages) {
    if ((await fsp.readFile(p.file, 'utf8')).includes('application/ld+json')) return p;
  }
  return null;
}

export async function checkCSP(root, csp, log = console.log) {
  const failures = [];
  const fail = (msg) => failures.push(msg);
  const browser = await launchBrowser();
  const srv = await startServer(root, { headers: { 'content-security-policy': csp } });
  try {
    await selfTest(browser, csp);
    log('csp: self-test ok (inline script and style are reported)');
    const problems = [];
    const context = await watchedContext(browser, problems);
    const page = await context.newPage();
    const at = (p) => srv.origin + p;

    // The front page.
    let resp = await open(page, at('/'));
    if (resp.status() !== 200 || resp.headers()['content-security-policy'] !== csp) fail(`/: status ${resp.status()}, CSP header ${resp.headers()['content-security-policy']}`);

    // Search for "misbrug".
    await open(page, at('/soeg/'));
    await page.fill('#q', 'misbrug');
    await page.press('#q', 'Enter');
    try {
      await page.waitForSelector('[data-search-results] li a', { timeout: TIMEOUT });
      const n = await page.locator('[data-search-results] li').count();
      const status = await page.locator('[data-search-status]').textContent();
      log(`csp: /soeg/: ${n} results for "misbrug" (${status.trim()})`);
    } catch {
      fail(`/soeg/: no results for "misbrug" (status: ${await page.locator('[data-search-status]').textContent()})`);
    }

    // The catalogue: the filter shows, and choosing "misbrug" hides offers.
    await open(page, at('/enheder/'));
    try {
      await page.waitForSelector('[data-catalogue-controls]:not([hidden])', { timeout: TIMEOUT });
      const cards = page.locator('[data-catalogue] li.card');
      const total = await cards.count();
      await page.check('[data-catalogue-controls] input[type=checkbox][value=misbrug]');
      await page.waitForSelector('[data-catalogue] li.card[hidden]', { state: 'attached', timeout: TIMEOUT });
      const shown = await page.locator('[data-catalogue] li.card:not([hidden])').count();
      const status = (await page.locator('[data-catalogue-status]').textContent()).trim();
      if (!(shown > 0 && shown < total) || !status.startsWith(`Viser ${shown} tilbud`)) fail(`/enheder/: ${shown} of ${total} offers shown for misbrug, status "${status}"`);
      else log(`csp: /enheder/: "misbrug" shows ${shown} of ${total} offers (${status})`);
    } catch (err) {
      fail(`/enheder/: the filter did not work: ${err.message.split('\n')[0]}`);
    }

    // An offer page with JSON-LD, and then every page once.
    const pages = await findPages(root);
    const offer = await offerPage(pages);
    if (!offer) fail('no page with <script type="application/ld+json">');
    else {
      await open(page, at(offer.urlPath));
      const ld = await page.locator('script[type="application/ld+json"]').count();
      if (ld !== 1) fail(`${offer.urlPath}: ${ld} JSON-LD blocks`);
      else log(`csp: ${offer.urlPath}: JSON-LD block present`);
    }
    for (const p of pages) {
      resp = await open(page, at(p.urlPath));
      if (resp.status() !== 200) fail(`${p.urlPath}: status ${resp.status()}`);
    }
    log(`csp: ${pages.length} pages loaded`);
    await context.close();
    for (const p of problems) fail(p);
  } finally {
    await srv.close();
    await browser.close();
  }
  return failures;
}

async function main(argv) {
  let conf = path.join(here, '..', 'docs', 'hosting', 'nginx.conf');
  const dirs = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--conf') conf = argv[++i];
    else if (argv[i] === '-h' || argv[i] === '--help') {
      console.log('usage: node e2e/csp.mjs PUBLIC_DIR [--conf docs/hosting/nginx.conf]');
      return 0;
    } else dirs.push(argv[i]);
  }
  if (dirs.length !== 1 || !fs.existsSync(dirs[0]) || !fs.statSync(dirs[0]).isDirectory()) {
    console.error('usage: node e2e/csp.mjs PUBLIC_DIR [--conf docs/hosting/nginx.conf] (build the site first)');
    return 2;
  }
  let failures;
  try {
    const csp = cspFromNginx(await fsp.readFile(conf, 'utf8'));
    console.log(`csp: ${csp}`);
    failures = await checkCSP(path.resolve(dirs[0]), csp);
  } catch (err) {
    console.error(`csp: ${err.message}`);
    return 2;
  }
  for (const f of failures) console.log(`csp: FAIL ${f}`);
  console.log(failures.length ? `csp: FAIL (${failures.length} failures)` : 'csp: OK');
  return failures.length ? 1 : 0;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => { console.error(err); process.exit(2); },
  );
}
