#!/usr/bin/env node
// Tries the search as a keyboard user would and prints what a screen
// reader gets: first from the front page (type in its search field, press
// Enter: the browser goes to /soeg/?q=…), then on the search page itself;
// for each, the live status line, and on the search page the results
// list's accessibility tree. Not a test (it asserts nothing); for people
// checking the search by hand:
//   node e2e/try-search.mjs public "misbrug" "jeg har ikke et sted at bo"
import { createRequire } from 'node:module';
import { CHROMIUM_PATH, CHROMIUM_ARGS, startServer } from './check.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [root, ...queries] = process.argv.slice(2);
const srv = await startServer(root);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const q of queries) {
    // From the front page: its search field, Enter, and the search page's
    // results; the time is from Enter to the first result (a fresh page,
    // so nothing of the search page is cached).
    const home = await browser.newPage();
    await home.goto(`${srv.origin}/`);
    const field = home.locator('form[role="search"] input[name="q"]').first();
    if (await field.count()) {
      await field.focus();
      await home.keyboard.type(q);
      const t = Date.now();
      await home.keyboard.press('Enter');
      await home.waitForFunction(() => document.querySelectorAll('[data-search-results] a').length > 0, null, { timeout: 10000 }).catch(() => {});
      const url = new URL(home.url());
      console.log(`\n»${q}« from the front page: Enter led to ${url.pathname}${url.search}; first result ${Date.now() - t} ms after Enter`);
      console.log(`status: ${await home.locator('[data-search-status]').first().textContent().catch(() => '(none)')}`);
    } else {
      console.log(`\n»${q}«: the front page has no search field`);
    }
    await home.close();
    const page = await browser.newPage();
    await page.goto(`${srv.origin}/soeg/`);
    // As a keyboard user who knows the skip link: Tab, Enter, then Tab to the field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    let tabs = 2;
    while (tabs < 40 && (await page.evaluate(() => document.activeElement && document.activeElement.id)) !== 'q') {
      await page.keyboard.press('Tab');
      tabs++;
    }
    const t0 = Date.now();
    await page.keyboard.type(q);
    await page.waitForFunction(() => document.querySelectorAll('[data-search-results] a').length > 0, null, { timeout: 10000 }).catch(() => {});
    const ms = Date.now() - t0;
    await page.waitForTimeout(400);
    const status = await page.locator('[data-search-status]');
    console.log(`\n»${q}«: ${tabs} keys (Tab, Enter on the skip link, Tab…) to the search field; results ${ms} ms after typing began`);
    console.log(`status (aria-live=${await status.getAttribute('aria-live')}): ${await status.textContent()}`);
    await page.keyboard.press('Tab');
    let focus = await page.evaluate(() => document.activeElement.textContent.trim().slice(0, 80));
    let n = 1;
    while (n < 8 && !(await page.evaluate(() => !!document.activeElement.closest('[data-search-results]')))) {
      await page.keyboard.press('Tab');
      focus = await page.evaluate(() => document.activeElement.textContent.trim().slice(0, 80));
      n++;
    }
    console.log(`${n} more Tab to the first result: »${focus}«`);
    const tree = await page.locator('[data-search-results]').ariaSnapshot();
    console.log(tree.split('\n').slice(0, 14).join('\n'));
    await page.close();
  }
} finally {
  await browser.close();
  await srv.close();
}
