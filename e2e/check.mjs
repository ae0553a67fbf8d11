#!/usr/bin/env node
// Browser accessibility check for Labyrint's static output.
//
//   node e2e/check.mjs DIR [DIR...]      (e.g. public public-intranet)
//
// For every folder: serve it on 127.0.0.1 (random port), find every *.html
// (except under a folder named `idx`), and for each page in headless Chromium:
// axe-core (WCAG 2.0/2.1/2.2 A+AA + best-practice), no request off the local
// origin, no cookies, reflow at 320 px, page weight (gzip -9 of HTML + same-
// origin CSS/JS <= 30 KB), keyboard (skip link, focus into main, visible
// focus) on one page per layout, and html-validate on the file bytes.
// Exit 0 when everything passes, 1 on any failure, 2 on a usage/setup error.
// See README.md in this folder.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { HtmlValidate } from 'html-validate';

const require = createRequire(import.meta.url);

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Belt and braces: no host name resolves, so nothing can reach another
  // machine even if a request slipped past the route that aborts it.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
export const MAX_PAGE_GZIP = 30 * 1024; // bytes, HTML + same-origin CSS/JS, gzip -9
export const SKIP_LINK_TEXT = 'Gå til sidens indhold';
export const MAX_TAB_STOPS = 40;
const DESKTOP = { width: 1280, height: 800 };
const REFLOW = { width: 320, height: 640 };
const NAV_TIMEOUT = 30_000;
const PAGE_TIMEOUT = 90_000; // watchdog for one page's whole check

// html-validate: recommended + document (full-document rules such as
// heading-level, input-missing-label, no-missing-references). Relaxed rules
// are only those that tdewolff/minify's output breaks although the markup
// means the same to a browser. Everything else, no-inline-style included,
// stays an error.
export const HTML_VALIDATE_CONFIG = {
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // minify lowercases the doctype: `<!doctype html>`.
    'doctype-style': 'off',
    // minify drops attribute quotes where HTML allows it (`lang=da`).
    'attr-quotes': 'off',
    // minify omits optional end tags (</p>, </li>, </td>, </tr>, </option>,
    // </dt>, </dd>, </head>, </body>, </html>) and optional start tags
    // (<head>, <body> without attributes); the HTML parser closes them the
    // same way. Misnested or unclosed non-optional tags still fail
    // (close-order, element-permitted-content, ...).
    'no-implicit-close': 'off',
    // Source formatting only; minify keeps whitespace inside <pre>/<textarea>
    // verbatim (code blocks from Markdown may carry trailing spaces).
    'no-trailing-whitespace': 'off',
    // minify decodes `&amp;` to a bare `&` where that is unambiguous (valid
    // HTML). relaxed mode still rejects ambiguous ampersands like `&copy`.
    'no-raw-characters': ['error', { relaxed: true }],
    // minify strips default attribute values, so `<button type=submit>`
    // becomes `<button>` (same behaviour: submit is the default).
    // `type=button`/`type=reset` are kept by minify and need no check.
    'no-implicit-button-type': 'off',
    // document preset wants integrity= on every script/stylesheet; same-origin
    // files need none, and any cross-origin load already fails this check.
    'require-sri': ['error', { target: 'crossorigin' }],
  },
};

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.pdf': 'application/pdf',
};

// ---------------------------------------------------------------- server

