/* Labyrint search client. Loads the index written by internal/search as
 * shards from idx/ beside this file and ranks exactly as the Go
 * Search does (see internal/search/doc.go); keep the two in step
 * (TestJSClient checks). Enhances a page with
 *   <form role="search" data-search-form data-search-root="../"
 *         [data-search-index="../search/idx/"] [data-search-suffix="index.html"]>
 *     <input type="search" name="q" id="q"></form>
 *   <div data-search-filters></div> (optional)
 *   <p aria-live="polite" data-search-status></p>
 *   <ol data-search-results></ol>
 * Results: <li><a href>title</a> <span>section</span> <p>snippet</p></li>.
 * Loaded right after the result list as
 *   <script src=".../search.js" data-search-index="idx/"></script>
 * (data-search-index relative to the page, as the form's; not async, which
 * Chromium runs only once the page is parsed; the head preloads it and
 * idx/meta.txt), it starts at once: the page above it is drawn while it
 * loads, and a query in the address (?q=, where the front page's form
 * leads) is asked for and drawn as soon as its shards are in, not at
 * DOMContentLoaded. Loaded in the head, it starts the query and draws it
 * once the page is in (see "start" at the end). */
(function (w) {
  "use strict";
  var d = w.document,
    S = (w.labyrintSearch = w.labyrintSearch || {}),
    me = d && d.currentScript,
    got = {},
    pages = [],
    pend = {},
    ends = {},
    M,
    miss,
    WT = new Uint8Array(0x250),
    WRE,
    NRE,
    VOW = "aeiouy\u00e6\u00e5\u00f8",
    SEND = "abcdfghjklmnoprtvyz\u00e5",
    SUF = "hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer heds es endes erendes enes ernes eres ens hedens erens ers ets erets et eret s".split(" "),
    OTHER = ["ig", "lig", "elig", "els", "l\u00f8st"],
    DIG = new Int8Array(128),
    /* internal/search/stopwords_da.txt as meta.txt's "s" has it (client_test.mjs
       checks), for the shards asked for before meta.txt is in (guess) */
    STOP = "ad af aldrig alle alt anden at bare begge blev blevet blive bliver bror da datter de dem den denne der deres det dette dig din dine disse dit dog du efter ej eller en end enhver er et far fik for fordi fra få får før gerne ham han hans har havde have hej helt hende hendes her hos hun hvad hvem hver hvilke hvilken hvilket hvis hvor hvordan hvorfor hvornår i ikke ind ingen intet ja jeg jer jeres jo kan kone kun kunne kæreste lidt lige man mand mange med meget men mens mere mig min mine mit mod mor må ned nej nogen noget nogle nu når næsten og også okay om op os over på selv sig sin sine sit skal skulle som så sådan søn søster thi til ud under var ved ven veninde vi vil ville vor vores være været ægtefælle";
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) {
    DIG[c.charCodeAt(0)] = i;
  });
  /* Letters and numbers below U+0250 (2 = a number), so that Latin text
     needs no Unicode property regexp: V8 compiles those on first use, on
     every page load, which took longer than ranking. */
  (function (r) {
    for (var i = 0; i < r.length; i += 3) for (var c = r[i]; c <= r[i + 1]; c++) WT[c] = r[i + 2];
  })([48, 57, 2, 65, 90, 1, 97, 122, 1, 0xaa, 0xaa, 1, 0xb2, 0xb3, 2, 0xb5, 0xb5, 1, 0xb9, 0xb9, 2, 0xba, 0xba, 1, 0xbc, 0xbe, 2, 0xc0, 0xd6, 1, 0xd8, 0xf6, 1, 0xf8, 0x24f, 1]);
  /* Whether code point c is a letter, number or mark (as Go's unicode package says). */
  function isW(c) {
    return c < 0x250 ? WT[c] > 0 : (WRE || (WRE = /[\p{L}\p{N}\p{M}]/u)).test(String.fromCodePoint(c));
  }
  function isNum(c) {
    return c < 0x250 ? WT[c] == 2 : (NRE || (NRE = /\p{N}/u)).test(String.fromCodePoint(c));
  }
  S.base = me && me.src ? new URL("idx/", me.src).href : "idx/";
  if (me && me.dataset && me.dataset.searchIndex) S.base = new URL(me.dataset.searchIndex.replace(/\/?$/, "/"), d.baseURI).href;

  /* ---- loading shards: <script> from file://, else fetch and read (see write.go) ---- */
  S.load = function (n, data) {
    got[n] = data;
    /* a term shard's hinted pages (see hint) */
    if (n[0] == "t" && data && own(data, "") && own(data[""], "")) data[""][""].forEach(function (e) {
      pages[e[0]] = e.slice(1);
    });
    if (ends[n]) ends[n][0]();
  };
  S.fetch = function (n) {
    var u = S.base + n + ".txt", s, no = function () {
      delete pend[n];
      ends[n][1](Error(n));
    };
    if (w.location.protocol == "file:") {
      s = d.createElement("script");
      s.src = u;
      s.onerror = no;
      d.head.appendChild(s);
    } else w.fetch(u).then(function (r) {
      return r.ok ? r.text() : Promise.reject();
    }).then(function (t) {
      S.take(n, t);
    }).catch(no);
  };
  /* The JSON between the name's comma and the last ")" (internal/search.ShardHead). */
  S.take = function (n, t) {
    S.load(n, JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(")"))));
  };
  function get(n) {
    return got[n] ? Promise.resolve() : pend[n] || (pend[n] = new Promise(function (ok, no) {
      ends[n] = [ok, no];
      S.fetch(n);
    }));
  }
  function own(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }
  /* Decodes a list of numbers (internal/search/encode.go). */
  function nums(s) {
    var n = 0, i = 0, j = 0, v, r = [];
    for (; i < s.length; i++) {
      v = DIG[s.charCodeAt(i) & 127];
      if (v > 31) n = n * 32 + v - 32;
      else (r[j++] = n * 32 + v), (n = 0);
    }
    return r;
  }
  /* How many numbers s holds, without decoding them. */
  function count(s) {
    for (var n = 0, i = 0; i < s.length; i++) if (DIG[s.charCodeAt(i) & 127] < 32) n++;
    return n;
  }
  function meta() {
    return get("meta").then(function () {
      if (M) return M;
      var m = got.meta;
      M = { n: m.n, keys: m.t ? m.t.split(" ") : [], stop: new Set(m.s.split(" ")), weak: new Set((m.w || "").split(" ")), syn: new Map(), starts: null, sec: null, f: [] };
      M.ks = new Set(M.keys);
      /* M.phr: a phrase's stems joined by "+" -> the single stems of its groups */
      M.phr = new Map();
      M.plong = 0;
      m.y.forEach(function (g) {
        g = g.split(" ");
        var ph = g.filter(function (a) {
          return a.indexOf("+") >= 0;
        });
        g = g.filter(function (a) {
          return a.indexOf("+") < 0;
        });
        ph.forEach(function (p) {
          var l = M.phr.get(p) || [];
          g.forEach(function (b) {
            if (l.indexOf(b) < 0) l.push(b);
          });
          M.phr.set(p, l.sort());
          M.plong = Math.max(M.plong, p.split("+").length);
        });
        g.forEach(function (a) {
          var l = M.syn.get(a) || [];
          g.forEach(function (b) {
            if (b != a && l.indexOf(b) < 0) l.push(b);
          });
          M.syn.set(a, l);
        });
      });
      M.bets = (m.b || []).map(function (b) {
        return { s: b[0].split(" "), d: nums(b[1]) };
      });
      return M;
    });
  }
  /* The first page of each page shard (meta.txt's "d"), decoded once the
     first term shards are asked for, while they are on their way: a
     number a shard, 1,607 at 10,000 pages, and no term shard needs it. */
  function starts() {
    if (!M.starts) {
      var end = 0;
      M.starts = [0];
      nums(got.meta.d).forEach(function (x) {
        M.starts.push((end += x));
      });
    }
    return M.starts;
  }
  /* Each page's section (meta.txt's section facet), decoded once the
     first page shards are asked for, not before the term shards are: at
     10,000 pages it was most of meta()'s time, and only drawing needs it. */
  function sections() {
    if (!M.sec) {
      M.sec = [];
      got.meta.f.forEach(function (f) {
        if (f[0] == "section") f[2].forEach(function (v) {
          var r = nums(v[1]), i = 0, e = 0, k;
          for (; i < r.length; i += 2) for (k = 0, e += r[i]; k <= r[i + 1]; k++) M.sec[e++] = v[0];
        });
      });
    }
    return M.sec;
  }
  /* [{name, label, v: [{name, docs: Set}]}] from a shard's facet list. */
  function facetList(fs) {
    return fs.map(function (f) {
      return {
        name: f[0],
        label: f[1],
        v: f[2].map(function (v) {
          var set = new Set(), r = nums(v[1]), i = 0, e = 0, k;
          for (; i < r.length; i += 2) for (k = 0, e += r[i]; k <= r[i + 1]; k++) set.add(e++);
          return { name: v[0], docs: set };
        })
      };
    });
  }
  /* The filters' facets, from idx/f.txt: loaded only when the filters are opened. */
  function facets() {
    return meta().then(function () {
      return get("f");
    }).then(function () {
      return M.f.length ? M.f : (M.f = facetList(got.f));
    });
  }

  /* ---- analysis: the same rules as internal/search/analyze.go ---- */
  function runes(x) {
    for (var n = 0, i = 0, c; i < x.length; i++) if ((c = x.charCodeAt(i)) < 0xdc00 || c >= 0xe000) n++;
    return n;
  }
  /* The words of s, lowercased, each passed through fn(word, start, end) if given. */
  function words(s, fn) {
    var x, out = [], i = 0, j, c, n;
    s = s.normalize("NFC");
    n = s.length;
    while (i < n) {
      c = s.codePointAt(i);
      if (!isW(c)) {
        i += c > 0xffff ? 2 : 1;
        continue;
      }
      j = i;
      do i += c > 0xffff ? 2 : 1;
      while (i < n && isW((c = s.codePointAt(i))));
      x = s.slice(j, i).toLowerCase().replace(/aa/g, "\u00e5");
      /* in code points, as Go counts runes: 2 to 40, or one that is a number */
      c = x.length > 2 && x.length <= 40 ? x.length : runes(x);
      if (c <= 40 && (c > 1 || isNum(x.codePointAt(0)))) out.push(fn ? fn(x, j, i) : x);
    }
    return out;
  }
  function isV(c) {
    return c != "" && VOW.indexOf(c) >= 0;
  }
  /* Snowball Danish stemmer. */
  function stem(x) {
    var n = x.length, p = n, i = 0, s;
    function end(l) {
      var b = "";
      l.forEach(function (s) {
        if (s.length > b.length && x.length - s.length >= p && x.slice(-s.length) == s) b = s;
      });
      return b;
    }
    function pair() {
      if (x.length - 2 >= p && /(gd|dt|gt|kt)$/.test(x)) x = x.slice(0, -1);
    }
    if (n > 2) {
      while (i < n && !isV(x[i])) i++;
      while (i < n && isV(x[i])) i++;
      if (i < n) p = Math.max(i + 1, 3);
    }
    s = end(SUF);
    if (s == "s") {
      if (SEND.indexOf(x[x.length - 2]) >= 0) x = x.slice(0, -1);
    } else if (s) x = x.slice(0, -s.length);
    pair();
    if (x.slice(-4) == "igst") x = x.slice(0, -2);
    s = end(OTHER);
    if (s == OTHER[4]) x = x.slice(0, -1);
    else if (s) x = x.slice(0, -s.length), pair();
    s = x[x.length - 1];
    if (x.length - 1 >= p && !isV(s) && x[x.length - 2] == s) x = x.slice(0, -1);
    return x;
  }
  S.stem = stem;
  S.words = words;
  S.gap = gap;
  function lastW(q) {
    var i = q.length - 1, c = q.charCodeAt(i);
    if (i > 0 && c >= 0xdc00 && c < 0xe000) i--;
    return i >= 0 && isW(q.codePointAt(i));
  }
  /* Per word: the concept of the synonym phrase starting there, "+" inside one, or "". */
  function phrases(ws) {
    var out = ws.map(function () {
      return "";
    }), st, i, n, g, k;
    if (!M.phr.size) return out;
    st = ws.map(stem);
    for (i = 0; i < ws.length; i++) {
      for (n = Math.min(M.plong, ws.length - i); n >= 2; n--) {
        g = M.phr.get(st.slice(i, i + n).join("+"));
        if (!g) continue;
        out[i] = g.join(" ");
        for (k = i + 1; k < i + n; k++) out[k] = "+";
        i += n - 1;
        break;
      }
    }
    return out;
  }
  function parse(q) {
    var ws = words(q), last = lastW(q.normalize("NFC")), ph = phrases(ws), all = ws.every(function (x, i) {
      return !ph[i] && M.stop.has(x);
    }), seen = new Set(), out = [];
    ws.forEach(function (x, i) {
      var l = i == ws.length - 1;
      if (ph[i] == "+") return;
      if (ph[i]) {
        if (!seen.has("\0" + ph[i])) out.push({ c: ph[i] });
        seen.add("\0" + ph[i]);
        return;
      }
      if ((all ? !l : M.stop.has(x)) || seen.has(x)) return;
      seen.add(x);
      out.push({ w: x, p: l && last });
    });
    return out.slice(0, 8);
  }
  function variants(x) {
    var sp = [], out = [], i, m, r, at;
    for (i = 0; i + 1 < x.length && sp.length < 3; i++) if (/[ao]/.test(x[i]) && x[i + 1] == "e") sp.push(i++);
    for (m = 1; m < 1 << sp.length; m++) {
      r = "";
      at = 0;
      sp.forEach(function (i, k) {
        if (m & (1 << k)) r += x.slice(at, i) + (x[i] == "a" ? "\u00e6" : "\u00f8"), (at = i + 2);
      });
      out.push(r + x.slice(at));
    }
    return out;
  }
  function ed1(a, b) {
    var t, i = 0;
    if (a.length < b.length) t = a, a = b, b = t;
    if (a.length - b.length > 1) return false;
    while (i < b.length && a[i] == b[i]) i++;
    if (i == b.length) return true;
    if (a.length == b.length)
      return a.slice(i + 1) == b.slice(i + 1) || (i + 1 < a.length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.slice(i + 2) == b.slice(i + 2));
    return a.slice(i + 1) == b.slice(i);
  }

  /* ---- the index ---- */
  function shardOf(t) {
    for (var n = Math.min(3, t.length); n > 0; n--) if (M.ks.has(t.slice(0, n))) return t.slice(0, n);
  }
  /* The keys of the shards that hold every term starting with x: x's
     shard if x has three letters or more, else those whose keys start with
     x, or none if they are more than 8 (build.go's prefixShardTerms). */
  function prefixKeys(x) {
    var k, ks;
    if (x.length >= 3) return (k = shardOf(x)) == null ? [] : [k];
    ks = M.keys.filter(function (k) {
      return k.indexOf(x) == 0;
    });
    return ks.length > 8 ? [] : ks;
  }
  /* The keys whose shards can hold a term one edit (insert, delete,
     substitute or swap two neighbours) from one of xs that keeps its first
     letter. A key is its terms' first three letters, so an edit after them
     leaves the key as it was, and one in the second or third letter makes
     the key one of a few patterns (null: any letter; a swap of two letters
     fits the pattern of a letter put in or replaced). A subset of the
     shards of the first letter, which typoShardTerms takes in build.go,
     that holds every term the edit test there accepts: the same result
     from a few requests, not one per shard of the letter (54 for "s" on
     this site). */
  function typoKeys(xs) {
    var pats = [];
    xs.forEach(function (x) {
      var a = Array.from(x), i;
      pats.push(a.slice(0, 3));
      for (i = 1; i < 3 && i <= a.length; i++) {
        pats.push(a.slice(0, i).concat([null], a.slice(i + 1, 3)));
        pats.push(a.slice(0, i).concat(a.slice(i + 1, 4)));
        pats.push(a.slice(0, i).concat([null], a.slice(i, 2)));
      }
    });
    return M.keys.filter(function (k) {
      var r = Array.from(k);
      return pats.some(function (p) {
        return p.length >= r.length && r.every(function (c, j) {
          return p[j] === null || p[j] == c;
        });
      });
    });
  }
  /* The file name of the term shard of key k (write.go's shardFileKey). */
  function shardName(k) {
    return "t-" + k.replace(/[^a-z0-9]/gu, function (c) {
      return "_" + c.codePointAt(0).toString(16) + "_";
    });
  }
  /* Returns the loaded shard of key k, or records it as missing. */
  function shard(k) {
    var n = shardName(k);
    if (!got[n]) miss[n] = 1;
    return got[n];
  }
  /* Term record: t term, f forms, n documents, p postings (decoded once). */
  function rec(sh, t) {
    var v = sh[t];
    if (typeof v == "string") {
      v = v.split(" ");
      sh[t] = v = { t: t, f: v.slice(1), s: v[0] };
    }
    return v;
  }
  /* How many pages a term record's postings hold. */
  function size(r) {
    return r.n == null ? (r.n = count(r.s) / 2) : r.n;
  }
  /* Terms of one query word with weights (Map), or null while shards miss. */
  function cands(q) {
    var c = new Map(), unk = 0, s;
    function add(t, wt) {
      var k = shardOf(t), sh = k && shard(k);
      if (k && !sh) unk = 1;
      else if (sh && own(sh, t) && !(c.get(t) >= wt)) c.set(t, wt);
    }
    /* Calls fn with the record of each term in shard k that keep (if given) lets through. */
    function each(k, fn, keep) {
      var sh = shard(k), t;
      if (!sh) unk = 1;
      else for (t in sh) if (t && own(sh, t) && (!keep || keep(t))) fn(rec(sh, t));
    }
    function pre(x) {
      var out = [], ks = prefixKeys(x);
      if (x.length < 2) return out;
      ks.forEach(function (k) {
        each(k, function (r) {
          var t = r.t;
          if (t.indexOf(x) == 0 || r.f.some(function (f) {
            return f.indexOf(x.slice(t.length)) == 0;
          })) out.push(r);
        }, function (t) {
          return t.indexOf(x) == 0 || x.indexOf(t) == 0;
        });
      });
      out.sort(function (a, b) {
        return size(b) - size(a) || (a.t < b.t ? -1 : 1);
      });
      return out.slice(0, 50);
    }
    function tr(x, wt) {
      var s = stem(x);
      add(s, wt);
      (M.syn.get(s) || []).forEach(function (y) {
        add(y, 8);
      });
      /* a prefix counts less when the word is a whole term (most likely finished) */
      var pw = c.has(s) ? 1 : 6;
      if (q.p) pre(x).forEach(function (r) {
        if (!(c.get(r.t) >= pw)) c.set(r.t, pw);
      });
    }
    if (q.c) {
      q.c.split(" ").forEach(function (y) {
        add(y, 8);
      });
      return unk ? null : c;
    }
    tr(q.w, 10);
    if (!unk && !c.size) variants(q.w).forEach(function (v) {
      tr(v, 9);
    });
    if (!unk && !c.size && q.w.length >= 5) {
      /* among the shards whose keys start with the stem's first letter
         (build.go's typoShardTerms), those that can hold such a term */
      s = stem(q.w);
      typoKeys([s, q.w]).forEach(function (k) {
        each(k, function (r) {
          var t = r.t;
          if (ed1(s, t) || ed1(q.w, t) || r.f.some(function (f) {
            return ed1(q.w, t + f);
          })) c.set(t, 5);
        });
      });
    }
    /* a compound the site lacks: its longest end that is a term (5 letters
       or more, after 3 or more), by its last part (panikangst: angst) */
    if (!unk && !c.size) {
      var rs = Array.from(q.w), i, ts, tk, tsh, found = "";
      for (i = 3; i <= rs.length - 5; i++) {
        ts = stem(rs.slice(i).join(""));
        tk = shardOf(ts);
        if (tk == null) continue;
        if (!(tsh = shard(tk))) unk = 1;
        else if (own(tsh, ts)) {
          found = ts;
          break;
        }
      }
      if (!unk && found) c.set(found, 5);
    }
    return unk ? null : c;
  }
  /* ids by sum, greatest first, ties in page order. A sum is an integer
     below 2^24 (8 words of at most 5 x 10 x 1000 x 3, times 8), so each
     page sorts as one number, (2^24 - sum) x 2^k + id, in a typed array,
     by the engine's own numeric sort: a comparator function is run cold,
     as a visit from the front page runs it (README, "Tuning"). */
  function order(ids, sum) {
    var n = ids.length, k = 1, i, keys = new Float64Array(n);
    while (k <= M.n) k *= 2;
    for (i = 0; i < n; i++) {
      if (!(sum[ids[i]] < 16777216)) return ids.sort(function (a, b) {
        return sum[b] - sum[a] || a - b;
      });
      keys[i] = (16777216 - sum[ids[i]]) * k + ids[i];
    }
    keys.sort();
    for (i = 0; i < n; i++) ids[i] = keys[i] % k;
    return ids;
  }
  /* Ranks the query words: {need} shard names, or {ids, sum, cnt, full, terms}. */
  function rank(qs) {
    miss = {};
    /* Per document, in arrays as long as the site has pages: a query word's
       best own and best synonym score, then the running sum and count. */
    var cs = qs.map(cands), n = M.n, sum = new Float64Array(n), cnt = new Uint16Array(n), rare = new Uint16Array(n), touched = [], terms = [], need = qs.length, full = false, own, syn, seen, k, d, x, y, sh, ids;
    if (Object.keys(miss).length) return { need: Object.keys(miss) };
    /* weak words (everyday words such as tid, komme) count a third, and not
       for coordination, unless the query has nothing else */
    var weak = qs.map(function (q) {
      return !q.c && M.weak.has(stem(q.w));
    });
    if (weak.every(Boolean)) weak = weak.map(function () {
      return false;
    });
    /* a page that has every word but the weak ones matches the whole query */
    var strong = new Uint16Array(n);
    need = weak.filter(function (w) {
      return !w;
    }).length;
    for (k = 0; k < cs.length; k++) {
      /* doc -> best own and best synonym score; 4 x the greater + the lesser */
      own = new Float64Array(n);
      syn = new Float64Array(n);
      seen = [];
      cs[k].forEach(function (wt, t) {
        /* The postings, decoded as they are scored: pairs (gap, impact-1). */
        var p = rec(shard(shardOf(t)), t).s, i = 0, e = wt == 8 ? syn : own, d = -1, v, x = 0, odd = 0;
        terms.push(t);
        for (; i < p.length; i++) {
          v = DIG[p.charCodeAt(i) & 127];
          if (v > 31) {
            x = x * 32 + v - 32;
            continue;
          }
          x = x * 32 + v;
          if ((odd = !odd)) d += x + 1;
          else {
            v = wt * (x + 1);
            if (!own[d] && !syn[d]) seen.push(d);
            if (v > e[d]) e[d] = v;
          }
          x = 0;
        }
      });
      /* a word in over 1/4 of the pages does not count for coordination */
      y = seen.length * 4 <= n && !weak[k];
      sh = weak[k] ? 1 : 3;
      for (x = 0; x < seen.length; x++) {
        d = seen[x];
        if (!cnt[d]) touched.push(d);
        sum[d] += (own[d] + syn[d] + 3 * (own[d] > syn[d] ? own[d] : syn[d])) * sh;
        if (y) rare[d]++;
        cnt[d]++;
        if (!weak[k] && ++strong[d] == need) full = true;
      }
    }
    /* coordination: the sum times the rare words matched, at least 1 */
    ids = touched;
    for (x = 0; x < ids.length; x++) sum[ids[x]] *= rare[ids[x]] || 1;
    ids = order(ids, sum);
    return { ids: ids, sum: sum, cnt: cnt, full: full || !ids.length, terms: terms };
  }
  /* Best bets whose phrase q holds (stems in a row) put their pages first
     (a page without the words with sum and count 0, as sum and cnt hold). */
  function bets(q, ids) {
    var qs = words(q).map(stem), first = [];
    M.bets.forEach(function (b) {
      for (var i = 0, k; i + b.s.length <= qs.length; i++) {
        for (k = 0; k < b.s.length && qs[i + k] == b.s[k]; k++);
        if (k == b.s.length) return b.d.forEach(function (d) {
          if (first.indexOf(d) < 0) first.push(d);
        });
      }
    });
    return first.length ? first.concat(ids.filter(function (d) {
      return first.indexOf(d) < 0;
    })) : ids;
  }
  /* query(q) resolves to {ids, sum, cnt, full, terms}: the pages in rank
     order, each page's sum and count of query words (by page), the
     ranking of Go's Search; and hits, [{d, s, c}] in rank order, made
     when asked for (the page draws from ids: 5,000 objects made at once
     were a visit's largest garbage). */
  /* Before meta.txt is in: asks for the term shards of q's words (not stop
     words), named from the words alone, as a shard's key is its terms'
     first three letters; so a query in the address does not wait for
     meta.txt to ask for them. A word whose start no term has gets a 404,
     which is let go: with meta.txt, rank() asks only for shards it lists. */
  function guess(q) {
    var stop = new Set(STOP.split(" "));
    words(q).forEach(function (x) {
      var n = shardName(Array.from(stem(x)).slice(0, 3).join(""));
      if (!stop.has(x) && !got[n] && !pend[n]) get(n).catch(function () {});
    });
  }
  /* A query of one word whose term is in many pages, as the front page's
     form sends it (no space after it): its term shard names its first
     results (the "" member: word -> page ids, internal/search/hint.go)
     and holds the pages of the commonest such words (""."", added to
     pages as the shard is taken). The page shards of the others are asked
     for before the ranking, which takes longest for such a word, so that
     they are on their way while it runs. Only a hint: the results drawn are
     the ranking's, and a page shard it missed is asked for then. True once
     the shard is in. */
  function hint(qs) {
    var x = qs.length == 1 && qs[0].p && qs[0].w, k = x && shardOf(stem(x)), sh = k && got[shardName(k)], h = sh && own(sh, "") && own(sh[""], x) && sh[""][x];
    if (h) S.docs(nums(h)).catch(function () {});
    return !!sh;
  }
  S.query = function (q) {
    var m = meta();
    if (!got.meta) guess(q);
    return m.then(function () {
      var qs = parse(q), hinted;
      return (function loop() {
        hinted = hinted || hint(qs);
        var r = rank(qs);
        if (r.need) {
          var p = Promise.all(r.need.map(get));
          starts(); /* while those are on their way */
          return p.then(loop);
        }
        if (qs.length) r.ids = bets(q, r.ids);
        Object.defineProperty(r, "hits", {
          get: function () {
            return r.ids.map(function (d) {
              return { d: d, s: r.sum[d], c: r.cnt[d] };
            });
          }
        });
        return r;
      })();
    });
  };
  /* docs(ids) resolves to [[url, title, summary, text], ...]. */
  S.docs = function (ids) {
    /* The page shard of page id: the last that starts at or before it. */
    function at(id) {
      var st = starts(), lo = 0, hi = st.length - 1, m;
      while (lo < hi) {
        m = (lo + hi + 1) >> 1;
        if (st[m] <= id) lo = m;
        else hi = m - 1;
      }
      return lo;
    }
    /* With the meta shard in, the page shards are requested before this
       returns; none for a page a term shard held (pages). */
    function load() {
      return Promise.all(ids.map(function (id) {
        return pages[id] || get("d-" + at(id));
      })).then(function () {
        return ids.map(function (id) {
          var i = at(id);
          return pages[id] || got["d-" + i][id - starts()[i]];
        });
      });
    }
    return M ? load() : meta().then(load);
  };

  /* ---- the search page ---- */
  function el(tag, text, parent) {
    var e = d.createElement(tag);
    if (text) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  var stems = new Map();
  function stemmed(x) {
    var s = stems.get(x);
    if (s == null) stems.set(x, (s = stem(x)));
    return s;
  }
  /* The text between two words as a snippet shows it: a line break (the
     summary's end, or one of the page's paragraphs or list items ending)
     becomes a space, after a full stop if nothing there ends the first
     ("…problemer. Voksne med…", not "…problemer Voksne med…"). */
  function gap(g) {
    var i = g.indexOf("\n"), head;
    if (i < 0) return g;
    head = g.slice(0, i).replace(/\s+$/u, "");
    return (/[.!?:;,\u2026]$/u.test(head) ? head : head + ".") + " " + g.slice(i + 1).replace(/\s+/gu, " ").replace(/^ /u, "");
  }
  /* Fills p with an excerpt of text around the most matched words. */
  function snippet(p, text, terms) {
    var ws = [], i, j = 0, n = 0, best = -1, at = 0, a;
    words(text, function (x, from, to) {
      var hit = terms.indexOf(stemmed(x)) >= 0 || terms.some(function (t) {
        return t.length > 3 && x.indexOf(t) >= 0;
      });
      ws.push([from, to, hit]);
    });
    if (!ws.length) return (p.textContent = text.slice(0, 200));
    /* The 30 words with the most matches, from a little before the first. */
    for (i = 0; i < ws.length; i++) {
      n += ws[i][2];
      if (i - j >= 30) n -= ws[j++][2];
      if (n > best) best = n, (at = j);
    }
    for (i = at; i < ws.length && !ws[i][2]; i++);
    if (i < ws.length) at = Math.max(0, i - 8);
    a = ws[at][0];
    /* Plain text goes in as few text nodes as the marks allow. */
    var out = at ? "\u2026 " : "";
    ws.slice(at, at + 30).forEach(function (x) {
      out += gap(text.slice(a, x[0]));
      if (x[2]) p.append(out), el("mark", text.slice(x[0], x[1]), p), (out = "");
      else out += text.slice(x[0], x[1]);
      a = x[1];
    });
    p.append(out + (at + 30 < ws.length ? " \u2026" : ""));
  }
  /* The query in the address, started by start() before the page was in:
     {q, p: S.query(q)}; taken by the first run() for the same query. */
  var early = null;
  function start() {
    var q = me && me.dataset && me.dataset.searchIndex && new URLSearchParams(w.location.search).get("q");
    if (!q) return;
    early = { q: q, p: S.query(q) };
    /* The page shards of the first five results, as draw(0) will ask for them. */
    early.p.then(function (r) {
      var p = S.docs(r.ids.slice(0, 5));
      sections(); /* while those are on their way */
      return p;
    }).catch(function () {});
  }
  function init() {
    var form = d.querySelector("form[data-search-form]"), input = form && form.querySelector("[name=q]"), list = d.querySelector("[data-search-results]");
    if (!input || !list) return;
    var ds = form.dataset, status = d.querySelector("[data-search-status]"), filters = d.querySelector("[data-search-filters]"), root = ds.searchRoot == null ? "/" : ds.searchRoot, suffix = ds.searchSuffix || "", more = el("button", "Vis flere resultater"), timer, seq = 0, res, q = "", shown, sel = [], drawn;
    if (ds.searchIndex) S.base = new URL(ds.searchIndex.replace(/\/?$/, "/"), d.baseURI).href;
    /* The search page fetches meta.js at once, so the first query waits only for its term shard. */
    meta().catch(function () {});
    more.type = "button";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);
    function say(t) {
      if (status) status.textContent = t;
    }
    function pass(d) {
      return M.f.every(function (f, i) {
        return !sel[i] || !sel[i].length || sel[i].some(function (v) {
          return f.v[v].docs.has(d);
        });
      });
    }
    /* Draws results from..shown-1 in rank order. The page shards of the
       first five are requested first and those five drawn as soon as they
       are in; then the rest are requested, and appended when theirs are
       in (so they do not hold up the first five on a slow line). A new
       list (from 0) replaces the old one with its first five, says once
       how many were found, and puts the query in the address. */
    function draw(from) {
      var hs = sel.some(function (v) {
        return v && v.length;
      }) ? res.ids.filter(pass) : res.ids, my = ++seq, n = hs.length, msg = n ? (res.full ? "" : "Ingen sider passer til alle ordene i \u00bb" + q + "\u00ab. ") + (res.full ? "Fandt " : "Viser ") + n + (n > 1 ? " sider" : " side") + (res.full ? "" : ", der passer til nogle af dem") : "Ingen sider passer til \u00bb" + q + "\u00ab" + (res.ids.length ? " med de valgte filtre" : ""), top = put(from, from + 5);
      sections(); /* while their page shards are on their way */
      function put(a, b) {
        var page = hs.slice(a, b);
        return S.docs(page).then(function (docs) {
          return function () {
            /* Each result is made whole, then added to the list. */
            docs.map(function (e, i) {
              var li = el("li"), x = el("a", e[1], li);
              x.href = root + e[0].replace(/^\//, "") + (/\/$/.test(e[0]) ? suffix : "");
              li.append(" ");
              el("span", sections()[page[i]] || "", li);
              li.append(" ");
              snippet(el("p", "", li), e[2] + "\n" + e[3], res.terms);
              return li;
            }).forEach(function (li) {
              list.appendChild(li);
            });
          };
        });
      }
      if (!from) more.hidden = true;
      top.then(function (f) {
        if (my != seq) return;
        if (!from) say(msg), (list.textContent = "");
        f();
        /* The rest in a task of its own, so that these are shown first. */
        return new Promise(function (ok) {
          setTimeout(ok);
        }).then(function () {
          if (my != seq) return;
          if (!from) remember();
          drawFilters();
          return put(from + 5, shown).then(function (g) {
            if (my == seq) g(), (more.hidden = n <= shown);
          });
        });
      }).catch(function () {
        if (my == seq) say("S\u00f8gningen kunne ikke indl\u00e6ses.");
      });
    }
    function drawFilters() {
      if (drawn || !filters) return;
      drawn = 1;
      /* Closed by default: a keyboard user passes the filters with one Tab. */
      var all = el("details", "", filters), fill = function () {
        all.removeEventListener("toggle", fill);
        facets().then(function (fs) {
          fs.forEach(add);
        }, function () {
          el("p", "Filtrene kunne ikke indl\u00e6ses.", all);
        });
      };
      el("summary", "Afgr\u00e6ns resultaterne", all);
      all.addEventListener("toggle", fill);
      function add(f, i) {
        var box, s;
        function upd() {
          sel[i] = Array.from(box.querySelectorAll(":checked")).map(function (o) {
            return +o.value;
          }).filter(function (v) {
            return v >= 0;
          });
          if (res) shown = 10, draw(0);
        }
        if (f.v.length > 8) {
          box = el("label", f.label + " ", all);
          s = el("select", "", box);
          el("option", "Alle", s).value = -1;
          f.v.forEach(function (v, j) {
            el("option", v.name, s).value = j;
          });
          s.onchange = upd;
        } else {
          box = el("fieldset", "", all);
          el("legend", f.label, box);
          f.v.forEach(function (v, j) {
            var l = el("label", "", box), c = el("input", "", l);
            c.type = "checkbox";
            c.value = j;
            c.onchange = upd;
            l.append(" " + v.name + " ");
          });
        }
      }
    }
    /* Puts the query in the address (for the back button and a reload);
       after the results, as the browser may fetch the icon again. */
    function remember() {
      try {
        history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
      } catch (e) {}
    }
    function run() {
      var my = ++seq;
      q = input.value.trim();
      if (!q) {
        remember();
        res = null;
        more.hidden = true;
        return say(""), (list.textContent = "");
      }
      var failed = false;
      setTimeout(function () {
        if (my == seq && !res && !failed) say("S\u00f8ger \u2026");
      }, 400);
      res = null;
      var p = early && early.q == input.value ? early.p : S.query(input.value);
      early = null;
      p.then(function (r) {
        if (my != seq) return;
        res = r;
        shown = 10;
        draw(0); /* and the filters once the first results are in */
      }, function () {
        failed = true;
        if (my == seq) say("S\u00f8gningen kunne ikke indl\u00e6ses.");
      });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    input.addEventListener("focus", function () {
      meta().then(drawFilters, function () {});
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.onclick = function () {
      if (res) shown += 10, draw(list.children.length);
    };
    input.value = new URLSearchParams(location.search).get("q") || input.value;
    if (input.value) run();
  }
  /* Placed right after the result list (the search layout), it starts at
     once: the query in the address is asked for and drawn as soon as its
     shards are in, not at DOMContentLoaded. Run from the head while the
     page is still being read, the query is started at once and drawn once
     the page is in. */
  if (d && d.readyState == "loading" && !d.querySelector("[data-search-results]")) start(), d.addEventListener("DOMContentLoaded", init);
  else if (d) init();
})(window);
