// Package search builds Labyrint's site search at compile time: a Danish
// full-text index, split into small files (shards) that the
// browser client assets/search/search.js loads on demand, so a search
// works on a static site, under any sub-path and from file://.
//
// # Use
//
//	syn, err := search.ParseSynonyms("content/synonymer.txt", data)
//	ix := search.NewIndex(syn)
//	ix.SetFacetLabel("unit", "Enheder") // optional, per facet
//	ix.SetWeights(w)                    // optional, before Add: field weights
//	ix.SetBestBets(bets)                // optional: editors' best bets
//	ix.Add(doc)                         // per page; safe for concurrent use
//	ix.Write(func(name string, data []byte) error {
//		return writeFile(path.Join(out, "search", name), data) // "idx/meta.txt", ...
//	})
//
// Copy assets/search/search.js into the same folder as idx/ (here
// out/search/search.js); the client finds idx/ beside its own URL
// (document.currentScript.src). The search page holds the form described
// in search.js's header; its data-search-root gives the relative path to
// the site root, data-search-index may point elsewhere for the index, and
// data-search-suffix="index.html" makes links work from a file share.
// Loaded first in the page's head with data-search-index (as the site's
// search page does, after <link rel="preload" href="idx/meta.txt"
// as="fetch" crossorigin>), it starts a query given in the address (?q=)
// at once, before the page is read.
// Search answers queries in Go with exactly the client's ranking (for
// tests and tools).
//
// # Analysis (Go at build time, JS at query time, same rules)
//
// Text is NFC-normalised and lowercased and split into words of letters,
// digits and marks (JS: a table below U+0250, /[\p{L}\p{N}\p{M}]/u above,
// checked against Go by client_test.mjs); words longer than 40
// runes and one-letter words without a digit are dropped. "aa" is folded
// to "å" in every word on both sides (paaroerende → påroerende,
// raadgivning → rådgivning): modern Danish writes å, so aa in a text or
// query is nearly always an å typed without the key, and folding both
// sides alike keeps a genuine aa (ekstraarbejde) matching itself. æ, ø and
// å are never folded to a, o or e. Danish stop words (stopwords_da.txt:
// the Snowball project's list and the function words of stopwords-iso's,
// such as kan, hvordan, ved) are neither indexed nor searched, so "jeg har
// tanker om selvmord" searches for tanker and selvmord. Weak words
// (weakwords_da.txt: everyday words a typed sentence is made of, such as
// tid, hele, komme, gøre, brug, ting) are indexed and searched, but in a
// query with other words they count a third and not for coordination (see
// Ranking): a site of a few dozen pages cannot tell "tid" from "angst" by
// its own statistics. Words are stemmed with Snowball Danish
// (github.com/blevesearch/snowballstem/danish); search.js carries a port
// of that stemmer, checked against Go's on thousands of words by
// client_test.mjs. A Snowball Danish stem is always a prefix of its word.
//
// Compound words are indexed under their parts as well: at build time a
// word of six letters or more is split into words that occur elsewhere in
// the site (as words or stems, three letters or more, not stop words),
// allowing a linking "s" or "e": misbrugsbehandling = misbrug + s +
// behandling. The longest known first part wins; both parts are split
// further. Failing that, a word that starts with a whole word of the site
// of five letters or more is split after it if the rest, which need not
// occur elsewhere, has a stem of five letters or more: socialmedicinsk =
// social + medicinsk. As a linking "s" cannot then be told from a part's
// own letter, that first word may not end in "s" nor the rest start with
// "s" or "e" (borgersamling is not borgers + amling). Parts count half as
// much as the whole word, so a page about "behandling" ranks above one that
// only mentions "misbrugsbehandling". Query words are split only when
// nothing else matches them (see Ranking).
//
// Synonym groups (the site's content/synonymer.txt) may hold phrases
// ("gøre rent", "ikke noget sted at bo"). A query that holds a phrase, its
// words in a row stemmed, stop words included, searches for the group's
// single words in place of the phrase's words; at each word the longest
// phrase starting there is taken.
//
// # Ranking
//
// BM25F (k1 = 1.2) over five fields with default weights title 12,
// summary 6, headings 3, facet names 2, body 1, and up to three extra
// fields (Doc.Fields, such as the everyday phrases of an offer) with the
// weights SetWeights gives them (the site's search.weights), and
// per-field length normalisation against the field's average over the
// pages that have it. At build time
// each (term, page) pair gets an integer impact 1..1000, the pair's BM25F
// score relative to the best a term can score. A term with synonyms is
// weighted as rare as the most common of them that is an index term (its
// document frequency is theirs if higher), so synonyms count as one word
// and a rare synonym (elevbolig) does not outrank the common word typed
// (botilbud) for its rarity alone. The client only adds and multiplies
// integers, so Go and JS rank identically by construction.
//
// A query word matches index terms in stages, with weights in tenths:
//   - its stem (10), the stems of its synonyms (8), and, for the last word
//     while it is still being typed (the query does not end in a space),
//     terms it is the start of or that have a word it is the start of (6;
//     "boli" → "bol", the stem of "bolig"; at most 50, those in most pages
//     first; the word must have two letters, and one of two letters is
//     expanded only if at most 8 shards have keys that start with it),
//     or 1 if the word as typed is a whole index term (its stem is a
//     term): it is then most likely finished ("sit liv" is not
//     "livssituation");
//   - a phrase of the synonyms: the group's single stems (8);
//   - only if that matches nothing: the ae→æ / oe→ø spellings (9), for
//     oekonomi → økonomi, paaroerende → pårørende;
//   - only if that matches nothing either, and the word has five letters or
//     more: terms one edit away (insert, delete, substitute or swap two
//     neighbours) from the word, one of its forms, or its stem (5), among
//     the terms of the shards whose keys start with the stem's first
//     letter (so the first letter must be right; the client requests
//     only those whose key a typo in the second or third letter can lead
//     to, which hold the same candidates);
//   - only if that matches nothing either: the stem of the word's longest
//     end that is an index term, of five letters or more after three or
//     more (5): a compound the site lacks is found by its last part,
//     which names what it is (panikangst: angst). The client requests the
//     shards of the ends' stems, longest first, up to the first found.
//
// For a page and a query word, let d be the best weight × impact over the
// word's own terms (all stages but synonyms) and y the best over its
// synonyms; the page's score for the word is 4 × max(d, y) + min(d, y), so
// a page that has both the word and a synonym of it (hjemløse and
// forsorgshjem) beats one with only either; times 3 unless the word is
// weak and the query has other words. A page's score is the sum over the
// words times the number of words it matches that are neither weak nor in
// over a quarter of the pages (a coordination factor, at least 1):
// pages covering more of the query rank higher, but a page need not match
// every word, so a sentence that no page holds whole still finds the pages
// about its main words. Pages are returned best first (ties: URL order);
// if none matches every word, the client says so.
//
// Best bets: editors name words or phrases and the pages to show first
// for them (BestBet; the site's content/bedste-svar.txt). When the query's
// words, stemmed, stop words included, hold a bet's phrase in a row, the
// bet's pages come before the ranked results, in the order of the bets.
// Pages not in the index (another target's) are left out of a bet.
//
// # Shards
//
// Write produces .txt files, each
// location.protocol==="file:"&&window.labyrintSearch.load(name,data);
// with the data as JSON. Bytes depend only on the pages, synonyms and
// labels (pages are ordered by URL, terms by string), never on the order
// of Add calls.
//
// # Who can read the index
//
// Only pages of the site's own origin, and the site opened from file://.
// A page opened from file:// can read another file only by running it as
// a script, so a shard is a script; but a script runs for any page that
// includes it, so the shard hands its data over only when the page's
// location is file: (a window's location cannot be forged, and no web page
// can open a file: page). Over http(s) the client fetches the shard (CORS
// keeps other origins out) and reads the JSON between the head and the
// last ")" without running it. The files end in .txt, not .js, for one
// more context: in a worker a page of another origin could define its own
// location and importScripts a .js shard (tried in Chromium: it read the
// data), but browsers run only JavaScript MIME types in workers, and
// servers send .txt as text/plain. In a window of another origin a shard
// included with <script> runs, finds an http(s) location and hands
// nothing over. TestShardsAreGuardedJSON checks the format, client_test.mjs
// both ways of loading, and e2e/origins.mjs all of it in Chromium with two
// origins.
//
// idx/meta.txt, loaded first: {"v":1, "n": pages, "t": shard keys joined by
// spaces, "d": the number of pages in each page shard but the last
// (numbers below), "s": stop words, "w": the weak words' stems, "y":
// synonym groups as stems joined by spaces (a phrase's stems joined by
// "+"), "b": the best bets, [[phrase stems joined by spaces, page
// numbers in order], ...] (left out if there are none), "f": [["section",
// label, [[value, page list], ...]]]}: the
// section of each page, shown with its result. It has no titles, URLs or
// other facets, so it stays small whatever the site's size.
//
// idx/f.txt: [[facet name, label, [[value, page list], ...]], ...], every
// facet with the section first, for the result filters. The client loads
// it only when the filters are opened: it grows with the site, and in
// meta.txt it was most of what a search page downloaded.
//
// idx/t-<key>.txt, term shards: {"term": "postings form form ...", ...}.
// A term is in the shard keyed by its first three letters (a term of two
// letters, or a one-digit term, in the shard keyed by itself), so the
// client names a word's shard from the word alone, without meta.txt's
// list of keys: a query in the address asks for it before meta.txt is in
// (one round trip fewer; a name no shard has gets a 404, which the client
// lets go); fixed keys make more, smaller shards than keys that adapt to
// the shards' sizes. Keys are spelled ASCII in file names: a-z and 0-9 as
// they are, other letters as _<hex>_ (t-_e6_ld.txt for "æld"). The postings are
// pairs (gap, impact-1), gap being the distance from the previous page
// minus one; the forms are the endings of the words indexed under the
// term (bol: "ig iger igen"), for prefix and typo matching. A shard whose
// terms include one in 1,000 pages or more starts with the member "":
// {"word": "page ids", ...}, for each word of such a term (the term with
// each of its forms, and the term itself if it is its own stem): the
// first five pages of a query of that word as the front page's form sends
// it (the last word, expanded as a prefix), ranked as Search ranks them
// without the best bets (hint.go; TestTermShardHints checks them against
// Search). Its member "" holds those pages as the page shards hold them,
// [[id, url, title, summary, text], ...], of the words of the terms in
// most pages first, up to 25 pages: a query of such a word needs no page
// shard for its first five. The client takes those pages as the shard
// comes in, and asks for the page shards of the other hinted pages at
// once, before it ranks, which for a word in thousands of pages takes
// longer than the page shards' round trip; it draws what its own ranking
// finds, and asks then for any page shard the hint missed.
//
// idx/d-<n>.txt, page shards: [[url, title, summary, text], ...] for
// consecutive pages, a new shard starting once one has 2,200 bytes, the
// summary and text (the body) each clipped to 300 runes: about five pages
// a shard (fewer, larger shards mean fewer files for the build to create).
// A query loads the page shards of its first ten results, so the text
// kept per page and the shard size go together: with more of either a
// query downloads more. The README's "Tuning" has the figures. The client cuts the
// snippet, 30 words around the most matched words, from summary and text
// and marks the matches; if the words are not in the stored text, the
// snippet is the start of the summary.
//
// Numbers in shards are base 32 without separators: the last digit of a
// number is one of A-Z a-f (0..31), the others one of g-z 0-9 - _.
//
// The search page loads search.js and, at once, meta.txt (preloaded from
// its head). A query in the address (/soeg/?q=…, where the front page's
// form leads) is started as soon as search.js runs, while the page is
// still being read: it waits for no timer and nothing of the page, asks for
// its words' term shards at once (named from the words, with search.js's
// copy of the stop words left out; its synonyms' once meta.txt is in) and
// for the page shards of results 1-5 as soon as those are in (of a word in
// 1,000 pages or more, none if its term shard holds them, else as soon as
// that shard is in, from its hint, while it ranks), and the five are drawn
// once the page is in. A one-word query loads one term shard (its synonyms' may add
// more) and requests the page shards of results 1-5. It draws those five as soon as their shards
// are in and says, once, how many were found; then, in a task of its own
// (so the five are shown first), it puts the query in the address, adds
// the closed filters and requests the page shards of results 6-10 not
// among the first, appending those results when theirs are in. "Vis flere
// resultater" shows the next ten the same way.
package search
