#!/usr/bin/env node
// The preview's overlay in headless Chromium, against a real `labyrint serve`.
//
//   node e2e/overlay.mjs [SCREENSHOT_DIR]
//
// Builds cmd/labyrint, writes a small site (the repository's layouts and
// assets) to a temporary folder and serves it on 127.0.0.1, then:
//   - opens a page with two warnings: the overlay shows them folded in a
//     <details> ("2 advarsler på denne side"), no error heading;
//   - breaks the page: the overlay shows the error heading and the error
//     first, the page's last good text stays;
//   - fixes it: the page reloads with the new text and the errors go;
//   - stops the server: no uncaught script error (the old client threw
//     `"undefined" is not valid JSON`) and the page says the preview stopped.
// Exit 0 when everything passes, 1 on any failure, 2 on a setup error.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './check.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const shots = process.argv[2] || '';
const TIMEOUT = 15_000;

function writeSite(root) {
  const files = {
    'site.yaml': `title: Prøve\nowner: Prøve Kommune\nlayouts: ${repo}/layouts\nassets: ${repo}/assets\n` +
      'fields:\n  title: {type: string, required: true}\n  summary: {type: string}\n  draft: {type: bool}\n',
    'content/_index.md': '---\ntitle: Forside\n---\nHej.\n',
    'content/side.md': '---\ntitle: Første udgave\n---\n' + 'ordlyden '.repeat(40) + 'slut.\n',
  };
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), body);
  }
}

async function startServe(bin, root) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(bin, ['serve', '--source', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('serve did not start: ' + log)), TIMEOUT);
    proc.stdout.on('data', (d) => { if (String(d).includes('Forhåndsvisning')) { clearTimeout(t); resolve(); } });
    proc.on('exit', (c) => reject(new Error(`serve exited ${c}: ${log}`)));
  });
  return { proc, url: `http://127.0.0.1:${port}` };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'labyrint-overlay-'));
  const bin = path.join(tmp, 'labyrint');
  execFileSync('go', ['build', '-o', bin, './cmd/labyrint'], { cwd: repo, stdio: 'inherit' });
  const root = path.join(tmp, 'site');
  writeSite(root);
  const { proc, url } = await startServe(bin, root);
  const failures = [];
  const check = (ok, what) => { if (!ok) failures.push(what); console.log((ok ? 'ok   ' : 'FAIL ') + what); };
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const shot = async (name) => { if (shots) await page.screenshot({ path: path.join(shots, `overlay-${name}.png`), fullPage: false }); };

    await page.goto(url + '/side/');
    const ov = page.locator('#labyrint-overlay');
    await ov.waitFor({ timeout: TIMEOUT });
    check(await ov.getAttribute('role') === 'status', 'a page with only warnings gets a status box, not an alert');
    check((await ov.locator('summary').textContent()) === '2 advarsler på denne side', 'the warnings (LIX, long sentence) are counted in Danish in a <summary>');
    check(await ov.locator('details').getAttribute('open') === null, 'the warnings are folded');
    check((await ov.locator('h2').count()) === 0, 'no error heading without errors');
    await ov.locator('summary').click();
    check((await ov.locator('details li').first().textContent()).includes('content/side.md:4'), 'the warning names file:line');
    await shot('warning');

    fs.writeFileSync(path.join(root, 'content/side.md'), '---\ntitel: Ødelagt\n---\n' + 'ordlyden '.repeat(40) + 'slut.\n');
    await page.locator('#labyrint-overlay h2').waitFor({ timeout: TIMEOUT });
    check(await ov.getAttribute('role') === 'alert', 'a failed build is an alert');
    const text = await ov.textContent();
    check(text.includes('Siden kunne ikke bygges') && text.includes('content/side.md:2') && text.includes('mente du'), 'the error with file:line and hint');
    check(/^[^]*2 fejl skal rettes:[^]*2 advarsler på denne side/.test(text), 'errors (2 fejl) come before the warnings: ' + text);
    check((await page.locator('h1').first().textContent()).includes('Første udgave'), 'the last good page stays');
    await shot('error');

    fs.writeFileSync(path.join(root, 'content/side.md'), '---\ntitle: Rettet\n---\nKort.\n');
    await page.waitForFunction(() => document.querySelector('h1') && document.querySelector('h1').textContent.includes('Rettet'), null, { timeout: TIMEOUT });
    await page.waitForTimeout(500);
    check((await page.locator('#labyrint-overlay').count()) === 0, 'a fixed page reloads without the overlay');

    proc.kill('SIGINT');
    await page.locator('#labyrint-stopped').waitFor({ timeout: TIMEOUT });
    await page.waitForTimeout(1000);
    check((await page.locator('#labyrint-stopped').textContent()).includes('Forbindelsen til forhåndsvisningen er afbrudt'), 'a stopped preview says so');
    check(errors.length === 0, 'no uncaught script error: ' + errors.join('; '));
    await shot('stopped');
  } finally {
    await browser.close();
    proc.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`overlay: ${failures.length} failed`);
    process.exit(1);
  }
  console.log('overlay: all passed');
}

main().catch((e) => { console.error(e); process.exit(e.setup ? 2 : 1); });
