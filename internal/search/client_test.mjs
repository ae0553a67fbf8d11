// Checks assets/search/search.js against the Go index: run with
//   node --test internal/search/client_test.mjs
// It loads testdata/jsfixture (written by the Go test TestJSClient with
// -update) into a vm context, as a browser would load the shard scripts.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, "testdata", "jsfixture");
const client = path.join(here, "..", "..", "assets", "search", "search.js");

function newClient() {
  const ctx = vm.createContext({ location: { protocol: "file:" } });
  ctx.window = ctx;
  vm.runInContext(fs.readFileSync(client, "utf8"), ctx, { filename: "search.js" });
  const S = ctx.labyrintSearch;
  S.loaded = [];
  S.fetch = (name) => {
    S.loaded.push(name);
    const file = path.join(fixture, "idx", name + ".txt");
    vm.runInContext(fs.readFileSync(file, "utf8"), ctx, { filename: name + ".txt" });
  };
  return S;
}

/* Issue #21, finding 2: over http(s) the client fetches each shard and
   reads its data out of the text; a shard run in a page that is not on
   file:// hands nothing over. */
test("over http the shards are fetched and read, never run", async () => {
  const fetched = [];
  const ctx = vm.createContext({
    location: { protocol: "https:" },
    fetch: async (url) => {
      fetched.push(url);
      const name = url.replace(/^idx\//, "");
      const file = path.join(fixture, "idx", name);
      if (!fs.existsSync(file)) return { ok: false };
      return { ok: true, text: async () => fs.readFileSync(file, "utf8") };
    },
  });
  ctx.window = ctx;
  vm.runInContext(fs.readFileSync(client, "utf8"), ctx, { filename: "search.js" });
  const S = ctx.labyrintSearch;
  const r = await S.query("rådgivning");
  assert.ok(r.hits.length > 0);
  const docs = await S.docs(r.hits.map((h) => h.d));
  assert.ok(docs[0][0].startsWith("/"));
  assert.deepEqual(fetched.slice(0, 2), ["idx/meta.txt", "idx/t-r_e5_d.txt"]);
  let handed = 0;
  S.load = () => handed++;
  vm.runInContext(fs.readFileSync(path.join(fixture, "idx", "meta.txt"), "utf8"), ctx);
  assert.equal(handed, 0, "a shard run outside file:// handed its data over");
  assert.throws(() => S.take("meta", "<!doctype html><p>404</p>"), "a page that is not a shard is refused");
});

test("stemmer matches Go's Snowball Danish", () => {
  const S = newClient();
  const stems = fs.readFileSync(path.join(fixture, "stems.txt"), "utf8").trim().split("\n").map((l) => l.split(" "));
  assert.ok(stems.length > 1000);
  const bad = stems.filter(([w, s]) => S.stem(w) !== s).map(([w, s]) => `${w}: go ${s}, js ${S.stem(w)}`);
  assert.deepEqual(bad.slice(0, 20), []);
});

test("words are found as Go finds them", () => {
  const S = newClient();
  const splits = JSON.parse(fs.readFileSync(path.join(fixture, "words.json"), "utf8"));
  for (const { text, words } of splits) assert.deepEqual(Array.from(S.words(text)), words, `words of ${JSON.stringify(text.slice(0, 60))}`);
});

test("ranking matches Go's Search", async () => {
  const expected = JSON.parse(fs.readFileSync(path.join(fixture, "expected.json"), "utf8"));
  for (const { query, hits } of expected) {
    const S = newClient();
    const r = await S.query(query);
    const docs = await S.docs(r.hits.map((h) => h.d));
    const got = JSON.parse(JSON.stringify(r.hits.map((h, i) => [docs[i][0], String(h.s)])));
    assert.deepEqual(got, hits, `query ${JSON.stringify(query)}`);
  }
});

test("a page with every word of the query but the weak ones matches it whole", async () => {
  // "tid" and "komme" are weak words (weakwords_da.txt); "xyzzy" is on no page.
  assert.equal((await newClient().query("alkohol tid komme")).full, true);
  assert.equal((await newClient().query("alkohol xyzzy")).full, false);
  assert.equal((await newClient().query("alkohol")).full, true);
});

test("a one-word query loads only the meta shard and one term shard", async () => {
  const S = newClient();
  await S.query("rådgivning");
  assert.deepEqual([...S.loaded], ["meta", "t-r_e5_d"]);
});

test("a snippet shows a line break between words as a space, after a full stop if none is there", () => {
  const S = newClient();
  assert.equal(S.gap(" "), " ");
  assert.equal(S.gap("\n"), ". ");
  assert.equal(S.gap(".\n"), ". ");
  assert.equal(S.gap("? \n \n"), "? ");
  assert.equal(S.gap(")\n"), "). ");
  assert.equal(S.gap(", "), ", ");
});

test("snippet source and filters come from the shards", async () => {
  const S = newClient();
  const r = await S.query("pårørende");
  assert.ok(r.hits.length > 0);
  const [doc] = await S.docs([r.hits[0].d]);
  assert.equal(doc.length, 4);
  assert.match(doc[3], /pårørende/i);
});

/* A search page in a minimal DOM: just what search.js's init uses. With
   http, the page is https://x/soeg/SEARCH, search.js is loaded with
   data-search-index="idx/" and fetches the shards (held until released);
   else it is opened from file:// and the shards are scripts. search.js
   runs right after the result list, as the search layout places it, or
   with head, from the head while the page is read: then the form and list
   are found only once page.ready() ends the reading (the default from
   file://, so that the test's S.fetch is in place before init runs). */
function newPage({ http = false, search = "", head = !http, patch = {} } = {}) {
  class Node {
    constructor(tag) {
      Object.assign(this, { tagName: tag, childNodes: [], dataset: {}, hidden: false, on: {}, parentNode: null, said: [] });
    }
    get children() {
      return this.childNodes.filter((c) => c.tagName);
    }
    get textContent() {
      return this.text ?? this.childNodes.map((c) => c.textContent).join("");
    }
    set textContent(t) {
      this.childNodes = t ? [text(t)] : [];
      this.said.push(t);
    }
    appendChild(c) {
      return this.insertBefore(c, null);
    }
    insertBefore(c, ref) {
      const i = ref ? this.childNodes.indexOf(ref) : -1;
      this.childNodes.splice(i < 0 ? this.childNodes.length : i, 0, c);
      c.parentNode = this;
      return c;
    }
    get nextSibling() {
      const s = this.parentNode.childNodes;
      return s[s.indexOf(this) + 1] || null;
    }
    append(...xs) {
      xs.forEach((x) => this.appendChild(typeof x == "string" ? text(x) : x));
    }
    addEventListener(type, fn) {
      this.on[type] = fn;
    }
    removeEventListener(type, fn) {
      if (this.on[type] == fn) delete this.on[type];
    }
    querySelector(sel) {
      return this.find[sel] || null;
    }
  }
  const text = (t) => Object.assign(new Node(), { text: t });
  const main = new Node("main"), form = main.appendChild(new Node("form"));
  const input = form.appendChild(new Node("input")), filters = main.appendChild(new Node("div")), status = main.appendChild(new Node("p")), list = main.appendChild(new Node("ol"));
  input.value = "";
  form.find = { "[name=q]": input };
  const doc = new Node("#document");
  doc.readyState = "loading";
  doc.createElement = (tag) => new Node(tag);
  const found = { "form[data-search-form]": form, "[data-search-results]": list, "[data-search-status]": status, "[data-search-filters]": filters };
  doc.find = head ? {} : found;
  const ctx = vm.createContext({ URL, URLSearchParams, setTimeout, clearTimeout, history: { replaceState() {} }, location: { protocol: http ? "https:" : "file:", search, pathname: "/soeg/" }, document: doc });
  ctx.window = ctx;
  /* Shards load only when the test lets them: requested holds the names asked for since the last release. */
  let queue = [];
  const page = { input, status, list, form, filters, requested: [], fetched: [] };
  const held = new Map();
  if (http) {
    doc.baseURI = "https://x/soeg/" + search;
    doc.currentScript = { src: "https://x/assets/search/search.js", dataset: { searchIndex: "idx/" } };
    ctx.fetch = (url) => {
      page.fetched.push(url);
      const name = url.replace(/^.*\/|\.txt$/g, "");
      page.requested.push(name);
      queue.push(name);
      return new Promise((ok) => held.set(name, ok));
    };
  }
  vm.runInContext(fs.readFileSync(client, "utf8"), ctx, { filename: "search.js" });
  doc.currentScript = null;
  const S = (page.S = ctx.labyrintSearch);
  if (!http) {
    S.fetch = (name) => {
      page.requested.push(name);
      queue.push(name);
    };
  }
  page.settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((ok) => setImmediate(ok));
    await new Promise((ok) => setTimeout(ok, 5));
    for (let i = 0; i < 20; i++) await new Promise((ok) => setImmediate(ok));
  };
  /* Loads the shards requested so far (only those named, if names are given). */
  page.release = async (names) => {
    const now = names ? queue.filter((n) => names.includes(n)) : queue;
    queue = queue.filter((n) => !now.includes(n));
    page.requested = [];
    for (const n of now) {
      let text = fs.readFileSync(path.join(fixture, "idx", n + ".txt"), "utf8");
      if (patch[n]) text = patch[n](text);
      if (http) held.get(n)({ ok: true, text: async () => text });
      else vm.runInContext(text, ctx);
    }
    await page.settle();
  };
  page.ready = () => {
    doc.find = found;
    doc.readyState = "interactive";
    if (doc.on.DOMContentLoaded) doc.on.DOMContentLoaded();
  };
  if (!http) page.ready();
  return page;
}