// Map a URL path to a file under root: directories serve index.html.
// Returns { file } or { redirect } or null (404).
async function resolvePath(root, pathname) {
  let p;
  try {
    p = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (p.includes('\0')) return null;
  const file = path.join(root, path.posix.normalize('/' + p));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  const st = await fsp.stat(file).catch(() => null);
  if (st && st.isDirectory()) {
    if (!p.endsWith('/')) return { redirect: true };
    const index = path.join(file, 'index.html');
    const ist = await fsp.stat(index).catch(() => null);
    return ist && ist.isFile() ? { file: index } : null;
  }
  return st && st.isFile() ? { file } : null;
}

// Serve root over HTTP on loopback. With a prefix (e.g. '/sub/path/') the site
// answers only below it, as when hosted under a sub-path; requests elsewhere
// get 404 and are recorded in `outside`. `headers` are added to every answer
// (e.g. a Content-Security-Policy, see e2e/csp.mjs).
export function startServer(root, { prefix = '/', headers = {} } = {}) {
  root = path.resolve(root);
  const outside = [];
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let r = null;
      if (url.pathname.startsWith(prefix)) r = await resolvePath(root, url.pathname.slice(prefix.length - 1));
      else outside.push(url.pathname);
      if (r && r.redirect) {
        res.writeHead(301, { ...headers, location: url.pathname + '/' + url.search });
        res.end();
        return;
      }
      let status = 200;
      let file = r && r.file;
      if (!file) {
        status = 404;
        file = path.join(root, '404.html');
        if (!fs.existsSync(file)) {
          res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
          res.end('404');
          return;
        }
      }
      const body = await fsp.readFile(file);
      res.writeHead(status, {
        ...headers,
        'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, root, port, outside, origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }) });
    });
  });
}

// ---------------------------------------------------------------- pages

export async function findPages(root) {
  root = path.resolve(root);
  const out = [];
  async function walk(dir, rel) {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name === 'idx') continue;
        await walk(path.join(dir, e.name), relPath);
      } else if (e.isFile() && e.name.endsWith('.html')) {
        out.push(relPath);
      }
    }
  }
  await walk(root, '');
  out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out.map((rel) => {
    const urlPath = rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? '/' + rel.slice(0, -'index.html'.length) : '/' + rel;
    return { rel, file: path.join(root, rel), urlPath: encodeURI(urlPath) };
  });
}

function layoutOf(html) {
  const body = /<body\b[^>]*>/i.exec(html);
  if (!body) return '(no body tag)';
  const m = /\sdata-layout\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i.exec(body[0]);
  return m ? (m[1] ?? m[2] ?? m[3]) : '(no data-layout)';
}

// ---------------------------------------------------------------- checks in the page

// Runs in the page: describe an element in a short CSS-ish way.
const DESCRIBE = `(el) => {
  if (!el || !el.tagName) return String(el);
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.classList && el.classList.length) s += '.' + [...el.classList].slice(0, 3).join('.');
  const href = el.getAttribute && el.getAttribute('href');
  if (href) s += '[href="' + href + '"]';
  const t = (el.textContent || '').replace(/\\s+/g, ' ').trim();
  if (t) s += ' "' + (t.length > 40 ? t.slice(0, 40) + '…' : t) + '"';
  return s;
}`;

async function focusInfo(page) {
  return page.evaluate(`(() => {
    const describe = ${DESCRIBE};
    const a = document.activeElement;
    if (!a || a === document.body || a === document.documentElement) return { none: true };
    const seen = !!a.__labyrintSeen;
    a.__labyrintSeen = true;
    const cs = getComputedStyle(a);
    const transparent = (c) => /^transparent$|rgba\\([^)]*,\\s*0\\)$/.test(c);
    const ow = parseFloat(cs.outlineWidth) || 0;
    const outline = cs.outlineStyle !== 'none' && ow > 0 && !transparent(cs.outlineColor);
    const shadow = !!cs.boxShadow && cs.boxShadow !== 'none';
    const r = a.getBoundingClientRect();
    const main = document.querySelector('main, [role="main"]');
    return {
      none: false, seen, desc: describe(a), outline, shadow,
      outlineDesc: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor,
      text: (a.textContent || '').replace(/\\s+/g, ' ').trim(),
      href: a.getAttribute('href'),
      inMain: !!main && (a === main || main.contains(a)),
      visible: r.width >= 2 && r.height >= 2 && r.bottom > 0 && r.right > 0 &&
        r.left < innerWidth && r.top < innerHeight && cs.visibility !== 'hidden' && cs.opacity !== '0' &&
        cs.clipPath === 'none' && (cs.clip === 'auto' || cs.clip === ''),
    };
  })()`);
}

