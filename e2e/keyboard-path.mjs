#!/usr/bin/env node
// Key presses at 375 px on the routes a citizen takes to a phone number,
// with Tab and Enter only:
//
//   node e2e/keyboard-path.mjs [--shots DIR] SITE GUIDE [OFFER...]
//   (e.g. public /find-hjaelp/ /enheder/marie-grubbe/botilbud/)
//
// 1. Every offer (each page with <body data-layout="offer">, and each OFFER
//    named): presses from the page's load to the first tel: link in <main>.
//    At most 8.
// 2. Front page → each situation of the front page's Find hjælp list → the
//    first tel: link on an offer's card there. At most 15 in all, for every
//    situation; the front page must list every situation GUIDE lists.
// 3. GUIDE → each of its situations → an offer card's tel: link. At most 15
//    (someone who came to Find hjælp from the menu or a search). The whole
//    route front page → GUIDE → situation → phone is printed as well, but is
//    no limit: three page loads cost at least 2 presses each by the skip link,
//    so it cannot stay under 15 for the later of nine situations.
// 4. Search as a new user (issue #22): front page → its search field, the
//    sentence typed, Enter, Tab to the useful result, Enter, Tab to the phone.
//    Every key press is counted; fails when the useful page is not among the
//    results or has no phone. With --shots, each end state is saved at 375 px.
//
// 5. The header of the front page with the menu closed: at most 130 px tall
//    at 375 px, and one row at 1280 px (the menu's items, or its folded
//    button, and the header link on one line).
//
// A page is counted both ways a keyboard user can go, and the smaller is
// the page's: Tab by Tab from the top, or the skip link (Tab, Enter, then
// Tab into the content), whose Enter counts as a press. The Enter that
// follows the chosen link is checked (it must land on the next page) and
// counted separately ("+ N Enter"): it is the same on every route.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_PATH, CHROMIUM_ARGS, isMain } from './check.mjs';

const MAX_OFFER = 8;
const MAX_ROUTE = 15;
const MAX_HEADER = 130; // px at 375 px, menu closed
const LIMIT = 60;

// The sentences of issue #22, the pages that answer them (any of them
// counts as the useful result) and, where it is not simply the page's first,
// the phone number that helps (its last digits: the kommune's main number,
// since dementia belongs to another part of the kommune).
export const SENTENCES = [
  { q: 'jeg har tanker om selvmord', want: ['/akut-hjaelp/'] },
  { q: 'min mor er ved at blive dement', want: ['/andre-steder-at-faa-hjaelp/'], tel: '54731000' },
  { q: 'min kæreste tager stoffer', want: ['/enheder/livssituation/misbrug/', '/enheder/livssituation/paaroerende/',
    '/enheder/socialpsykiatrien-og-cfa/misbrugsbehandling/', '/enheder/socialpsykiatrien-og-cfa/anonym-raadgivning/'] },
];

// tabsTo presses Tab until want (a function run in the page) is true of the
// focused element; the skip way first presses Tab and Enter on the skip
// link. Returns the presses (Tab and skip Enter), or Infinity.
async function tabsTo(page, want, skip) {
  let n = 0;
  if (skip) {
    await page.keyboard.press('Tab');
    const isSkip = await page.evaluate(() => document.activeElement?.classList.contains('skip'));
    if (!isSkip) return Infinity;
    await page.keyboard.press('Enter');
    n = 2;
  }
  for (let i = 0; i < LIMIT; i++) {
    await page.keyboard.press('Tab');
    n++;
    if (await page.evaluate(want)) return n;
  }
  return Infinity;
}

// count loads url, counts both ways and returns them with the best. With
// follow, it then presses Enter on the element reached (the better way) and
// checks that the browser lands on that path. ready (run in the page) is
// awaited after each load (the search page's results).
async function count(page, url, want, follow, ready) {
  const load = async () => {
    await page.goto(url);
    if (ready) await page.waitForFunction(ready, null, { timeout: 10000 });
  };
  const r = {};
  for (const skip of [false, true]) {
    await load();
    r[skip ? 'skip' : 'direct'] = await tabsTo(page, want, skip);
  }
  r.best = Math.min(r.direct, r.skip);
  if (follow && r.best < Infinity) {
    await load();
    await tabsTo(page, want, r.skip <= r.direct);
    await Promise.all([page.waitForURL((u) => u.pathname === follow), page.keyboard.press('Enter')]);
  }
  return r;
}

