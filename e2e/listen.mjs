#!/usr/bin/env node
// The "Lyt" button: present where the browser's speech synthesis has a
// Danish voice, absent where it has none or no speech synthesis at all.
//
//   node e2e/listen.mjs DIR PAGE     (e.g. public /enheder/)
//
// Headless Chromium has no voices, so the test gives the page a stand-in
// speechSynthesis (before any script runs) with the voices of each case,
// and checks that a click hands the page's text to speak() in Danish.
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_PATH, CHROMIUM_ARGS, isMain } from './check.mjs';

const stub = (langs) => {
  if (langs === null) { delete window.speechSynthesis; window.speechSynthesis = undefined; return; }
  window.__spoken = [];
  const synth = {
    speaking: false,
    getVoices: () => langs.map((lang) => ({ lang, name: lang })),
    speak: (u) => { window.__spoken.push({ lang: u.lang, text: u.text }); },
    cancel: () => {},
    addEventListener: () => {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
};

async function run(dir, page) {
  const srv = await serve(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  let bad = 0;
  try {
    for (const [name, langs, want] of [['Danish voice', ['en-GB', 'da-DK'], true], ['no Danish voice', ['en-GB', 'sv-SE'], false], ['no speech synthesis', null, false]]) {
      const ctx = await browser.newContext();
      await ctx.addInitScript(stub, langs);
      const p = await ctx.newPage();
      await p.goto(srv.url + page);
      const btn = p.locator('[data-listen] button');
      const shown = (await btn.count()) === 1 && (await btn.isVisible());
      let ok = shown === want;
      if (ok && want) {
        await btn.click();
        const spoken = await p.evaluate(() => window.__spoken);
        ok = spoken.length === 1 && spoken[0].lang === 'da-DK' && spoken[0].text.length > 20;
      }
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: button ${shown ? 'shown' : 'absent'}`);
      if (!ok) bad++;
      await ctx.close();
    }
  } finally {
    await browser.close();
    srv.close();
  }
  return bad ? 1 : 0;
}

if (isMain(import.meta.url)) {
  const [dir, page] = process.argv.slice(2);
  run(dir, page || '/').then((c) => process.exit(c), (e) => { console.error(e); process.exit(2); });
}