async function checkKeyboard(page, fail) {
  await page.keyboard.press('Tab');
  const first = await focusInfo(page);
  if (first.none) {
    fail('keyboard', 'skip-link', `first Tab focused nothing; expected the link "${SKIP_LINK_TEXT}"`);
    return;
  }
  if (first.text !== SKIP_LINK_TEXT) {
    fail('keyboard', 'skip-link', `first Tab focused ${first.desc}; expected a link with text "${SKIP_LINK_TEXT}"`);
    return;
  }
  const target = await page.evaluate((href) => {
    if (!href || !href.startsWith('#') || href.length < 2) return { ok: false, why: `href is ${JSON.stringify(href)}, not a fragment` };
    let id;
    try { id = decodeURIComponent(href.slice(1)); } catch { id = href.slice(1); }
    const t = document.getElementById(id);
    if (!t) return { ok: false, why: `href ${href} points to no element` };
    const main = document.querySelector('main, [role="main"]');
    if (!main) return { ok: false, why: 'page has no <main>' };
    if (t === main || main.contains(t)) return { ok: true };
    return { ok: false, why: `href ${href} points outside <main>` };
  }, first.href);
  if (!target.ok) {
    fail('keyboard', 'skip-link-target', target.why);
    return;
  }
  if (!first.visible) fail('keyboard', 'skip-link-visible', `skip link ${first.desc} is not visible while focused`);
  if (!first.outline && !first.shadow) fail('keyboard', 'focus-visible', `no focus indicator on ${first.desc} (outline: ${first.outlineDesc}, no box-shadow)`);

  await page.keyboard.press('Enter');
  let moved = false;
  for (let i = 0; i < 20 && !moved; i++) {
    const f = await focusInfo(page);
    moved = !f.none && f.inMain;
    if (!moved) await page.waitForTimeout(25);
  }
  if (!moved) {
    const f = await focusInfo(page);
    fail('keyboard', 'skip-link-focus', `Enter on the skip link left focus on ${f.none ? 'document.body' : f.desc}, not in <main> (give <main> tabindex="-1")`);
    return;
  }

  let checked = 0;
  let bodies = 0;
  for (let presses = 0; checked < MAX_TAB_STOPS && presses < MAX_TAB_STOPS + 5; presses++) {
    await page.keyboard.press('Tab');
    const f = await focusInfo(page);
    if (f.none) {
      if (++bodies > 1) break; // past the end of the document twice: nothing focusable
      continue;
    }
    if (f.seen) break; // wrapped around to an element already checked
    checked++;
    if (!f.outline && !f.shadow) fail('keyboard', 'focus-visible', `no focus indicator on ${f.desc} (outline: ${f.outlineDesc}, no box-shadow)`);
  }
}

// ---------------------------------------------------------------- one folder

function kb(n) {
  return (n / 1024).toFixed(1);
}

