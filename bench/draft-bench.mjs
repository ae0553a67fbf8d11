#!/usr/bin/env node
// The browser editor's live preview: time from a keystroke in the form to
// the draft beside it showing the page with the new text, in headless
// Chromium against `labyrint serve`. Not part of CI.
//
//   node bench/draft-bench.mjs [--content DIR] [--target NAME] [--page URL] [--edits N]
//
// Default: this repository's site, public target, an offer, 21 edits of
// the text and 21 of the summary (a front-matter field, which makes the
// model again). Each edit types a new word at the end of the field; the
// figure runs from the input event of its last key to the frame's load
// event with the word in it: the form's 250 ms pause, the request and the
// frame. Prints the median and
// the 90th percentile per field, and the medians of the three parts.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../e2e/check.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const arg = (name, def) => { const i = process.argv.indexOf('--' + name); return i > 0 ? process.argv[i + 1] : def; };
const content = arg('content', '');
const target = arg('target', 'public');
const pageURL = arg('page', '/enheder/guldborgsund-handicap/botilbud/');
const edits = Number(arg('edits', '21'));

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p90: s[Math.min(s.length - 1, Math.floor(s.length * 0.9))], min: s[0], max: s[s.length - 1] };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'labyrint-draft-bench-'));
  const bin = path.join(tmp, 'labyrint');
  execFileSync('go', ['build', '-o', bin, './cmd/labyrint'], { cwd: repo, stdio: 'inherit' });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const args = ['serve', '--source', repo, '--port', String(port), '--target', target];
  if (content) args.push('--content', content);
  const t0 = Date.now();
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  // Stopped from outside (a timeout): stop serve too, which removes its folder.
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { proc.kill('SIGINT'); process.exit(1); });
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('serve did not start: ' + log.slice(-2000))), 600_000);
    proc.stdout.on('data', (d) => { if (String(d).includes('Forhåndsvisning')) { clearTimeout(t); resolve(); } });
    proc.on('exit', (c) => reject(new Error('serve stopped: ' + c + log.slice(-2000))));
  });
  for (;;) { // the editor finds the page in the first build's model
    const r = await fetch(`http://127.0.0.1:${port}${pageURL}`).catch(() => null);
    if (r && r.status === 200 && !(await r.text()).includes('Siden findes ikke')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`serve ready after ${((Date.now() - t0) / 1000).toFixed(1)} s; load ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript(() => performance.setResourceTimingBufferSize(100000));
    page.setDefaultTimeout(60_000);
    await page.goto(`http://127.0.0.1:${port}/_labyrint/rediger/?side=${encodeURIComponent(pageURL)}`);
    await page.waitForSelector('#body');
    await page.evaluate(() => document.getElementById('ed-form').addEventListener('input', () => { window.t0 = performance.now(); }, true));
    for (const field of ['#body', '#f-summary']) {
      const times = [];
      for (let i = 0; i < edits + 1; i++) {
        const word = ` maaling${field.length}x${i}`;
        await page.focus(field);
        await page.keyboard.press('End');
        if (field === '#body') await page.keyboard.press('Control+End');
        const before = await page.evaluate(() => (window.labyrintDraft || {}).n || 0);
        await page.keyboard.type(word);
        await page.waitForFunction(([w, n]) => {
          const d = window.labyrintDraft, f = document.getElementById('draft-frame');
          return d && d.n > n && f.contentDocument && f.contentDocument.body && f.contentDocument.body.textContent.includes(w.trim());
        }, [word, before], { polling: 5 });
        // From the last key's input event. The parts: the pause, the check
        // request (the server's render and the answer), and the frame
        // (parse, layout, load).
        const [ms, wait, req, frame] = await page.evaluate(() => {
          const e = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('/tjek')).pop();
          const d = window.labyrintDraft;
          return [d.at - window.t0, e.startTime - window.t0, e.responseEnd - e.startTime, d.at - e.responseEnd];
        });
        if (i > 0) times.push({ ms, wait, req, frame }); // the first warms the server's caches
      }
      const m = (k) => stats(times.map((t) => t[k]));
      const s = m('ms');
      console.log(`${field === '#body' ? 'text' : 'summary'}: keystroke to updated preview, ${edits} edits: median ${s.median.toFixed(0)} ms, p90 ${s.p90.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}); ` +
        `medians of the parts: pause ${m('wait').median.toFixed(0)} ms, request ${m('req').median.toFixed(0)} ms, frame ${m('frame').median.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    proc.kill('SIGINT');
    await new Promise((r) => proc.on('exit', r));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`load at the end ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