const telInMain = () => {
  const a = document.activeElement;
  return !!a && a.tagName === 'A' && (a.getAttribute('href') || '').startsWith('tel:') && !!a.closest('main');
};
const telOnOfferCard = () => {
  const a = document.activeElement;
  return !!a && (a.getAttribute('href') || '').startsWith('tel:') && !!a.closest('main .offer-card');
};
const linkTo = (p) => new Function(`const a = document.activeElement; return !!a && a.tagName === 'A' && new URL(a.href).pathname === ${JSON.stringify(p)};`);

// offerPages returns the path of every page of layout "offer" under dir.
function offerPages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== 'idx') walk(p); continue; }
      if (e.name !== 'index.html') continue;
      if (/<body[^>]*data-layout="?offer[\s>"]/.test(fs.readFileSync(p, 'utf8'))) {
        out.push('/' + path.relative(dir, path.dirname(p)).split(path.sep).join('/') + '/');
      }
    }
  };
  walk(dir);
  return out;
}

const choicesOf = (page) => page.$$eval('main .choices a', (as) => as.map((a) => new URL(a.href).pathname));

// routes measures start → each of its choices → an offer card's phone.
async function routes(page, base, start, phones) {
  await page.goto(base + start);
  const out = [];
  for (const c of await choicesOf(page)) {
    const to = await count(page, base + start, linkTo(c), c);
    if (!phones.has(c)) phones.set(c, await count(page, base + c, telOnOfferCard));
    const ph = phones.get(c);
    out.push({ choice: c, to: to.best, phone: ph.best, total: to.best + ph.best, direct: to.direct + ph.direct });
  }
  return out;
}

export async function measure(dir, guide, offers, shots) {
  const srv = await serve(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  const out = { offers: [], home: [], guide: [], guideFromHome: null, search: [] };
  try {
    for (const o of offers) out.offers.push({ offer: o, ...(await count(page, srv.url + o, telInMain)) });
    const phones = new Map();
    out.home = await routes(page, srv.url, '/', phones);
    out.guide = await routes(page, srv.url, guide, phones);
    out.guideFromHome = (await count(page, srv.url + '/', linkTo(guide), guide)).best;
    for (const s of SENTENCES) out.search.push(await searchWalk(page, srv.url, s, shots));
    out.header = await header(page, srv.url);
  } finally {
    await browser.close();
    srv.close();
  }
  return out;
}

// header measures the front page's header: its height at 375 px and, at
// 1280 px, how many rows its menu items and header link take.
async function header(page, base) {
  const out = {};
  for (const w of [375, 1280]) {
    await page.setViewportSize({ width: w, height: 800 });
    await page.goto(base + '/');
    out[w] = await page.evaluate(() => {
      const h = document.querySelector('.site-header');
      const items = [...document.querySelectorAll('.site-header .menu>summary, .site-header .menu li, .site-header .header-link')]
        .filter((e) => e.checkVisibility({ visibilityProperty: true }) && e.getClientRects().length > 0);
      const rows = new Set(items.map((e) => Math.round(e.getBoundingClientRect().top / 8)));
      return { height: h ? h.getBoundingClientRect().height : Infinity, rows: rows.size };
    });
  }
  await page.setViewportSize({ width: 375, height: 800 });
  return out;
}

// searchWalk goes from the front page's search field to a phone number on
// the useful result, as a new user would, counting every key.
async function searchWalk(page, base, { q, want, tel }, shots) {
  const r = { q, keys: 0, steps: [] };
  const field = () => document.activeElement?.matches('main input[type=search]');
  const f = await count(page, base + '/', field);
  if (f.best === Infinity) return { ...r, error: 'no search field on the front page' };
  await page.goto(base + '/');
  await tabsTo(page, field, f.skip <= f.direct);
  await page.keyboard.type(q);
  await Promise.all([page.waitForURL((u) => u.searchParams.has('q')), page.keyboard.press('Enter')]);
  r.steps.push(`${f.best} to the field, ${[...q].length} letters, Enter`);
  r.keys += f.best + [...q].length + 1;
  const results = () => document.querySelectorAll('[data-search-results] a').length > 0;
  const got = await page.waitForFunction(results, null, { timeout: 10000 }).catch(() => null);
  if (!got) return { ...r, error: 'no results' };
  const url = page.url();
  const paths = await page.$$eval('[data-search-results] a', (as) => as.map((a) => new URL(a.href).pathname));
  r.first = paths[0];
  r.rank = paths.findIndex((p) => want.includes(p.replace(/index\.html$/, ''))) + 1; // portable targets link to index.html
  if (r.rank === 0) return { ...r, error: `none of ${want.join(', ')} among ${paths.length} results (first: ${paths[0]})` };
  r.page = paths[r.rank - 1];
  const isResult = new Function(`const a = document.activeElement; return !!a && !!a.closest('[data-search-results]') && new URL(a.href).pathname === ${JSON.stringify(r.page)};`);
  const t = await count(page, url, isResult, null, results);
  await page.goto(url);
  await page.waitForFunction(results);
  await tabsTo(page, isResult, t.skip <= t.direct);
  if (shots) await page.screenshot({ path: path.join(shots, `search-${slug(q)}-1-result.png`) });
  await Promise.all([page.waitForURL((u) => u.pathname === r.page), page.keyboard.press('Enter')]);
  r.steps.push(`${t.best} to result ${r.rank}, Enter`);
  r.keys += t.best + 1;
  const isTel = tel ? new Function(`const a = document.activeElement; return !!a && !!a.closest('main') && (a.getAttribute('href') || '').replace(/\\D/g, '').endsWith(${JSON.stringify(tel)});`) : telInMain;
  const ph = await count(page, base + r.page, isTel);
  if (ph.best === Infinity) return { ...r, error: `no phone on ${r.page}` };
  await page.goto(base + r.page);
  await tabsTo(page, isTel, ph.skip <= ph.direct);
  r.tel = await page.evaluate(() => document.activeElement.textContent.trim());
  if (shots) await page.screenshot({ path: path.join(shots, `search-${slug(q)}-2-phone.png`) });
  r.steps.push(`${ph.best} to the phone ${r.tel}`);
  r.keys += ph.best;
  return r;
}

const slug = (s) => s.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/[^\w]+/g, '-');