// One page in the browser: load, axe, reflow, keyboard (first page of its
// layout), requests, weight, cookies, JS errors. `st` collects the page's
// events; `f(check, rule, message)` records a failure.
async function checkOnePage(page, context, p, url, host, st, f, gzipSize, result) {
  await page.setViewportSize(DESKTOP);
  const resp = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
  if (!resp) f('http', 'http-status', 'no response');
  else if (resp.status() !== 200) f('http', 'http-status', `status ${resp.status()}`);

  // axe-core (injected into every document by the context's init script)
  const violations = await page.evaluate(async (tags) => {
    if (!window.axe) throw new Error('axe-core was not injected');
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  }, AXE_TAGS);
  for (const v of violations) {
    const targets = v.nodes.slice(0, 5).map((t) => JSON.stringify(t)).join(', ') + (v.nodes.length > 5 ? `, +${v.nodes.length - 5} more` : '');
    f('axe', v.id, `${v.help} (${v.impact}) target: ${targets}`);
  }

  // reflow at 320 px
  await page.setViewportSize(REFLOW);
  const flow = await page.evaluate(`(() => {
    const describe = ${DESCRIBE};
    const de = document.documentElement;
    const sw = de.scrollWidth, cw = de.clientWidth;
    const wide = [];
    if (sw > cw) for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > cw + 1 && r.width > 0) { wide.push(describe(el)); if (wide.length >= 3) break; }
    }
    return { sw, cw, wide };
  })()`);
  if (flow.sw > flow.cw) f('reflow', 'reflow-320', `scrolls sideways at 320px: scrollWidth ${flow.sw} > clientWidth ${flow.cw}${flow.wide.length ? `; too wide: ${flow.wide.join(' | ')}` : ''}`);

  // keyboard, on the first page of each layout (fresh load, desktop size)
  if (p.keyboard) {
    await page.setViewportSize(DESKTOP);
    await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
    await checkKeyboard(page, f);
  }

  // requests: only this origin; page weight from the served bytes
  const weighed = new Map();
  for (const r of st.requests) {
    let u;
    try { u = new URL(r.url); } catch { st.external.push(`${r.method} ${r.url}`); continue; }
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') continue;
    if (u.host !== host || (u.protocol !== 'http:' && u.protocol !== 'ws:')) {
      st.external.push(`${r.method} ${r.url} (${r.type})`);
      continue;
    }
    if ((r.type === 'document' || r.type === 'stylesheet' || r.type === 'script') && !weighed.has(u.pathname)) {
      weighed.set(u.pathname, await gzipSize(u.pathname));
    }
  }
  for (const [u, s] of st.statuses) {
    if (s.status >= 400) f('http', 'broken-resource', `${s.method} ${new URL(u).pathname} (${s.type}) -> ${s.status}`);
  }
  for (const e of new Set(st.external)) f('request', 'external-request', e);
  const total = [...weighed.values()].reduce((a, b) => a + b, 0);
  if (!result.largest || total > result.largest.bytes) result.largest = { bytes: total, page: p.urlPath };
  if (total > MAX_PAGE_GZIP) {
    const parts = [...weighed].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${kb(v)} KB`).join(', ');
    f('weight', 'page-weight', `${kb(total)} KB gzip > ${kb(MAX_PAGE_GZIP)} KB (${parts})`);
  }

  // cookies: none may be set
  const cookies = await context.cookies();
  if (cookies.length) {
    f('privacy', 'cookie', `cookies set: ${cookies.map((c) => c.name).join(', ')}`);
    await context.clearCookies();
  }
  for (const e of new Set(st.errors)) f('js', 'js-error', e);
}

async function checkPages(browser, srv, root, pages, concurrency, fail, result, httpCredentials) {
  const host = `127.0.0.1:${srv.port}`;
  const gzipCache = new Map();
  const gzipSize = (pathname) => {
    if (!gzipCache.has(pathname)) {
      gzipCache.set(pathname, (async () => {
        const r = await resolvePath(root, pathname);
        if (!r || !r.file) return 0;
        return zlib.gzipSync(await fsp.readFile(r.file), { level: 9 }).length;
      })());
    }
    return gzipCache.get(pathname);
  };

  const context = await browser.newContext({
    viewport: DESKTOP,
    bypassCSP: true, // axe is injected by script; a strict CSP must not block it
    serviceWorkers: 'block',
    locale: 'da-DK',
    ...(httpCredentials ? { httpCredentials } : {}),
  });
  try {
    // Nothing may leave the machine: requests to any other host are recorded
    // (by the page's request listener) and aborted here, before they reach
    // the network. Routing also disables the HTTP cache, so every page load
    // shows all its requests.
    await context.route('**/*', (route) => {
      let ok = false;
      try {
        ok = new URL(route.request().url()).host === host;
      } catch {}
      return ok ? route.continue() : route.abort('blockedbyclient');
    });
    // axe-core goes into every document as an init script: sent to the
    // browser once per folder instead of once per page (~100 ms a page).
    await context.addInitScript({ content: AXE_SOURCE });

    const queue = pages.slice();
    const worker = async () => {
      let page = null;
      let st = null;
      const newPage = async () => {
        const pg = await context.newPage();
        // Plain data only: nothing later waits on a request or response.
        pg.on('request', (r) => st && st.requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
        pg.on('response', (r) => {
          if (!st) return;
          const q = r.request();
          st.statuses.set(r.url(), { status: r.status(), method: q.method(), type: q.resourceType() });
        });
        pg.on('websocket', (ws) => st && st.external.push(`websocket ${ws.url()}`));
        pg.on('pageerror', (e) => st && st.errors.push(String(e && e.message ? e.message : e)));
        return pg;
      };
      while (queue.length) {
        const p = queue.shift();
        const f = (check, rule, message) => fail(p.urlPath, check, rule, message);
        if (!page || page.isClosed()) page = await newPage();
        st = { requests: [], statuses: new Map(), external: [], errors: [] };
        let timer;
        const watchdog = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`page check took over ${PAGE_TIMEOUT / 1000} s`)), PAGE_TIMEOUT);
        });
        try {
          await Promise.race([checkOnePage(page, context, p, srv.origin + p.urlPath, host, st, f, gzipSize, result), watchdog]);
        } catch (err) {
          f('load', 'page-error', String(err && err.message ? err.message.split('\n')[0] : err));
          // A page in an unknown state is not reused.
          await page.close().catch(() => {});
          page = null;
        } finally {
          clearTimeout(timer);
          st = null;
        }
      }
      if (page) await page.close().catch(() => {});
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, pages.length)) }, worker));
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * Check one output folder. Returns a result object; prints through opts.log.
 * opts: { browser, concurrency = 2, log = console.log, label = dir }
 */
export async function checkDir(dir, opts) {
  const { browser, concurrency = 2, log = console.log } = opts;
  loadAxe();
  const root = path.resolve(dir);
  const label = opts.label ?? dir.replace(/\/+$/, '');
  const t0 = Date.now();
  const failures = [];
  const pages = await findPages(root);
  const result = { dir: label, pages: pages.length, failures, largest: null, ms: 0, counts: {} };
  const fail = (pageUrl, check, rule, message) => {
    failures.push({ dir: label, page: pageUrl, check, rule, message });
    log(`FAIL ${label} ${pageUrl} [${check}] ${rule}: ${message}`);
  };
  if (pages.length === 0) {
    fail('-', 'setup', 'no-pages', `no *.html files found under ${root}`);
    result.ms = Date.now() - t0;
    return result;
  }

  // html-validate on the file bytes, and the layout of every page.
  const hv = new HtmlValidate(HTML_VALIDATE_CONFIG);
  const seenLayouts = new Set();
  for (const p of pages) {
    const html = await fsp.readFile(p.file, 'utf8');
    p.layout = layoutOf(html);
    if (!seenLayouts.has(p.layout)) {
      seenLayouts.add(p.layout);
      p.keyboard = true;
    }
    const report = await hv.validateString(html, p.rel);
    for (const r of report.results) {
      for (const m of r.messages) {
        if (m.severity === 2) {
          fail(p.urlPath, 'html-validate', m.ruleId, `${m.line}:${m.column} ${m.message}${m.selector ? ` (${m.selector})` : ''}`);
        } else {
          log(`warn ${label} ${p.urlPath} [html-validate] ${m.ruleId}: ${m.line}:${m.column} ${m.message}`);
        }
      }
    }
  }

  // --origin: pages are asked of a server already running (nginx with the
  // hosting sample), which must serve this folder; else our own server.
  const srv = opts.origin
    ? { origin: opts.origin.replace(/\/+$/, ''), port: new URL(opts.origin).port, close: async () => {} }
    : await startServer(root);
  try {
    await checkPages(browser, srv, root, pages, concurrency, fail, result, opts.credentials);
  } finally {
    await srv.close();
  }

  result.ms = Date.now() - t0;
  for (const x of failures) result.counts[x.check] = (result.counts[x.check] || 0) + 1;
  return result;
}

let AXE_SOURCE = null;

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    const e = new Error(`Chromium not found at ${CHROMIUM_PATH}; run: bash e2e/install.sh`);
    e.setup = true;
    throw e;
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

function loadAxe() {
  if (!AXE_SOURCE) AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}

export function summarize(results) {
  const n = results.reduce((a, r) => a + r.pages, 0);
  const all = results.flatMap((r) => r.failures);
  const v = all.filter((f) => f.check === 'axe').length;
  const e = all.filter((f) => f.check === 'html-validate').length;
  let largest = null;
  for (const r of results) if (r.largest && (!largest || r.largest.bytes > largest.bytes)) largest = { ...r.largest, dir: r.dir };
  const lg = largest ? `${kb(largest.bytes)} KB gzip (${largest.dir}${largest.page})` : 'n/a';
  const lines = [`a11y: ${n} pages checked, ${v} violations, ${e} validator errors, largest page ${lg}`];
  const other = all.filter((f) => f.check !== 'axe' && f.check !== 'html-validate');
  if (other.length) {
    const byRule = {};
    for (const f of other) byRule[f.rule] = (byRule[f.rule] || 0) + 1;
    lines.push(`a11y: ${other.length} other failures: ${Object.entries(byRule).map(([k, c]) => `${k} ${c}`).join(', ')}`);
  }
  lines.push(all.length ? `a11y: FAIL (${all.length} failures)` : 'a11y: OK');
  return { lines, failed: all.length > 0 };
}

/** Check several folders with one browser. */
export async function checkDirs(dirs, opts = {}) {
  loadAxe();
  const own = !opts.browser;
  const browser = opts.browser || (await launchBrowser());
  const results = [];
  try {
    for (const dir of dirs) {
      const d = typeof dir === 'string' ? { dir } : dir;
      results.push(await checkDir(d.dir, { ...opts, browser, origin: d.origin, credentials: d.credentials }));
    }
  } finally {
    if (own) await browser.close();
  }
  return results;
}

async function main(argv) {
  let concurrency = Number(process.env.A11Y_JOBS) || 2;
  const dirs = [];
  const usage = 'usage: node e2e/check.mjs [-j N] [--origin URL [--user NAME:PASSWORD]] DIR [...]';
  let origin, credentials;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-j' || a === '--jobs') concurrency = Number(argv[++i]) || concurrency;
    else if (a.startsWith('--jobs=')) concurrency = Number(a.slice(7)) || concurrency;
    else if (a === '--origin') origin = argv[++i];
    else if (a === '--user') {
      const [username, ...rest] = (argv[++i] || '').split(':');
      credentials = { username, password: rest.join(':') };
    } else if (a === '-h' || a === '--help') {
      console.log(usage);
      return 0;
    } else {
      // --origin and --user apply to the DIR after them.
      dirs.push({ dir: a, origin, credentials });
      origin = credentials = undefined;
    }
  }
  if (!dirs.length) {
    console.error(usage);
    return 2;
  }
  for (const { dir: d } of dirs) {
    if (!fs.existsSync(d) || !fs.statSync(d).isDirectory()) {
      console.error(`a11y: ${d}: not a directory (build the site first)`);
      return 2;
    }
  }
  const t0 = Date.now();
  let results;
  try {
    results = await checkDirs(dirs, { concurrency });
  } catch (err) {
    console.error(`a11y: ${err.message}`);
    return 2;
  }
  for (const r of results) {
    const f = r.failures.length;
    console.log(`a11y: ${r.dir}: ${r.pages} pages in ${(r.ms / 1000).toFixed(1)} s (${r.pages ? Math.round(r.ms / r.pages) : 0} ms/page), ${f ? `${f} failures` : 'ok'}`);
  }
  const { lines, failed } = summarize(results);
  console.log(`a11y: total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const l of lines) console.log(l);
  return failed ? 1 : 0;
}

// isMain reports whether the module at moduleURL (its import.meta.url) is
// the script node was started with, not a module imported by another.
export function isMain(moduleURL) {
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(moduleURL));
  } catch {
    return false;
  }
}
if (isMain(import.meta.url)) {
  // Exit explicitly: a stray handle (server socket, browser pipe) after an
  // error must not keep the process alive.
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => { console.error(err); process.exit(2); },
  );
}
