#!/usr/bin/env node
// A new editor's first session in the browser editor, in headless Chromium,
// against a real `labyrint serve` of a copy of this repository's site:
//
//   node e2e/editor-trial.mjs SCREENSHOT_DIR [PHOTO.jpg]
//
// Without PHOTO it makes one: a 2400×1600 PNG, the size of a photo from a
// phone, saved as "Foto fra telefon.png".
//
// 1. opens a page of the preview and follows "Rediger", then "Ny side";
// 2. creates an offer in the unit folder enheder/myndighed;
// 3. pastes three Word mistakes (”smart quotes” around the summary, a hard
//    space in the opening hours, Word bullets in the text) and reads what
//    the form says at each field, before and after "Gem";
// 4. fixes them and saves: the preview beside the form shows the offer;
// 5. adds a photo with its alt text: the page shows it with srcset;
// 6. renames the page: the old address leads to the new one;
// 7. the site is a Git work tree and serve runs with --editor-git: each
//    change is a commit with the editor's name, and .labyrint-editor.log
//    has a line for each.
// Screenshots of each step go to SCREENSHOT_DIR; the script prints what
// the screen said. Exit 1 when a step does not do what it should.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './check.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const shots = process.argv[2] || fs.mkdtempSync(path.join(os.tmpdir(), 'trial-shots-'));
let photo = process.argv[3] || '';

/** writePNG writes a w×h colour gradient as a PNG file. */
function writePNG(file, w, h) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    for (let x = 0; x < w; x++) {
      raw[row + 1 + x * 3] = (x * 255 / w) | 0; raw[row + 2 + x * 3] = (y * 255 / h) | 0; raw[row + 3 + x * 3] = 128;
    }
  }
  fs.writeFileSync(file, Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}
