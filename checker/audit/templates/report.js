(function () {
  "use strict";
  // Article text reaches this script only as data; it is written with textContent, never as HTML.
  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var SEV = { info: 0, warning: 1, error: 2 };
  var cards = Array.prototype.slice.call(document.querySelectorAll("details.article[data-index]"));
  var rule = document.getElementById("f-rule");
  var sev = document.getElementById("f-sev");
  var query = document.getElementById("f-q");
  var status = document.getElementById("f-status");

  function passes(f) {
    return (rule.value === "" || f.rule === rule.value) && SEV[f.severity] >= SEV[sev.value];
  }

  function apply() {
    var terms = query.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var article = data.articles[Number(card.dataset.index)];
      var keep = article.findings.map(passes);
      card.querySelectorAll("li.finding").forEach(function (li) {
        li.hidden = !keep[Number(li.dataset.k)];
      });
      card.querySelectorAll("[data-f]").forEach(function (el) {
        var ks = el.dataset.f.split(" ").filter(Boolean);
        var on = ks.some(function (k) { return keep[Number(k)]; });
        el.classList.toggle("dim", !on);
      });
      var any = keep.indexOf(true) >= 0 ||
        (article.findings.length === 0 && rule.value === "");  // unreadable articles
      var found = terms.every(function (t) { return article.search.indexOf(t) >= 0; });
      card.hidden = !(any && found);
      if (!card.hidden) shown += 1;
    });
    status.textContent = "Showing " + shown.toLocaleString("en") + " of " +
      cards.length.toLocaleString("en") + " articles";
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    var card = el.closest("details.article");
    if (card) {
      card.hidden = false;
      card.open = true;
    }
    el.scrollIntoView({ block: "center" });
    if (el.tagName === "MARK" || el.classList.contains("finding") || el.classList.contains("seg")) {
      el.classList.remove("flash");
      void el.offsetWidth;  // restart the animation
      el.classList.add("flash");
    }
  }

  // A mark leads to its finding, so reading the text and reading the list meet.
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-f]");
    if (!mark) return;
    var card = mark.closest("details.article");
    var k = mark.dataset.f.split(" ")[0];
    var li = card && card.querySelector('li.finding[data-k="' + k + '"]');
    if (li) {
      li.scrollIntoView({ block: "nearest" });
      li.classList.remove("flash");
      void li.offsetWidth;
      li.classList.add("flash");
    }
  });

  [rule, sev].forEach(function (el) { el.addEventListener("change", apply); });
  query.addEventListener("input", apply);
  document.getElementById("f-open").addEventListener("click", function () {
    cards.forEach(function (c) { if (!c.hidden) c.open = true; });
  });
  document.getElementById("f-close").addEventListener("click", function () {
    cards.forEach(function (c) { c.open = false; });
  });
  window.addEventListener("hashchange", openTarget);

  // Closed <details> print as their summary alone; open the shown ones for paper.
  var closedBeforePrint = [];
  window.addEventListener("beforeprint", function () {
    closedBeforePrint = cards.filter(function (c) { return !c.open && !c.hidden; });
    closedBeforePrint.forEach(function (c) { c.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedBeforePrint.forEach(function (c) { c.open = false; });
  });

  apply();
  if (cards.length && !cards[0].hidden && !location.hash) cards[0].open = true;
  openTarget();
})();
