(function () {
  "use strict";
  // Article text reaches this script only as data; it is written with textContent, never as HTML.
  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var SEV = { info: 0, warning: 1, error: 2 };
  var VERDICT = { pass: 0, warn: 1, fail: 2, error: 3 };
  var PAGE = 50;
  var arts = data.articles;
  var finds = data.findings;
  var cards = Array.prototype.slice.call(document.querySelectorAll("details.article[data-index]"));
  var status = document.getElementById("f-status");
  var $ = function (id) { return document.getElementById(id); };

  // Each finding searches as its article plus its own rule, message and flagged text.
  finds.forEach(function (f) {
    f.s = (arts[f.a].search + " " + f.rule + " " + f.msg + " " + f.excerpt).toLocaleLowerCase();
  });
  arts.forEach(function (a) {
    var words = [a.search];
    for (var i = a.f[0]; i < a.f[1]; i++) words.push(finds[i].rule, finds[i].msg, finds[i].excerpt);
    a.s = words.join(" ").toLocaleLowerCase();
  });

  // -- state, kept in the query string so that reload, back and a shared link keep it --------
  var DEFAULTS = { rule: "", sev: "warning", source: "", section: "", verdict: "", period: "",
                   review: "", q: "", fsort: "", fpage: "1", asort: "", apage: "1" };
  var FILTERS = ["rule", "sev", "source", "section", "verdict", "period", "review", "q"];
  var state = read();

  function read() {
    var params = new URLSearchParams(location.search);
    var out = {};
    Object.keys(DEFAULTS).forEach(function (k) {
      out[k] = params.has(k) ? params.get(k) : DEFAULTS[k];
    });
    if (!(out.sev in SEV)) out.sev = DEFAULTS.sev;
    return out;
  }

  function write(push) {
    var params = new URLSearchParams();
    Object.keys(DEFAULTS).forEach(function (k) {
      if (state[k] !== DEFAULTS[k]) params.set(k, state[k]);
    });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  function set(changes, push) {
    Object.keys(changes).forEach(function (k) { state[k] = changes[k]; });
    if (Object.keys(changes).some(function (k) { return FILTERS.indexOf(k) >= 0; })) {
      state.fpage = "1";
      state.apage = "1";
    }
    write(push);
    show();
  }

  // -- marks: confirmed / false alarm, per finding, in this browser --------------------------
  var MARKS = "checker-audit:" + data.run;
  var marks = {};
  try { marks = JSON.parse(localStorage.getItem(MARKS) || "{}") || {}; } catch (e) { marks = {}; }

  function saveMarks() {
    try {
      if (Object.keys(marks).length) localStorage.setItem(MARKS, JSON.stringify(marks));
      else localStorage.removeItem(MARKS);
    } catch (e) { /* private mode or full: marks last as long as the page */ }
  }

  function mark(fid, value) {
    if (marks[fid] === value) delete marks[fid]; else marks[fid] = value;
    saveMarks();
    document.querySelectorAll('button.mark[data-fid="' + fid + '"]').forEach(paintMark);
    markStatus();
    if (state.review) show();
  }

  function paintMark(button) {
    var on = marks[button.dataset.fid] === button.dataset.mark;
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function markStatus() {
    var values = Object.keys(marks).map(function (k) { return marks[k]; });
    var confirmed = values.filter(function (v) { return v === "confirmed"; }).length;
    $("marks-status").textContent = "Marked here: " + confirmed + " confirmed, " +
      (values.length - confirmed) + " false alarm" + (values.length - confirmed === 1 ? "" : "s") + ".";
  }

  // -- filters -------------------------------------------------------------------------------
  function terms() { return state.q.toLocaleLowerCase().split(/\s+/).filter(Boolean); }

  function articleMatches(a, words) {
    return (!state.source || a.source === state.source) &&
      (!state.section || a.section === state.section) &&
      (!state.verdict || a.verdict === state.verdict) &&
      (!state.period || a.period === state.period) &&
      words.every(function (t) { return a.s.indexOf(t) >= 0; });
  }

  function findingPasses(f) {
    if (state.rule && f.rule !== state.rule) return false;
    if (SEV[f.sev] < SEV[state.sev]) return false;
    if (state.review) {
      var m = marks[f.id];
      if (state.review === "none" ? m : m !== state.review) return false;
    }
    return true;
  }

  function findingMatches(f, words) {
    var a = arts[f.a];
    return findingPasses(f) &&
      (!state.source || a.source === state.source) &&
      (!state.section || a.section === state.section) &&
      (!state.verdict || a.verdict === state.verdict) &&
      (!state.period || a.period === state.period) &&
      words.every(function (t) { return f.s.indexOf(t) >= 0; });
  }

  // With a rule or a review status chosen, an article is listed when a finding passes.
  function articleListed(a, words) {
    if (!articleMatches(a, words)) return false;
    if (!state.rule && !state.review) return true;
    for (var i = a.f[0]; i < a.f[1]; i++) if (findingPasses(finds[i])) return true;
    return false;
  }

  // -- sorting -------------------------------------------------------------------------------
  function text(v) { return (v || "").toLocaleLowerCase(); }
  var FIND_KEYS = {
    article: function (f) { return text(arts[f.a].headline || arts[f.a].path); },
    source: function (f) { return text(arts[f.a].source); },
    date: function (f) { return arts[f.a].date || ""; },
    rule: function (f) { return f.rule; },
    sev: function (f) { return SEV[f.sev] * 2 + f.conf; },
    conf: function (f) { return f.conf; },
    line: function (f) { return f.line || 0; }
  };
  var ART_KEYS = {
    article: function (a) { return text(a.headline || a.path); },
    source: function (a) { return text(a.source); },
    section: function (a) { return text(a.section); },
    date: function (a) { return a.date || ""; },
    verdict: function (a) { return VERDICT[a.verdict]; },
    error: function (a) { return a.counts[0]; },
    warning: function (a) { return a.counts[1]; },
    info: function (a) { return a.counts[2]; }
  };
  var TEXT_KEYS = { article: 1, source: 1, section: 1, date: 1, rule: 1 };

  function sorted(rows, spec, keys, fallback) {
    if (!spec) return rows.sort(fallback);
    var desc = spec.charAt(0) === "-";
    var key = keys[desc ? spec.slice(1) : spec];
    if (!key) return rows.sort(fallback);
    var sign = desc ? -1 : 1;
    var pairs = rows.map(function (r, i) { return [key(r), i, r]; });
    pairs.sort(function (x, y) {
      return x[0] < y[0] ? -sign : x[0] > y[0] ? sign : x[1] - y[1];
    });
    return pairs.map(function (p) { return p[2]; });
  }

  // Worst first: severity, then confidence, then the article's rank.
  function findRank(x, y) {
    return SEV[y.sev] - SEV[x.sev] || y.conf - x.conf || x.a - y.a || x.k - y.k;
  }
  function artRank(x, y) { return x.i - y.i; }
  arts.forEach(function (a, i) { a.i = i; });

  // -- the tables ----------------------------------------------------------------------------
  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  function articleCell(a, target) {
    var td = el("td", "art");
    var title = a.headline || a.path || a.id;
    if (target) {
      var link = el("a", "jump", title);
      link.href = "#" + target;
      td.appendChild(link);
    } else {
      td.appendChild(el("span", "a-name", title));
    }
    var sub = [a.id, a.path !== a.id ? a.path : ""].filter(Boolean).join(" · ");
    td.appendChild(el("span", "sub", sub));
    return td;
  }

  function markButtons(fid) {
    var td = el("td", "review");
    [["confirmed", "Confirm"], ["false", "False alarm"]].forEach(function (m) {
      var b = el("button", "mark", m[1]);
      b.type = "button";
      b.dataset.mark = m[0];
      b.dataset.fid = fid;
      paintMark(b);
      td.appendChild(b);
    });
    return td;
  }

  function findingRow(f) {
    var a = arts[f.a];
    var tr = el("tr", "sev-" + f.sev);
    tr.dataset.fid = f.id;
    tr.appendChild(articleCell(a, f.dom));
    tr.appendChild(el("td", "opt", a.source));
    tr.appendChild(el("td", "nowrap opt", a.date));
    var rule = el("td");
    rule.appendChild(el("code", "rule", f.rule));
    tr.appendChild(rule);
    var sev = el("td");
    sev.appendChild(el("span", "sev-tag sev-" + f.sev, f.sev));
    tr.appendChild(sev);
    tr.appendChild(el("td", "num", Math.round(f.conf * 100) + "%"));
    tr.appendChild(el("td", "num opt", f.where));
    var msg = el("td", "f-msg");
    msg.appendChild(el("span", null, f.msg));
    if (f.excerpt) msg.appendChild(el("span", "sub excerpt", f.excerpt));
    tr.appendChild(msg);
    tr.appendChild(markButtons(f.id));
    return tr;
  }

  function articleRow(a) {
    var tr = el("tr");
    tr.appendChild(articleCell(a, a.anchor));
    tr.appendChild(el("td", "opt", a.source));
    tr.appendChild(el("td", "opt", a.section));
    tr.appendChild(el("td", "nowrap opt", a.date));
    var verdict = el("td");
    verdict.appendChild(el("span", "verdict v-" + a.verdict, a.verdict));
    tr.appendChild(verdict);
    tr.appendChild(el("td", "num", a.counts[0]));
    tr.appendChild(el("td", "num", a.counts[1]));
    tr.appendChild(el("td", "num opt", a.counts[2]));
    return tr;
  }

  function table(id, rows, sortKey, pageKey, row, noun) {
    var total = rows.length;
    var pages = Math.max(1, Math.ceil(total / PAGE));
    var page = Math.min(Math.max(parseInt(state[pageKey], 10) || 1, 1), pages);
    var body = $(id).tBodies[0];
    var fragment = document.createDocumentFragment();
    rows.slice((page - 1) * PAGE, page * PAGE).forEach(function (r) { fragment.appendChild(row(r)); });
    body.replaceChildren(fragment);
    var spec = state[sortKey];
    $(id).querySelectorAll("th[data-sort]").forEach(function (th) {
      var key = th.dataset.sort;
      th.setAttribute("aria-sort", spec === key ? "ascending" : spec === "-" + key ? "descending" : "none");
    });
    var pager = document.querySelector('.pager[data-table="' + id + '"]');
    pager.querySelector(".page").textContent = "Page " + page + " of " + pages;
    pager.querySelector('[data-step="-1"]').disabled = page <= 1;
    pager.querySelector('[data-step="1"]').disabled = page >= pages;
    $(id + "-status").textContent = total.toLocaleString("en") + " " + noun + (total === 1 ? "" : "s");
  }

  // -- the drill-down cards (the worst articles in full) ------------------------------------
  function applyCards(words) {
    var shown = 0;
    cards.forEach(function (card) {
      var article = arts[Number(card.dataset.index)];
      var keep = [];
      for (var i = article.f[0]; i < article.f[1]; i++) keep.push(findingPasses(finds[i]));
      card.querySelectorAll("li.finding").forEach(function (li) {
        li.hidden = !keep[Number(li.dataset.k)];
      });
      card.querySelectorAll("[data-f]").forEach(function (node) {
        var ks = node.dataset.f.split(" ").filter(Boolean);
        node.classList.toggle("dim", !ks.some(function (k) { return keep[Number(k)]; }));
      });
      var any = keep.indexOf(true) >= 0 ||
        (keep.length === 0 && !state.rule && !state.review);  // unreadable articles
      card.hidden = !(any && articleMatches(article, words));
      if (!card.hidden) shown += 1;
    });
    status.textContent = "Showing " + shown.toLocaleString("en") + " of " +
      cards.length.toLocaleString("en") + " articles";
  }

  // -- everything, from the state -----------------------------------------------------------
  function syncControls() {
    FILTERS.forEach(function (k) {
      var control = $("f-" + k);
      if (!control) return;
      if (control.tagName === "SELECT" && state[k] &&
          !Array.prototype.some.call(control.options, function (o) { return o.value === state[k]; })) {
        control.appendChild(el("option", null, state[k])).value = state[k];  // a shared link's value
      }
      if (control.value !== state[k]) control.value = state[k];
    });
    document.querySelectorAll("[data-filter]").forEach(function (node) {
      var chosen = state[node.dataset.filter];
      node.classList.toggle("chosen", !!chosen && chosen === node.dataset.value);
      node.classList.toggle("unchosen", !!chosen && chosen !== node.dataset.value);
    });
  }

  function show() {
    var words = terms();
    syncControls();
    var rows = finds.filter(function (f) { return findingMatches(f, words); });
    table("ft", sorted(rows, state.fsort, FIND_KEYS, findRank), "fsort", "fpage", findingRow, "finding");
    var listed = arts.filter(function (a) { return articleListed(a, words); });
    table("at", sorted(listed, state.asort, ART_KEYS, artRank), "asort", "apage", articleRow, "article");
    applyCards(words);
  }

  // -- labels export ---------------------------------------------------------------------------
  function range(f) {
    var out = [];
    if (!f.line) return out;
    for (var n = f.line; n <= (f.end || f.line) && out.length < 1000; n++) out.push(n);
    return out;
  }

  function described(f) {
    return { rule: f.rule, line: f.line, end_line: f.end, excerpt: f.excerpt || null, message: f.msg };
  }

  // One record per marked article, in `checker train`'s format. It teaches only what was
  // reviewed: a confirmed finding's lines are positives for its rule, a false alarm's lines
  // negatives, and every other line of the article is ignored (not taken as clean).
  function labels() {
    var out = [];
    var skipped = 0;
    arts.forEach(function (a) {
      var mine = [];
      for (var i = a.f[0]; i < a.f[1]; i++) if (marks[finds[i].id]) mine.push(finds[i]);
      if (!mine.length) return;
      if (!a.file) { skipped += mine.length; return; }
      var positive = {}, negative = {}, rules = {};
      var confirmed = [], dismissed = [];
      mine.forEach(function (f) {
        if (marks[f.id] === "confirmed") {
          range(f).forEach(function (n) { positive[n] = true; });
          rules[f.rule] = true;
          confirmed.push(described(f));
        } else {
          range(f).forEach(function (n) { negative[n] = true; });
          dismissed.push(described(f));
        }
      });
      // A line another, unreviewed finding flags is ignored rather than called clean.
      for (var j = a.f[0]; j < a.f[1]; j++) {
        if (!marks[finds[j].id]) range(finds[j]).forEach(function (n) { delete negative[n]; });
      }
      var ignore = [];
      for (var n = 1; n <= a.lines; n++) if (!positive[n] && !negative[n]) ignore.push(n);
      var numbers = function (set) { return Object.keys(set).map(Number).sort(function (x, y) { return x - y; }); };
      out.push(JSON.stringify({
        file: a.file, group: a.id || a.path,
        positive_lines: numbers(positive), accept_rules: Object.keys(rules).sort(),
        ignore_lines: ignore, confirmed: confirmed, false_alarms: dismissed,
        report: data.run
      }));
    });
    return { text: out.map(function (l) { return l + "\n"; }).join(""), records: out.length, skipped: skipped };
  }

  function download() {
    var made = labels();
    var note = $("marks-status");
    if (!made.records) {
      note.textContent = made.skipped ? "Marks on archive records cannot go into a labels file (checker train reads files)." :
        "Nothing marked yet.";
      return;
    }
    var blob = new Blob([made.text], { type: "application/x-ndjson" });
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = "checker-labels-" + data.run + ".jsonl";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    markStatus();
    if (made.skipped) note.textContent += " " + made.skipped + " marks on archive records were left out.";
  }

  // -- events ----------------------------------------------------------------------------------
  FILTERS.forEach(function (k) {
    var control = $("f-" + k);
    if (!control) return;
    if (k === "q") {
      control.addEventListener("input", function () { set({ q: control.value }, false); });
    } else {
      control.addEventListener("change", function () {
        var change = {};
        change[k] = control.value;
        set(change, true);
      });
    }
  });
  $("f-clear").addEventListener("click", function () {
    var change = {};
    FILTERS.forEach(function (k) { change[k] = DEFAULTS[k]; });
    set(change, true);
  });
  $("f-raw").addEventListener("change", function () {
    document.body.classList.toggle("raw-keys", $("f-raw").checked);
  });

  document.querySelectorAll("table.grid th[data-sort] button").forEach(function (button) {
    button.addEventListener("click", function () {
      var th = button.closest("th");
      var sortKey = th.closest("table").id === "ft" ? "fsort" : "asort";
      var key = th.dataset.sort;
      var current = state[sortKey];
      var next = current === key ? "-" + key : current === "-" + key ? key :
        (TEXT_KEYS[key] ? key : "-" + key);  // words A to Z first, numbers biggest first
      var change = {};
      change[sortKey] = next;
      change[sortKey === "fsort" ? "fpage" : "apage"] = "1";
      set(change, true);
    });
  });
  document.querySelectorAll(".pager button").forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.closest(".pager").dataset.table === "ft" ? "fpage" : "apage";
      var change = {};
      change[key] = String((parseInt(state[key], 10) || 1) + Number(button.dataset.step));
      set(change, true);
    });
  });

  // A chart's bar filters by what it counts; a second click on the same bar clears it.
  function chartFilter(node) {
    var change = {};
    var key = node.dataset.filter;
    change[key] = state[key] === node.dataset.value ? "" : node.dataset.value;
    set(change, true);
    $("findings").scrollIntoView({ block: "start" });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.mark");
    if (button) { mark(button.dataset.fid, button.dataset.mark); return; }
    var filter = event.target.closest("[data-filter]");
    if (filter) { chartFilter(filter); return; }
    // A mark leads to its finding, so reading the text and reading the list meet.
    var highlighted = event.target.closest("mark[data-f]");
    if (!highlighted) return;
    var card = highlighted.closest("details.article");
    var k = highlighted.dataset.f.split(" ")[0];
    var li = card && card.querySelector('li.finding[data-k="' + k + '"]');
    if (li) {
      li.scrollIntoView({ block: "nearest" });
      li.classList.remove("flash");
      void li.offsetWidth;
      li.classList.add("flash");
    }
  });
  document.addEventListener("keydown", function (event) {
    var filter = (event.key === "Enter" || event.key === " ") && event.target.closest("[data-filter]");
    if (filter) { event.preventDefault(); chartFilter(filter); }
  });

  $("labels-export").addEventListener("click", download);
  $("marks-clear").addEventListener("click", function () {
    if (!Object.keys(marks).length || !window.confirm("Forget every mark made on this report in this browser?")) return;
    marks = {};
    saveMarks();
    document.querySelectorAll("button.mark").forEach(paintMark);
    markStatus();
    show();
  });

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var card = target.closest("details.article");
    if (card) {
      card.hidden = false;
      card.open = true;
    }
    target.scrollIntoView({ block: "center" });
    if (target.tagName === "MARK" || target.classList.contains("finding") || target.classList.contains("seg")) {
      target.classList.remove("flash");
      void target.offsetWidth;  // restart the animation
      target.classList.add("flash");
    }
  }

  $("f-open").addEventListener("click", function () {
    cards.forEach(function (c) { if (!c.hidden) c.open = true; });
  });
  $("f-close").addEventListener("click", function () {
    cards.forEach(function (c) { c.open = false; });
  });
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("popstate", function () { state = read(); show(); });

  // Closed <details> print as their summary alone; open the shown ones for paper.
  var closedBeforePrint = [];
  window.addEventListener("beforeprint", function () {
    closedBeforePrint = cards.filter(function (c) { return !c.open && !c.hidden; });
    closedBeforePrint.forEach(function (c) { c.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedBeforePrint.forEach(function (c) { c.open = false; });
  });

  // For bench/report_speed.py and the tests: how long one full filter pass takes.
  window.checkerAudit = { set: set, state: function () { return state; }, labels: labels };

  document.querySelectorAll("button.mark").forEach(paintMark);
  markStatus();
  show();
  if (cards.length && !cards[0].hidden && !location.hash) cards[0].open = true;
  openTarget();
})();