function report(r, guide) {
  let bad = 0;
  const line = (ok, s) => { if (!ok) bad++; console.log(`${ok ? 'ok  ' : 'FAIL'} ${s}`); };
  for (const o of r.offers) line(o.best <= MAX_OFFER, `${o.offer}: ${o.best} presses to the phone (${o.direct} Tab from the top, ${o.skip} by the skip link); at most ${MAX_OFFER}`);
  const onHome = new Set(r.home.map((x) => x.choice));
  for (const x of r.guide) if (!onHome.has(x.choice)) line(false, `/: the front page does not list ${x.choice} (${guide} does)`);
  if (r.home.length === 0) line(false, '/: no situations (main .choices a)');
  if (r.guide.length === 0) line(false, `${guide}: no situations (main .choices a)`);
  for (const x of r.home) line(x.total <= MAX_ROUTE, `/ → ${x.choice} → phone: ${x.to} + ${x.phone} = ${x.total} presses + 1 Enter (at most ${MAX_ROUTE}; ${x.direct} by Tab alone)`);
  for (const x of r.guide) line(x.total <= MAX_ROUTE, `${guide} → ${x.choice} → phone: ${x.to} + ${x.phone} = ${x.total} presses + 1 Enter (at most ${MAX_ROUTE}; ${x.direct} by Tab alone)`);
  for (const x of r.guide) console.log(`info / → ${guide} → ${x.choice} → phone: ${r.guideFromHome} + ${x.to} + ${x.phone} = ${r.guideFromHome + x.total} presses + 2 Enter (no limit: the front page lists the situations itself)`);
  const h = r.header;
  line(h[375].height <= MAX_HEADER, `header at 375 px, menu closed: ${h[375].height} px (at most ${MAX_HEADER})`);
  line(h[1280].rows === 1, `header at 1280 px: menu (or its button) and header link in ${h[1280].rows} row${h[1280].rows === 1 ? '' : 's'} (one)`);
  for (const s of r.search) {
    if (s.error) { line(false, `search »${s.q}«: ${s.error}`); continue; }
    line(true, `search »${s.q}«: ${s.keys} keys (${s.steps.join('; ')}); first result ${s.first}, useful ${s.page} at rank ${s.rank}`);
  }
  return bad;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  let shots = null;
  const i = args.indexOf('--shots');
  if (i >= 0) { shots = args[i + 1]; args.splice(i, 2); fs.mkdirSync(shots, { recursive: true }); }
  const [dir, guide, ...named] = args;
  if (!guide) {
    console.error('usage: node e2e/keyboard-path.mjs [--shots DIR] SITE GUIDE [OFFER...]');
    process.exit(2);
  }
  const offers = [...new Set([...named, ...offerPages(dir)])];
  const r = await measure(dir, guide, offers, shots);
  process.exit(report(r, guide) ? 1 : 0);
}
