#!/usr/bin/env node
// The timeline of one visit from the front page (navigation start of
// /soeg/?q=QUERY until 5 result links are in the DOM), from a Chromium
// trace: when each request is sent and done, the page's main-thread
// tasks, the other processes' busy time, first paint and
// DOMContentLoaded. Served and measured as in search-bench.mjs (its
// server, its init script, a fresh context per run).
//
//   node bench/search-trace.mjs --ours OUT_DIR [--ours OUT_DIR2 …] [--peer PEER_DIR]
//        [--query misbrug] [--reps 1] [--json FILE]
//
// More than one --ours (say, builds of two commits) are traced in turn.
// PEER_DIR is a Hugo + Pagefind output as search-bench.sh builds it (KEEP=1
// keeps it); its soeg/index.html is written as search-bench.mjs writes it.
// Times in ms from navigation start. "busy" is the sum of top-level tasks
// on a thread until the results are in; the page's main thread is listed
// task by task (tasks under 1 ms are summed, not listed).
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, PEER_PAGE, NAV_WATCH, CHROMIUM_PATH, CHROMIUM_ARGS, WANT } from './search-bench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const o = { query: 'misbrug', reps: 1 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i], v = process.argv[++i];
  if (a === '--ours') (o.ours ??= []).push(path.resolve(v));
  else if (a === '--peer') o.peer = path.resolve(v);
  else if (a === '--query') o.query = v;
  else if (a === '--reps') o.reps = +v;
  else if (a === '--json') o.json = v;
  else throw new Error(`unknown argument ${a}`);
}
if (!o.ours) throw new Error('usage: search-trace.mjs --ours OUT_DIR [--peer PEER_DIR] [--query Q] [--reps N]');

const CATS = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute', 'toplevel'];

// The events of one trace, read into a timeline relative to navigation start.
function timeline(events, doneMs) {
  const names = new Map(); // pid:tid -> thread name
  const procs = new Map(); // pid -> process name
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
    if (e.name === 'process_name') procs.set(e.pid, e.args.name);
  }
  const nav = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && /\/soeg\//.test(e.args.data.documentLoaderURL || ''));
  const start = nav.length ? nav[nav.length - 1] : null;
  if (!start) throw new Error('no navigationStart for /soeg/ in the trace');
  const t0 = start.ts, pid = start.pid, end = t0 + doneMs * 1000;
  const rel = (ts) => (ts - t0) / 1000;
  const main = [...names].find(([k, n]) => n === 'CrRendererMain' && k.startsWith(pid + ':'))?.[0];
  const reqs = new Map();
  const marks = [];
  const tasks = [];
  const busy = new Map();
  const last = new Map(); // pid:tid -> end of its last top-level task (nested RunTasks count once)
  events.sort((a, b) => a.ts - b.ts);
  for (const e of events) {
    if (e.ts < t0 - 1 || e.ts > end + 1) continue;
    const d = e.args?.data;
    if (e.name === 'ResourceSendRequest' && d) reqs.set(d.requestId, { url: d.url, send: rel(e.ts) });
    else if (e.name === 'ResourceReceiveResponse' && d && reqs.has(d.requestId)) reqs.get(d.requestId).response = rel(e.ts);
    else if (e.name === 'ResourceFinish' && d && reqs.has(d.requestId)) reqs.get(d.requestId).finish = rel(e.ts);
    else if (['firstPaint', 'firstContentfulPaint', 'domContentLoadedEventStart', 'domContentLoadedEventEnd', 'loadEventStart', 'domInteractive', 'MarkDOMContent', 'MarkLoad'].includes(e.name) && e.pid === pid) marks.push([e.name, rel(e.ts)]);
    if (e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur) {
      const k = `${e.pid}:${e.tid}`;
      if (e.ts < (last.get(k) || 0)) continue;
      last.set(k, e.ts + e.dur);
      const thread = `${procs.get(e.pid) || e.pid}/${names.get(k) || e.tid}`;
      const from = Math.max(e.ts, t0), to = Math.min(e.ts + e.dur, end);
      if (to > from) busy.set(thread, (busy.get(thread) || 0) + (to - from) / 1000);
      if (k === main) tasks.push({ at: rel(e.ts), ms: e.dur / 1000, what: [] , ts: e.ts, dur: e.dur });
    }
  }
  // What each main-thread task did: its named children (script, parse, layout, paint, events).
  const KIDS = new Set(['EvaluateScript', 'v8.compile', 'FunctionCall', 'ParseHTML', 'Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Commit', 'TimerFire', 'EventDispatch', 'ParseAuthorStyleSheet', 'v8.run', 'v8.evaluateModule', 'FireAnimationFrame', 'HitTest', 'RunMicrotasks', 'V8.GC_SCAVENGER', 'MajorGC', 'MinorGC', 'ResourceReceivedData', 'ResourceFinish']);
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || !KIDS.has(e.name) || !e.dur) continue;
    const t = tasks.find((t) => e.ts >= t.ts && e.ts < t.ts + t.dur);
    if (!t) continue;
    const d = e.args?.data || {};
    const label = e.name + (d.url ? ' ' + d.url.replace(/^.*\//, '') : '') + (d.type ? ' ' + d.type : '') + (d.functionName ? ' ' + d.functionName : '');
    t.what.push([label, e.dur / 1000]);
  }
  return { reqs: [...reqs.values()].sort((a, b) => a.send - b.send), marks, tasks, busy, main };
}

