// Runs queries through assets/search/search.js over a built index, as a
// browser would load it, and prints the first results' URLs as JSON:
//   node run_client.mjs <idx folder> <queries.json> <n>
// prints [[url, ...], ...], one list per query. Used by TestJudgements.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const client = path.join(here, "..", "..", "..", "assets", "search", "search.js");
const [idx, queriesFile, n] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));

function newClient() {
  const ctx = vm.createContext({});
  ctx.window = ctx;
  vm.runInContext(fs.readFileSync(client, "utf8"), ctx, { filename: "search.js" });
  const S = ctx.labyrintSearch;
  // As over http: the shard's text is read, not run.
  S.fetch = (name) => S.take(name, fs.readFileSync(path.join(idx, name + ".txt"), "utf8"));
  return S;
}

const out = [];
for (const q of queries) {
  const S = newClient();
  const r = await S.query(q);
  const hits = r.hits.slice(0, +n);
  const docs = await S.docs(hits.map((h) => h.d));
  out.push(docs.map((d) => d[0]));
}
process.stdout.write(JSON.stringify(out));
