#!/usr/bin/env node
// Tab presses at 375 px on the routes a citizen takes to a phone number:
//
//   node e2e/keyboard-path.mjs DIR GUIDE OFFER
//   (e.g. public /find-hjaelp/ /enheder/marie-grubbe/botilbud/)
//
// 1. OFFER: Tab presses from the page's load to its first tel: link.
// 2. Front page → GUIDE → each of its choices → that page's first tel:
//    link, summed over the three pages (Enter follows a link).
// A page is counted both ways a keyboard user can go: Tab by Tab from the
// top, and the skip link (one Tab, Enter, then Tab into the content); the
// smaller count is the page's. Exit 1 when the offer takes more than 8
// presses or a route more than 15.
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_PATH, CHROMIUM_ARGS, isMain } from './check.mjs';

const MAX_OFFER = 8;
const MAX_ROUTE = 15;
const LIMIT = 80;

// tabsTo presses Tab until the focused element matches want (a function
// of the element, run in the page) and returns the presses, or Infinity.
async function tabsTo(page, want, skip) {
  let n = 0;
  if (skip) {
    await page.keyboard.press('Tab');
    n++;
    const isSkip = await page.evaluate(() => document.activeElement?.classList.contains('skip'));
    if (!isSkip) return Infinity;
    await page.keyboard.press('Enter');
  }
  while (n < LIMIT) {
    await page.keyboard.press('Tab');
    n++;
    if (await page.evaluate(want)) return n;
  }
  return Infinity;
}

// count loads url and returns the fewer Tab presses of the two ways.
async function count(page, url, want) {
  const r = [];
  for (const skip of [false, true]) {
    await page.goto(url);
    r.push(await tabsTo(page, want, skip));
  }
  return { direct: r[0], skip: r[1], best: Math.min(r[0], r[1]) };
}

const isTel = () => (document.activeElement?.getAttribute('href') || '').startsWith('tel:');
const linkTo = (path) => new Function(`const a = document.activeElement; return !!a && a.tagName === 'A' && new URL(a.href).pathname === ${JSON.stringify(path)};`);

export async function measure(dir, guide, offer) {
  const srv = await serve(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  const out = { offer: null, routes: [] };
  try {
    out.offer = await count(page, srv.url + offer, isTel);
    const home = await count(page, srv.url + '/', linkTo(guide));
    await page.goto(srv.url + guide);
    const choices = await page.$$eval('main .choices a', (as) => as.map((a) => new URL(a.href).pathname));
    const g = [];
    for (const c of choices) g.push({ choice: c, tabs: await count(page, srv.url + guide, linkTo(c)) });
    for (const { choice, tabs } of g) {
      const phone = await count(page, srv.url + choice, isTel);
      out.routes.push({ choice, home: home.best, guide: tabs.best, phone: phone.best, total: home.best + tabs.best + phone.best,
        direct: home.direct + tabs.direct + phone.direct });
    }
  } finally {
    await browser.close();
    srv.close();
  }
  return out;
}

if (isMain(import.meta.url)) {
  const [dir, guide, offer] = process.argv.slice(2);
  if (!offer) {
    console.error('usage: node e2e/keyboard-path.mjs DIR GUIDE OFFER');
    process.exit(2);
  }
  const r = await measure(dir, guide, offer);
  let bad = 0;
  console.log(`${offer}: ${r.offer.best} Tab presses to the phone (${r.offer.direct} from the top, ${r.offer.skip} by the skip link); at most ${MAX_OFFER}`);
  if (!(r.offer.best <= MAX_OFFER)) bad++;
  if (r.routes.length === 0) { console.log(`${guide}: no choices found`); bad++; }
  for (const x of r.routes) {
    const ok = x.total <= MAX_ROUTE;
    if (!ok) bad++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} / → ${guide} → ${x.choice} → phone: ${x.home} + ${x.guide} + ${x.phone} = ${x.total} (at most ${MAX_ROUTE}; ${x.direct} without the skip link)`);
  }
  process.exit(bad ? 1 : 0);
}
