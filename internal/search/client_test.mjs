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
  const ctx = vm.createContext({});
  ctx.window = ctx;
  vm.runInContext(fs.readFileSync(client, "utf8"), ctx, { filename: "search.js" });
  const S = ctx.labyrintSearch;
  S.loaded = [];
  S.fetch = (name) => {
    S.loaded.push(name);
    const file = path.join(fixture, "idx", name + ".js");
    vm.runInContext(fs.readFileSync(file, "utf8"), ctx, { filename: name + ".js" });
  };
  return S;
}

test("stemmer matches Go's Snowball Danish", () => {
  const S = newClient();
  const stems = fs.readFileSync(path.join(fixture, "stems.txt"), "utf8").trim().split("\n").map((l) => l.split(" "));
  assert.ok(stems.length > 1000);
  const bad = stems.filter(([w, s]) => S.stem(w) !== s).map(([w, s]) => `${w}: go ${s}, js ${S.stem(w)}`);
  assert.deepEqual(bad.slice(0, 20), []);
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

test("a one-word query loads only the meta shard and one term shard", async () => {
  const S = newClient();
  await S.query("rådgivning");
  assert.deepEqual([...S.loaded], ["meta", "t-r"]);
});

test("snippet source and filters come from the shards", async () => {
  const S = newClient();
  const r = await S.query("pårørende");
  assert.ok(r.hits.length > 0);
  const [doc] = await S.docs([r.hits[0].d]);
  assert.equal(doc.length, 4);
  assert.match(doc[3], /pårørende/i);
});
