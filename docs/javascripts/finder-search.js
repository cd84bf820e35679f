/* The ML Roadmap, the finder's ranking (no DOM; finder.js draws the page).
 *
 * build(data) reads the catalogue the finder page embeds (roadmap/pages/
 * catalogue.py) into an index once; parse(index, question) finds the words
 * that are filters (the word list's phrases, longest first, after fixing a
 * typo of one edit against the known words); search(index, parsed, chosen)
 * ranks what passes the filters with BM25F over the title, topic titles,
 * provider, "why", phase titles and topic summaries.
 * tokens() follows roadmap/pages/finder_words.py's tokens() exactly.
 */
(function () {
  "use strict";
  if (window.rmFinderSearch) return;

  // Field: [name, weight]. A word in a title counts three times one in a "why".
  var FIELDS = [["title", 3], ["topic", 2], ["provider", 1], ["why", 1], ["phase", 0.6], ["about", 0.4]];
  var K1 = 1.2, B = 0.75, BOOST = 0.4;
  var KINDS = ["type", "level", "cost", "provider", "phase", "topic", "track", "sort"];
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;

  function stem(w) {
    if (w.length > 4 && /(sses|xes|ches|shes)$/.test(w)) return w.slice(0, -2);
    if (w.length > 4 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }

  function plainWords(text) {
    var plain = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x00-\x7f]/g, " ").toLowerCase();
    return plain.match(/[a-z0-9]+/g) || [];
  }

  /* The words of a question with where each stands in it: [{s: stem, a, b}]. */
  function scan(text) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      plainWords(m[0]).forEach(function (w) { out.push({ s: stem(w), a: m.index, b: m.index + m[0].length }); });
    }
    return out;
  }

  function tokens(text) {
    return plainWords(String(text || "")).map(stem);
  }

  /* A text as a bag of words ({words: Map word -> count, size}). Shared
     texts (a topic's summary) are counted once for all its items. */
  function bag(text) {
    var words = new Map(), all = tokens(text);
    all.forEach(function (w) { words.set(w, (words.get(w) || 0) + 1); });
    return { words: words, size: all.length };
  }

  function build(data) {
    var it = data.items, n = it.id.length;
    var col = function (name, d, fallback) { return it[name] ? it[name][d] : fallback; };
    var topicBags = data.topics.map(function (t) { return { title: bag(t[1]), about: bag(t[4]) }; });
    var phaseBags = data.phases.map(function (p) { return { title: bag(p[1]), about: bag(p[3]) }; });
    var providerBags = data.providers.map(function (p) { return bag(p[0]); });
    var docs = [], totals = [0, 0, 0, 0, 0, 0], items = [];
    for (var d = 0; d < n; d++) {
      var item = {
        d: d, id: it.id[d], type: it.type[d], course: !!col("course", d, 0), title: it.title[d], url: col("url", d, ""),
        provider: data.providers[it.provider[d]][0], group: data.groups[data.providers[it.provider[d]][1]],
        level: it.level[d], cost: it.cost[d], duration: col("duration", d, ""), hours: col("hours", d, null),
        topics: col("topics", d, []), phases: col("phases", d, []), tracks: col("tracks", d, []),
        why: it.why[d], gap: col("gap", d, ""), when: col("when", d, ""), tools: col("tools", d, []),
        prerequisites: col("prerequisites", d, []), place: col("place", d, "")
      };
      item.topicIds = item.topics.map(function (x) { return data.topics[x][0]; });
      item.phaseIds = item.phases.map(function (x) { return data.phases[x][0]; });
      item.trackIds = item.tracks.map(function (x) { return data.tracks[x][0]; });
      items.push(item);
      // The bags of words of each field (in FIELDS' order).
      var fields = [[bag(item.title)], [], [providerBags[it.provider[d]]], [bag([item.why, item.gap, item.when].join(" "))], [], []];
      item.topics.forEach(function (x) { fields[1].push(topicBags[x].title); fields[5].push(topicBags[x].about); });
      item.phases.forEach(function (x) { fields[4].push(phaseBags[x].title); fields[5].push(phaseBags[x].about); });
      fields.forEach(function (bags, f) { totals[f] += bags.reduce(function (s, b) { return s + b.size; }, 0); });
      docs.push(fields);
    }
    // BM25F: a word's count in each field, weighted, over the field's length
    // against the average, summed into one posting per item and word.
    var avg = totals.map(function (t) { return Math.max(1, t / Math.max(1, n)); });
    var post = new Map();  // word -> {d: [item], w: [weighted count], mask: [fields]}
    docs.forEach(function (fields, d) {
      fields.forEach(function (bags, f) {
        var size = bags.reduce(function (s, b) { return s + b.size; }, 0);
        var scale = FIELDS[f][1] / (1 - B + B * size / avg[f]), bit = 1 << f;
        bags.forEach(function (b) {
          b.words.forEach(function (c, word) {
            var p = post.get(word);
            if (!p) post.set(word, (p = { d: [], w: [], mask: [] }));
            var k = p.d.length - 1;
            if (k < 0 || p.d[k] !== d) { p.d.push(d); p.w.push(0); p.mask.push(0); k += 1; }
            p.w[k] += scale * c;
            p.mask[k] |= bit;
          });
        });
      });
    });
    var words = data.words, phrases = new Map(), longest = 1;
    words.phrases.forEach(function (p) {
      phrases.set(p[0], { kind: p[1], value: p[2] });
      longest = Math.max(longest, p[0].split(" ").length);
    });
    var vocab = new Map();  // word -> how common (to choose between typo fixes)
    post.forEach(function (p, w) { vocab.set(w, p.d.length); });
    words.phrases.forEach(function (p) { p[0].split(" ").forEach(function (w) { vocab.set(w, (vocab.get(w) || 0) + n); }); });
    words.stop.concat(Object.keys(words.expand)).forEach(function (w) { if (!vocab.has(w)) vocab.set(w, 1); });
    return {
      data: data, items: items, post: post, phrases: phrases, longest: longest, vocab: vocab, vocabList: Array.from(vocab.keys()),
      stop: new Set(words.stop), expand: words.expand, hours: words.hours || {}, fields: FIELDS.map(function (f) { return f[0]; }),
      topicSets: (words.topicGroups || []).reduce(function (map, g) { map[g[0]] = g[2]; return map; }, {})
    };
  }

  /* True when b is a and one letter added, dropped, changed or two swapped. */
  function oneEdit(a, b) {
    if (a === b) return false;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function nearest(ix, word) {
    var best = null, most = -1;
    ix.vocabList.forEach(function (v) {
      if (Math.abs(v.length - word.length) <= 1 && v.length >= 3 && oneEdit(word, v)) {
        var c = ix.vocab.get(v);
        if (c > most || (c === most && v < best)) { best = v; most = c; }
      }
    });
    return best;
  }

  /* What a question asks: {facets: [{kind, value, a, b}], terms: [{s, w, free}],
     fixes: [[typed, read as]], compare}. */
  function parse(ix, question) {
    var toks = scan(question || ""), fixes = [];
    toks.forEach(function (t) {
      if (t.s.length >= 4 && !/^\d+$/.test(t.s) && !ix.vocab.has(t.s)) {
        var fix = nearest(ix, t.s);
        if (fix) { fixes.push([question.slice(t.a, t.b), fix]); t.s = fix; }
      }
    });
    var facets = [], used = {}, rest = [], compare = false, i = 0;
    while (i < toks.length) {
      var hit = null;
      for (var len = Math.min(ix.longest, toks.length - i); len >= 1 && !hit; len--) {
        var key = toks.slice(i, i + len).map(function (t) { return t.s; }).join(" ");
        var p = ix.phrases.get(key);
        if (p && (p.kind === "compare" || !used[p.kind])) hit = { p: p, len: len, key: key };
      }
      if (!hit) { rest.push(toks[i]); i += 1; continue; }
      if (hit.p.kind === "compare") compare = true;
      else {
        used[hit.p.kind] = true;
        facets.push({ kind: hit.p.kind, value: hit.p.value, a: toks[i].a, b: toks[i + hit.len - 1].b, words: hit.key.split(" ") });
      }
      i += hit.len;
    }
    // Words no item contains are set aside (and named), not allowed to empty the answer.
    var terms = new Map(), unknown = [];
    function add(s, w, free) {
      var t = terms.get(s);
      if (ix.post.has(s) && !ix.stop.has(s) && (!t || t.w < w)) terms.set(s, { s: s, w: w, free: free !== false });
    }
    // Words that became a phase, topic, provider, track or level still rank what passes (weakly).
    facets.forEach(function (f) {
      if (!/^(phase|topic|provider|track|level)$/.test(f.kind)) return;
      f.words.forEach(function (w) {
        add(w, BOOST, false);
        (ix.expand[w] || []).forEach(function (x) { add(x, BOOST / 2, false); });
      });
    });
    rest.forEach(function (t) {
      if (ix.stop.has(t.s)) return;
      if (!ix.post.has(t.s) && !(ix.expand[t.s] || []).some(function (x) { return ix.post.has(x); })) {
        unknown.push(question.slice(t.a, t.b));
      }
      add(t.s, 1);
      (ix.expand[t.s] || []).forEach(function (x) { add(x, 0.5); });
    });
    return { question: question || "", facets: facets, terms: Array.from(terms.values()), unknown: unknown, fixes: fixes, compare: compare };
  }

  function passes(ix, item, filters) {
    return KINDS.every(function (kind) {
      var v = filters[kind];
      if (!v || kind === "sort") return true;
      if (kind === "provider") return item.group === v;
      if (kind === "phase") return item.phaseIds.indexOf(v) >= 0;
      if (kind === "track") return item.trackIds.indexOf(v) >= 0;
      if (kind === "topic") return (ix.topicSets[v] || [v]).some(function (t) { return item.topicIds.indexOf(t) >= 0; });
      return item[kind] === v;
    });
  }

  function idf(ix, df) {
    var n = ix.items.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /* What passes the filters and contains a word of the question (any, when
     it has none of its own), best first. */
  function rank(ix, terms, filters) {
    var score = new Map(), found = new Set(), free = terms.some(function (t) { return t.free; });
    terms.forEach(function (t) {
      var p = ix.post.get(t.s);
      var weight = t.w * idf(ix, p.d.length);
      for (var k = 0; k < p.d.length; k++) {
        var tf = p.w[k];
        score.set(p.d[k], (score.get(p.d[k]) || 0) + weight * tf * (K1 + 1) / (tf + K1));
        if (t.free) found.add(p.d[k]);
      }
    });
    var hits = ix.items.filter(function (item) {
      return (!free || found.has(item.d)) && passes(ix, item, filters);
    }).map(function (item) { return { item: item, score: score.get(item.d) || 0 }; });
    var short = filters.sort === "short";
    function hours(item) { return item.hours != null ? item.hours : (ix.hours[item.type] || 10); }
    hits.sort(function (x, y) {
      return (short && hours(x.item) - hours(y.item)) || (y.score - x.score) || (x.item.d - y.item.d);
    });
    return hits;
  }

  /* Answers to a parsed question. `chosen` are the filters picked by hand
     ({kind: value}); they win over a word of the question of the same kind.
     When nothing passes, `relaxed` lists what dropping one filter (or the
     words) would show: [{drop: kind or "words", hits}], most answers first. */
  function search(ix, parsed, chosen) {
    var filters = {}, from = {};
    parsed.facets.forEach(function (f) {
      if (!chosen[f.kind]) { filters[f.kind] = f.value; from[f.kind] = f; }
    });
    KINDS.forEach(function (k) { if (chosen[k]) filters[k] = chosen[k]; });
    // Only words the book does not have: nothing answers it (the page suggests questions).
    var free = parsed.terms.filter(function (t) { return t.free; });
    var nothing = parsed.unknown.length && !free.length && !Object.keys(filters).length;
    var hits = nothing ? [] : rank(ix, parsed.terms, filters), relaxed = [];
    if (!hits.length) {
      Object.keys(filters).forEach(function (kind) {
        if (kind === "sort") return;
        var fewer = Object.assign({}, filters);
        delete fewer[kind];
        relaxed.push({ drop: kind, hits: rank(ix, parsed.terms, fewer) });
      });
      if (free.length) relaxed.push({ drop: "words", hits: rank(ix, [], filters) });
      // Fewest answers first: the filter that kept out only a few is the nearest miss.
      relaxed = relaxed.filter(function (r) { return r.hits.length; }).sort(function (a, b) { return a.hits.length - b.hits.length; });
    }
    return { hits: hits, filters: filters, fromQuestion: from, relaxed: relaxed };
  }

  /* Which of the question's own words an item matched, and where: [[word, field]]. */
  function matched(ix, parsed, item) {
    var out = [];
    parsed.terms.forEach(function (t) {
      var p = t.free && ix.post.get(t.s);
      if (!p) return;
      var k = p.d.indexOf(item.d);
      if (k < 0) return;
      for (var f = 0; f < FIELDS.length; f++) {
        if (p.mask[k] & (1 << f)) { out.push([t.s, ix.fields[f]]); return; }
      }
    });
    return out;
  }

  window.rmFinderSearch = { tokens: tokens, scan: scan, build: build, parse: parse, search: search, matched: matched, kinds: KINDS };
})();
