#!/usr/bin/env node
// Visual regression: one page of every layout, at 320, 768 and 1280 px and
// printed, compared with the baselines in e2e/screenshots/.
//
//   node e2e/visual.mjs DIR [DIR...]          (e.g. public public-intranet)
//   UPDATE_SCREENSHOTS=1 node e2e/visual.mjs DIR...   writes the baselines
//
// For each folder, the first page (by path) of each layout (the body's
// data-layout) not already taken from an earlier folder is shot: the top
// 1200 px of the page at each width (enough for the header, the page's head
// and its first components), and the first printed sheet (A4 width at 96
// dpi, the print date fixed at 15 January 2026). A shot fails when more
// than 0.5% of its pixels differ beyond pixelmatch's colour threshold 0.1,
// or its size differs; the diff image is
// written to e2e/screenshots-diff/. Text is drawn with DejaVu Sans
// (fonts-dejavu-core, installed by install.sh), so shots are the same on
// every machine with the pinned Chromium. Exit 0 when all match, 1 if not.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_PATH, CHROMIUM_ARGS, isMain } from './check.mjs';

const require = createRequire(import.meta.url);
const { PNG } = require('pngjs');
const pixelmatch = require('pixelmatch');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BASE = path.join(HERE, 'screenshots');
const DIFF = path.join(HERE, 'screenshots-diff');
const WIDTHS = [320, 768, 1280];
const HEIGHT = 1200;
const PRINT = { width: 794, height: 1123 }; // A4 at 96 dpi
const MAX_DIFF = 0.005;
const PRINT_DATE = new Date('2026-01-15T12:00:00Z');

// pagesByLayout returns, for the folder, each layout's first page path.
function pagesByLayout(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== 'idx') walk(p); continue; }
      if (!e.name.endsWith('.html')) continue;
      const m = /<body[^>]*data-layout=("?)([\w-]+)\1/.exec(fs.readFileSync(p, 'utf8'));
      if (m && !out.has(m[2])) out.set(m[2], '/' + path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

async function shoot(browser, url, width, print) {
  const page = await browser.newPage({ viewport: print ? PRINT : { width, height: HEIGHT }, deviceScaleFactor: 1 });
  try {
    // The printed sheet shows the print date (assets/js/page.js fills it on
    // beforeprint): a fixed clock keeps the baseline from changing daily.
    if (print) await page.clock.setFixedTime(PRINT_DATE);
    await page.goto(url, { waitUntil: 'load' });
    if (print) {
      await page.emulateMedia({ media: 'print' });
      // emulateMedia fires no beforeprint (page.pdf does); the server's
      // random port is left out of the address the script writes.
      await page.evaluate(() => {
        dispatchEvent(new Event('beforeprint'));
        const u = document.querySelector('[data-print-url]');
        if (u) u.textContent = u.textContent.replace(location.origin, 'http://127.0.0.1');
      });
    }
    await page.evaluate(() => document.fonts.ready);
    return await page.screenshot({ fullPage: false, animations: 'disabled', caret: 'hide' });
  } finally {
    await page.close();
  }
}

function compare(name, shot) {
  const file = path.join(BASE, name);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    fs.writeFileSync(file, shot);
    return 'written';
  }
  if (!fs.existsSync(file)) return 'no baseline (run with UPDATE_SCREENSHOTS=1)';
  const a = PNG.sync.read(fs.readFileSync(file));
  const b = PNG.sync.read(shot);
  if (a.width !== b.width || a.height !== b.height) return `size ${b.width}×${b.height}, baseline ${a.width}×${a.height}`;
  const diff = new PNG({ width: a.width, height: a.height });
  const n = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
  if (n / (a.width * a.height) <= MAX_DIFF) return null;
  fs.mkdirSync(DIFF, { recursive: true });
  fs.writeFileSync(path.join(DIFF, name), PNG.sync.write(diff));
  return `${n} pixels differ (${(100 * n / (a.width * a.height)).toFixed(2)}%), see e2e/screenshots-diff/${name}`;
}

export async function main(dirs) {
  if (dirs.length === 0) { console.error('usage: node e2e/visual.mjs DIR [DIR...]'); return 2; }
  fs.mkdirSync(BASE, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const seen = new Set();
  let bad = 0, n = 0;
  try {
    for (const dir of dirs) {
      const srv = await serve(dir);
      const target = path.basename(path.resolve(dir));
      try {
        for (const [layout, p] of pagesByLayout(dir)) {
          if (seen.has(layout)) continue;
          seen.add(layout);
          for (const w of [...WIDTHS, 'print']) {
            const name = `${layout}-${w}.png`;
            const res = compare(name, await shoot(browser, srv.url + p, w, w === 'print'));
            n++;
            if (res && res !== 'written') { bad++; console.log(`FAIL ${target} ${p} ${name}: ${res}`); }
          }
        }
      } finally {
        srv.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${n} screenshots of ${seen.size} layouts, ${bad} differ${process.env.UPDATE_SCREENSHOTS === '1' ? ' (baselines written)' : ''}`);
  return bad ? 1 : 0;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then((c) => process.exit(c), (e) => { console.error(e); process.exit(2); });
}