/* Issue #28: the front page's form leads to /soeg/?q=…; the query must not
   wait for the page to be read, nor for anything but the shards it needs. */
/* The front page's path, wanted: what the query asks for, in turn. */
async function frontWant(q) {
  const S = newClient();
  const r = await S.query(q);
  const terms = S.loaded.filter((n) => n != "meta");
  const docs = await S.docs(r.ids.slice(0, 5));
  return { terms, first: S.loaded.filter((n) => n.startsWith("d-")), urls: docs.map((d) => d[0]) };
}

test("a query in the address is asked for as search.js runs after the list, and drawn as soon as its shards are in", async () => {
  const q = "alkohol", want = await frontWant(q);
  const p = newPage({ http: true, search: "?q=" + q });
  assert.equal(p.input.value, q);
  assert.deepEqual(p.requested, ["meta", "t-alk"], "meta.txt and the word's term shard, named from the word, at once");
  assert.deepEqual(p.fetched, ["https://x/soeg/idx/meta.txt", "https://x/soeg/idx/t-alk.txt"], "from the index the script tag names, as the page's preload link");
  await p.release();
  assert.ok(want.terms.includes("t-alk"));
  assert.deepEqual([...p.requested].sort(), want.terms.filter((n) => n != "t-alk").sort(), "then its synonyms' term shards, with no wait");
  await p.release();
  assert.deepEqual([...p.requested].sort(), [...want.first].sort(), "then the page shards of results 1-5");
  await p.release();
  assert.deepEqual(p.list.children.map((li) => li.children[0].href.replace(/^\.\.\//, "/")).slice(0, 5), Array.from(want.urls), "results 1-5, before the page is read to its end");
  assert.ok(!p.requested.some((n) => n == "meta" || n.startsWith("t-")), `no shard is asked for twice: ${p.requested}`);
});

test("from the head, a query in the address asks for its shards before the page is in, and draws them once it is", async () => {
  const q = "alkohol", want = await frontWant(q);
  const p = newPage({ http: true, search: "?q=" + q, head: true });
  assert.deepEqual(p.requested, ["meta", "t-alk"], "meta.txt and the word's term shard, named from the word, at once, while the page is being read");
  assert.deepEqual(p.fetched, ["https://x/soeg/idx/meta.txt", "https://x/soeg/idx/t-alk.txt"], "from the index the script tag names, as the page's preload link");
  await p.release();
  assert.ok(want.terms.includes("t-alk"));
  assert.deepEqual([...p.requested].sort(), want.terms.filter((n) => n != "t-alk").sort(), "then its synonyms' term shards, with no wait");
  await p.release();
  assert.deepEqual([...p.requested].sort(), [...want.first].sort(), "then the page shards of results 1-5");
  await p.release();
  assert.equal(p.list.children.length, 0, "nothing is drawn before the page is in");
  p.ready();
  await p.settle();
  assert.equal(p.input.value, q);
  assert.deepEqual(p.list.children.map((li) => li.children[0].href.replace(/^\.\.\//, "/")).slice(0, 5), Array.from(want.urls), "results 1-5, once the page is in");
  assert.ok(!p.requested.some((n) => n == "meta" || n.startsWith("t-")), `no shard is asked for twice: ${p.requested}`);
});

/* Numbers as the index writes them (internal/search/encode.go). */
function encodeNums(xs) {
  const D = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return xs.map((n) => {
    let s = D[n % 32];
    for (n = Math.floor(n / 32); n > 0; n = Math.floor(n / 32)) s = D[32 + (n % 32)] + s;
    return s;
  }).join("");
}

/* A term shard's hints (internal/search/hint.go; the fixture's words are in
   too few pages to have any, so the test puts one in): the page shards
   they name are asked for as soon as the shard is in, before the ranking
   and before the synonyms' term shards are in; what is drawn is still the
   ranking's. */
for (const right of [true, false]) test(`with a ${right ? "right" : "wrong"} hint in its term shard, a one-word query asks for the hinted page shards at once and draws the ranking's results`, async () => {
  const q = "alkohol", want = await frontWant(q), S = newClient(), r = await S.query(q);
  const ids = right ? Array.from(r.ids.slice(0, 5)) : [0, 1, 2, 3, 4].filter((d) => !Array.from(r.ids.slice(0, 5)).includes(d));
  const shardOf = (d) => S.docs([d]).then(() => S.loaded.filter((n) => n.startsWith("d-")).pop());
  const hinted = [];
  for (const d of ids) hinted.push(await shardOf(d));
  const hint = `"":{${JSON.stringify(q)}:"${encodeNums(ids)}"},`;
  const p = newPage({ http: true, search: "?q=" + q, patch: { "t-alk": (t) => t.replace("{", "{" + hint) } });
  assert.deepEqual(p.requested, ["meta", "t-alk"]);
  await p.release();
  const syn = want.terms.filter((n) => n != "t-alk");
  assert.deepEqual([...p.requested].sort(), [...new Set([...hinted, ...syn])].sort(), "the hinted page shards with the synonyms' term shards");
  await p.release();
  if (right) assert.ok(!p.requested.some((n) => want.first.includes(n)), `no page shard of results 1-5 is asked for again: ${p.requested}`);
  else assert.deepEqual([...p.requested].sort(), want.first.filter((n) => !hinted.includes(n)).sort(), "then the page shards of results 1-5 the hint missed");
  await p.release();
  assert.deepEqual(p.list.children.map((li) => li.children[0].href.replace(/^\.\.\//, "/")).slice(0, 5), Array.from(want.urls), "results 1-5 as ranked");
});

test("with the hinted pages in its term shard, a one-word query draws its first five without a page shard", async () => {
  const q = "alkohol", want = await frontWant(q), S = newClient(), r = await S.query(q);
  const ids = Array.from(r.ids.slice(0, 5)), docs = await S.docs(ids);
  const hint = `"":{${JSON.stringify(q)}:"${encodeNums(ids)}","":${JSON.stringify(ids.map((d, i) => [d, ...docs[i]]))}},`;
  const p = newPage({ http: true, search: "?q=" + q, patch: { "t-alk": (t) => t.replace("{", "{" + hint) } });
  assert.deepEqual(p.requested, ["meta", "t-alk"]);
  await p.release();
  assert.deepEqual([...p.requested].sort(), want.terms.filter((n) => n != "t-alk").sort(), "only the synonyms' term shards");
  await p.release();
  assert.deepEqual(p.list.children.map((li) => li.children[0].href.replace(/^\.\.\//, "/")), Array.from(want.urls), "results 1-5 as ranked, from the term shard, with no page shard in");
  assert.ok(p.requested.every((n) => n.startsWith("d-")), `then only page shards, for results 6-10: ${p.requested}`);
});

test("the search page asks for the first five results' shards alone, draws them as soon as they are in, and says the count once", async () => {
  const p = newPage();
  assert.deepEqual(p.requested, ["meta"], "the search page loads meta.txt at once");
  await p.release();
  const q = "alkohol ";
  const want = await (async () => {
    const S = newClient();
    const r = await S.query(q);
    const docs = await S.docs(r.hits.map((h) => h.d));
    return { n: r.hits.length, urls: docs.map((d) => d[0]), shard: r.hits.map((h) => (h.d < 8 ? "d-0" : h.d < 16 ? "d-1" : "d-2")) };
  })();
  assert.ok(want.n > 5 && want.n <= 10);
  const first = [...new Set(want.shard.slice(0, 5))], rest = [...new Set(want.shard.slice(5))].filter((s) => !first.includes(s));
  assert.ok(rest.length > 0, "the fixture no longer has results 6-10 in a shard of their own; pick another query");
  p.input.value = q;
  p.form.on.submit({ preventDefault() {} });
  await p.settle();
  assert.deepEqual([...p.requested].sort(), ["t-afh", "t-alk", "t-mis"], "term shards of alkohol and its synonyms");
  await p.release();
  assert.deepEqual([...p.requested], first, "only the page shards of results 1-5");
  assert.equal(p.list.children.length, 0);
  await p.release(first);
  assert.equal(p.list.children.length, 5, "results 1-5 are drawn as soon as their shards are in");
  assert.deepEqual(p.status.said, [`Fandt ${want.n} sider`], "with the count");
  const snip = p.list.children[0].children[2];
  assert.equal(snip.tagName, "p");
  assert.ok(snip.children.some((c) => c.tagName == "mark" && /alkohol/i.test(c.textContent)), `the snippet marks alkohol: ${snip.textContent}`);
  assert.ok(snip.childNodes.length < 20, "the snippet's plain text is in few text nodes");
  assert.doesNotMatch(snip.textContent, /\n/, `the snippet's line breaks are shown as a full stop or a space: ${snip.textContent}`);
  assert.deepEqual([...p.requested], rest, "then the page shards of results 6-10");
  await p.release(rest);
  assert.deepEqual(p.list.children.map((li) => li.children[0].href), Array.from(want.urls), "then all, in rank order");
  const q2 = "hjælp ";
  const want2 = await (async () => {
    const S = newClient();
    const r = await S.query(q2);
    const docs = await S.docs(r.hits.map((h) => h.d));
    return { n: r.hits.length, urls: docs.map((d) => d[0]) };
  })();
  assert.ok(want2.n > 5 && want2.n <= 10);
  assert.deepEqual(p.status.said, [`Fandt ${want.n} sider`]);
  p.input.value = q2;
  p.form.on.submit({ preventDefault() {} });
  await p.settle();
  assert.deepEqual(p.requested, ["t-hj_e6_"], "the page shards are in already");
  assert.equal(p.list.children.length, want.n, "the old results stay until the new are drawn");
  await p.release();
  const hrefs = p.list.children.map((li) => li.children[0].href);
  assert.deepEqual(hrefs, Array.from(want2.urls), "all results, in rank order");
  assert.deepEqual(p.status.said, [`Fandt ${want.n} sider`, `Fandt ${want2.n} sider`], "each count is said once");
  assert.equal(p.list.nextSibling.hidden, true, "no more results to show");
});

test("the filters load their facets only when they are opened", async () => {
  const p = newPage();
  await p.release();
  p.input.value = "alkohol";
  p.form.on.submit({ preventDefault() {} });
  await p.settle();
  await p.release();
  await p.release();
  await p.release();
  assert.ok(p.list.children.length > 0, "results are drawn");
  const details = p.filters.children[0];
  assert.equal(details.tagName, "details");
  assert.equal(details.children.length, 1, "closed filters hold only their summary");
  assert.deepEqual(p.requested, [], "and nothing was fetched for them");
  details.open = true;
  details.on.toggle();
  await p.settle();
  assert.deepEqual(p.requested, ["f"], "opening them fetches idx/f.txt");
  await p.release();
  const boxes = details.children.slice(1);
  assert.ok(boxes.length >= 2, "one fieldset or list per facet");
  assert.equal(boxes[0].children[0].textContent, "Sektion");
});

/* Before meta.txt is in, the client names a word's term shard from the
   word (its stem's first three letters) and asks for it; stop words get
   none, and a name no shard has (a 404) is let go. */
test("term shards are asked for before meta.txt, named from the words", async () => {
  const meta = fs.readFileSync(path.join(fixture, "idx", "meta.txt"), "utf8");
  const stop = JSON.parse(meta.slice(meta.indexOf(",") + 1, meta.lastIndexOf(")"))).s;
  assert.ok(fs.readFileSync(client, "utf8").includes(`STOP = "${stop}";`), "search.js's STOP is meta.txt's stop list");
  const newHTTP = () => {
    const fetched = [];
    const ctx = vm.createContext({
      location: { protocol: "https:" },
      fetch: async (url) => {
        fetched.push(url.replace(/^idx\//, "").replace(/\.txt$/, ""));
        await new Promise((ok) => setTimeout(ok));
        const file = path.join(fixture, url);
        if (!fs.existsSync(file)) return { ok: false, status: 404 };
        return { ok: true, text: async () => fs.readFileSync(file, "utf8") };
      },
    });
    ctx.window = ctx;
    vm.runInContext(fs.readFileSync(client, "utf8"), ctx, { filename: "search.js" });
    return { S: ctx.labyrintSearch, fetched };
  };
  let c = newHTTP();
  let r = c.S.query("jeg har brug for rådgivning");
  assert.deepEqual(c.fetched, ["meta", "t-bru", "t-r_e5_d"], "the words' shards at once, none for stop words");
  assert.ok((await r).ids.length > 0);
  c = newHTTP();
  r = c.S.query("xyzzy");
  assert.deepEqual(c.fetched, ["meta", "t-xyz"]);
  assert.ok(!fs.existsSync(path.join(fixture, "idx", "t-xyz.txt")));
  assert.equal((await r).ids.length, 0, "no shard t-xyz: nothing found, no error");
  assert.deepEqual(c.fetched, ["meta", "t-xyz"], "and not asked for again");
});