const TIMEOUT = 60_000;

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'labyrint-trial-'));
  if (!photo) {
    photo = path.join(tmp, 'Foto fra telefon.png');
    writePNG(photo, 2400, 1600);
  }
  const bin = path.join(tmp, 'labyrint');
  execFileSync('go', ['build', '-o', bin, './cmd/labyrint'], { cwd: repo, stdio: 'inherit' });
  const root = path.join(tmp, 'site');
  for (const d of ['site.yaml', 'layouts', 'assets', 'content', 'archetypes']) fs.cpSync(path.join(repo, d), path.join(root, d), { recursive: true });
  // The site is a Git work tree, and the editor commits each change.
  const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Start', GIT_AUTHOR_EMAIL: 'start@example.org', GIT_COMMITTER_NAME: 'Start', GIT_COMMITTER_EMAIL: 'start@example.org' } });
  git('init', '-q'); git('add', '-A'); git('commit', '-q', '-m', 'start');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(bin, ['serve', '--source', root, '--port', String(port), '--editor-git', '--editor-name', 'Anne Redaktør'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('serve did not start: ' + log)), TIMEOUT);
    proc.stdout.on('data', (d) => { if (String(d).includes('Forhåndsvisning')) { clearTimeout(t); resolve(); } });
  });
  const url = `http://127.0.0.1:${port}`;
  const failures = [];
  const check = (ok, what) => { if (!ok) failures.push(what); console.log((ok ? 'ok   ' : 'FAIL ') + what); };
  const say = (what, text) => console.log(`     ${what}: ${text.replace(/\s+/g, ' ').trim()}`);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'da-DK' });
    page.setDefaultTimeout(TIMEOUT);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (/Content.Security.Policy|sandbox/i.test(m.text())) errors.push(m.text()); });
    let n = 0;
    const shot = async (name) => { n++; await page.screenshot({ path: path.join(shots, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: false }); };
    const problems = async (key) => (await page.locator(`#p-${key}`).textContent()) || '';

    // 1. From the preview to "Ny side".
    await page.goto(url + '/vision/');
    await page.waitForLoadState('networkidle');
    await shot('preview-with-rediger');
    await page.click('#labyrint-rediger');
    await page.waitForSelector('h1');
    say('edit page heading', await page.locator('h1').textContent());
    await page.click('text=Ny side');
    await page.selectOption('#type', 'offer');
    await page.fill('#titel', 'Åben rådgivning om bolig');
    await page.selectOption('#mappe', 'enheder/myndighed');
    await shot('ny-side');
    await page.click('button:has-text("Opret siden")');
    await page.waitForSelector('#f-summary');
    say('new offer', await page.locator('h1').textContent());
    say('summary field says', await problems('summary'));
    check((await problems('summary')).includes('pladsholdertekst'), 'the archetype placeholder is pointed out at the summary');
    check((await page.inputValue('#f-unit')) === 'myndighed', 'the unit is chosen from the folder');
    await shot('new-offer-form');

    // 3. Three Word mistakes, typed as pasted.
    await page.fill('#f-summary', '”Vi hjælper dig med at finde en bolig”');
    await page.fill('#f-hours', 'Mandag–fredag\u00a09–12');
    await page.fill('#body', 'Du kan få hjælp til:\n\n•\tat søge bolig\n•\tat forstå din lejekontrakt\n');
    await page.waitForFunction(() => document.querySelector('#p-summary').textContent.includes('anførselstegn'));
    await page.waitForFunction(() => document.querySelector('#p-hours').textContent.includes('mellemrum'));
    await page.fill('#f-hours', 'Mandag–fredag 9–12');
    await page.fill('#body', 'Du kan få hjælp til:\n\n•\tat søge bolig\n•\tat forstå din lejekontrakt\n');
    await page.waitForFunction(() => document.querySelector('#p-body').textContent.includes('punkttegnet'));
    await page.fill('#f-hours', 'Mandag–fredag\u00a09–12');
    await page.waitForFunction(() => document.querySelector('#p-hours').textContent.includes('mellemrum'));
    for (const k of ['summary', 'hours', 'body']) say(`as typed, at ${k}`, await problems(k));
    await page.waitForFunction(() => document.querySelector('#draft-note').textContent.includes('fejlene'));
    say('above the preview, with errors in the fields', await page.locator('#draft-bar').textContent());
    await shot('word-mistakes-as-typed');
    // The fields fixed, the bullets left: the draft is the page as it will look.
    await page.fill('#f-summary', 'Vi hjælper dig med at finde en bolig.');
    await page.fill('#f-hours', 'Mandag–fredag 9–12');
    const df = page.frameLocator('#draft-frame');
    await df.locator('main p:has-text("at forstå din lejekontrakt")').waitFor();
    const draft = await df.locator('main').textContent();
    say('draft beside the form', draft);
    check(/•\s*at søge bolig\s*•/.test(draft), 'the draft shows the bullets run into one paragraph');
    check(await df.locator('header, footer').count() >= 2 && await df.locator('h1:has-text("Åben rådgivning om bolig")').count() === 1, 'the draft is the whole page in the site\'s layout');
    check(await page.locator('#draft-frame').getAttribute('sandbox') === 'allow-same-origin', 'the draft frame runs no scripts (sandbox)');
    check(!(await problems('body')).includes('kolon') && (await problems('body')).includes('punkttegnet'), 'the bullets are still named at the text');
    await shot('draft-page-beside-the-form');
    // Back to the pasted mistakes, for Gem.
    await page.fill('#f-summary', '”Vi hjælper dig med at finde en bolig”');
    await page.fill('#f-hours', 'Mandag–fredag\u00a09–12');
    await page.waitForFunction(() => document.querySelector('#p-hours').textContent.includes('mellemrum'));
    await page.click('button.save');
    await page.waitForSelector('.error');
    say('after Gem', await page.locator('.error').textContent());
    check((await page.locator('.error').textContent()).includes('Siden er ikke gemt'), 'Gem with errors is refused');
    check((await problems('summary')).includes('typografiske anførselstegn'), 'smart quotes are named at the summary');
    check((await problems('hours')).includes('hårdt mellemrum (U+00A0)') && !(await problems('hours')).includes('kolon'), 'the hard space is named at the hours, not a missing colon');
    check((await problems('body')).includes('punkttegnet •'), 'Word bullets are named at the text');
    check((await page.inputValue('#body')).includes('lejekontrakt'), 'the refused text is kept in the form');
    await shot('word-mistakes-after-gem');

    // 4. Fixed, saved, seen in the preview.
    await page.fill('#f-summary', 'Vi hjælper dig med at finde en bolig.');
    await page.fill('#f-hours', 'Mandag–fredag 9–12');
    await page.fill('#body', 'Du kan få hjælp til:\n\n- at søge bolig\n- at forstå din lejekontrakt\n');
    await page.click('button.save');
    await page.waitForSelector('.notice');
    say('after Gem', await page.locator('.notice').textContent());
    const frame = page.frameLocator('#pv');
    await frame.locator('h1:has-text("Åben rådgivning om bolig")').waitFor();
    await frame.locator('li:has-text("at forstå din lejekontrakt")').waitFor();
    check(true, 'the preview beside the form shows the saved offer with its list');
    check(!(await frame.locator('#labyrint-rediger').isVisible()), 'the preview beside the form has no "Rediger" of its own');
    await shot('saved');

    // 5. A photo with its alt text.
    {
      await page.setInputFiles('#img-file', photo);
      await page.click('button:has-text("Tilføj billedet")');
      await page.waitForSelector('.error, h1');
      say('photo without alt text', await page.locator('body').textContent());
      check((await page.locator('body').textContent()).includes('skriv, hvad billedet viser'), 'a photo without alt text is refused');
      await page.goBack();
      await page.reload();
      await page.setInputFiles('#img-file', photo);
      await page.fill('#img-alt', 'Rådgiver og borger ved et bord');
      await page.click('button:has-text("Tilføj billedet")');
      await page.waitForSelector('.notice');
      const img = frame.locator('img[alt="Rådgiver og borger ved et bord"]');
      await img.waitFor({ timeout: TIMEOUT });
      const srcset = await img.getAttribute('srcset');
      say('photo srcset', srcset || '(none)');
      check(/480w.*960w.*1600w/.test(srcset || ''), 'the photo is published in three widths');
      say('body problems after the photo', await problems('body'));
      await shot('photo');
    }

    // 6. Rename: the old address keeps working.
    const oldURL = new URL(await page.locator('header.ed a:has-text("Se siden")').getAttribute('href'), url).pathname;
    await page.fill('#new-name', 'boligraadgivning');
    await page.click('button:has-text("Omdøb")');
    await page.waitForSelector('.notice');
    say('after Omdøb', (await page.locator('header.ed').textContent()) + ' / aliases: ' + (await page.inputValue('#f-aliases')));
    check((await page.inputValue('#f-aliases')).includes(oldURL), 'the old address is kept as an alias');
    await page.waitForTimeout(1500);
    await page.goto(url + oldURL);
    await page.waitForURL(/boligraadgivning/);
    say('old address now', page.url());
    check(page.url().endsWith('/enheder/myndighed/boligraadgivning/'), 'the old address leads to the new one');
    await shot('renamed');
    check(errors.length === 0, 'no script errors: ' + errors.join('; '));

    // 7. What Git and the log file say.
    const commits = git('log', '--format=%an: %s', '-n', '5').trim();
    say('git log', commits.replace(/\n/g, ' | '));
    check(commits.includes('Anne Redaktør: Rediger: Åben rådgivning om bolig') && commits.includes('Anne Redaktør: Omdøb: Åben rådgivning om bolig') && commits.includes('Anne Redaktør: Ny side: Åben rådgivning om bolig'), 'each change is a commit with the editor\'s name');
    check(git('status', '--porcelain', 'content').trim() === '', 'every change in content/ is committed');
    const edlog = fs.readFileSync(path.join(root, '.labyrint-editor.log'), 'utf8').trim();
    say('.labyrint-editor.log', edlog.replace(/\n/g, ' | '));
    check(edlog.split('\n').length === 4, 'the log file has a line for every change');
  } finally {
    await browser.close();
    proc.kill('SIGINT');
    console.log('--- serve log (saves) ---\n' + log.split('\n').filter((l) => l.includes('redigering:')).join('\n'));
    console.log('--- serve log, last lines ---\n' + log.split('\n').slice(-12).join('\n'));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (failures.length) { console.error(`editor trial: ${failures.length} failed`); process.exit(1); }
  console.log('editor trial: all passed; screenshots in ' + shots);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