function print(site, r, tl) {
  const f = (x) => (x == null ? '   -  ' : x.toFixed(1).padStart(6));
  console.log(`\n### ${site}: ${r.ms.toFixed(0)} ms to ${WANT} results, first "${r.first.slice(0, 40)}"`);
  console.log('requests (send / response / finish):');
  for (const q of tl.reqs) console.log(`  ${f(q.send)} ${f(q.response)} ${f(q.finish)}  ${q.url.replace(/^https?:\/\/[^/]+/, '')}`);
  console.log('marks: ' + tl.marks.map(([n, t]) => `${n} ${t.toFixed(1)}`).join(', '));
  // The chain, for ours (Pagefind's files have other names): each step's wait on the one before.
  const at = (re, k, pick = Math.min) => { const xs = tl.reqs.filter((q) => re.test(q.url) && q[k] != null).map((q) => q[k]); return xs.length ? pick(...xs) : null; };
  const js = at(/\/search\.[0-9a-f]+\.js$|\/search\.js$/, 'finish'), tSend = at(/\/idx\/t-/, 'send'), tIn = at(/\/idx\/t-/, 'finish', Math.max);
  const dSend = at(/\/idx\/d-/, 'send'), dIn = at(/\/idx\/d-/, 'finish', Math.max);
  if (js != null && tSend != null && dSend != null) {
    console.log(`chain: search.js in ${js.toFixed(1)}, +${(tSend - js).toFixed(1)} term shard asked, +${(tIn - tSend).toFixed(1)} in, ` +
      `+${(dSend - tIn).toFixed(1)} page shards asked, +${(dIn - dSend).toFixed(1)} in, +${(r.ms - dIn).toFixed(1)} drawn`);
  }
  let small = 0, total = 0;
  console.log('page main thread, tasks ≥ 1 ms (start, ms, what):');
  for (const t of tl.tasks) {
    total += t.ms;
    if (t.ms < 1) { small += t.ms; continue; }
    const top = new Map();
    for (const [l, ms] of t.what) top.set(l, (top.get(l) || 0) + ms);
    const what = [...top].filter(([, ms]) => ms >= 0.5).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([l, ms]) => `${l} ${ms.toFixed(1)}`).join('; ');
    console.log(`  ${f(t.at)} ${f(t.ms)}  ${what}`);
  }
  console.log(`  main thread: ${total.toFixed(1)} ms in ${tl.tasks.length} tasks (${small.toFixed(1)} ms in tasks under 1 ms)`);
  console.log('busy until the results, by thread (≥ 2 ms):');
  for (const [k, v] of [...tl.busy].sort((a, b) => b[1] - a[1])) if (v >= 2) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
}

const sites = o.ours.map((dir, i) => ({ name: i ? `ours ${i + 1} (${dir})` : 'ours', dir }));
if (o.peer) {
  fs.mkdirSync(path.join(o.peer, 'soeg'), { recursive: true });
  fs.writeFileSync(path.join(o.peer, 'soeg', 'index.html'), PEER_PAGE);
  sites.push({ name: 'peer', dir: o.peer });
}
for (const s of sites) s.server = await serve(s.dir, true);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
console.log(`# search-trace: query ${o.query}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, Chromium ${browser.version()}`);
const out = [];
try {
  for (let rep = -1; rep < o.reps; rep++) for (const s of sites) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(NAV_WATCH);
    await browser.startTracing(page, { categories: CATS });
    await page.goto(s.server.origin + '/soeg/?q=' + encodeURIComponent(o.query), { waitUntil: 'commit' });
    let r;
    while (!(r = await page.evaluate(() => window.__navDone))) await new Promise((ok) => setTimeout(ok, 10));
    const buf = await browser.stopTracing();
    await context.close();
    if (rep < 0) continue; // warm-up
    const tl = timeline(JSON.parse(buf.toString()).traceEvents, r.ms);
    print(s.name, r, tl);
    out.push({ site: s.name, rep, ...r, ...tl, busy: Object.fromEntries(tl.busy) });
  }
} finally {
  await browser.close();
  for (const s of sites) await s.server.close();
}
console.log(`\nload average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (o.json) fs.writeFileSync(o.json, JSON.stringify(out, null, 1));
