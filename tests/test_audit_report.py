"""The audit's outputs: findings.csv, articles.jsonl, summary.json and report.html.

Entries come from the real engine over four articles written here (a flood story with a
foreign photo glued to its credit, a clean story, a hostile one whose text tries to break out
of the page, an empty file), plus a hand-built caption-reuse finding as the pipeline would
add it. The page is then opened in headless Chromium, driven over the DevTools protocol on a
pipe (`--remote-debugging-pipe`), which needs nothing beyond the standard library.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import html as html_lib
import io
import json
import os
import random
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

import jsonschema
import pytest

from checker.audit.outputs import write_outputs
from checker.report.json_report import file_entry

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "shared" / "contract" / "report.schema.json"
CHROMIUM = Path("/usr/bin/chromium")

FLOOD = """\
Floods cut off villages across northeast Bangladesh as rivers rise

SYLHET, Bangladesh (AP) - Floodwaters swallowed villages across Bangladesh's northeast on Thursday after three days of torrential rain, leaving thousands of families cut off from roads, markets and clean water, officials said.

The Surma and Kushiyara rivers were running above danger level at a dozen monitoring points in Sylhet and Sunamganj districts, according to the flood warning centre in Dhaka.

AP Photo/Pervez Masih/FileResidents wade through floodwaters past submerged shops in Jacobabad, in Pakistan's Sindh province, Aug. 27, 2020.

Army units ferried stranded families to safety by speedboat, and forecasters expected more heavy rain over the Sylhet division through the weekend.
"""

CLEAN = """\
Wheat harvest in Punjab beats forecast

LAHORE, Pakistan - Farmers in Punjab brought in a record wheat crop this spring, the provincial agriculture department said on Monday.

Officials credited late rains and a new seed variety for yields about eight percent above forecast, and said storage at government depots would be expanded.
"""

PAYLOAD = "<script>window.__pwned=1</script>"
BREAKOUT = '</script><img src=x onerror="window.__pwned=2">'
HOSTILE = f"""\
Council "approves" budget & cuts after 5 < 7 > 2 vote

The city council approved next year's budget on Tuesday after a long session in which members argued over cuts to libraries & parks, the council's clerk said.

{PAYLOAD} The mayor's office said the "savings" would fund road repairs.

{BREAKOUT} Residents who spoke at the meeting said the cuts would fall hardest on older people.
"""

RUN = {
    "sources": ["tests/archive"],
    "generated_at": "2024-06-01T12:00:00Z",
    "model": "all-MiniLM-L6-v2",
    "version": "0.1.0",
    "workers": 2,
    "seconds": 3.25,
    "articles_per_second": 1.23,
    "resumed": False,
    "shard": "night-run",
    "per_worker": {"w1": 2, "w2": 2},
}


def _column_of(text: str, line: int, needle: str) -> int:
    return text.splitlines()[line - 1].index(needle) + 1


@pytest.fixture(scope="module")
def articles(tmp_path_factory, engine):
    """Entries as the pipeline hands them over: file_entry plus the archive's keys."""
    folder = tmp_path_factory.mktemp("archive")
    texts = {"flood.txt": FLOOD, "clean.txt": CLEAN, "hostile.txt": HOSTILE, "empty.txt": ""}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = engine.run([str(folder / name) for name in texts])
    extra = {
        "flood.txt": {"id": "ap-2024-0611", "headline": FLOOD.splitlines()[0],
                      "date": "2024-06-11", "url": "https://example.org/news/floods"},
        "clean.txt": {"id": "wire-7", "headline": CLEAN.splitlines()[0], "date": "2024-05-02",
                      "url": "https://example.org/news/wheat"},
        # The archive's own fields are as hostile as the text: a formula for the spreadsheet,
        # markup and a line separator for the page, a script URL for the link.
        "hostile.txt": {"id": "=2+3", "headline": f"Budget & \"cuts\" {PAYLOAD}\u2028{BREAKOUT}",
                        "date": "2024-06-04", "url": "javascript:window.__pwned=3"},
        "empty.txt": {"id": "@empty", "headline": None, "date": None, "url": None},
    }
    entries = []
    for result in report.files:
        name = Path(result.path).name
        entry = file_entry(result)
        entry.update(extra[name], content_hash=hashlib.sha256(texts[name].encode()).hexdigest())
        entries.append(entry)
    flood = next(e for e in entries if e["id"] == "ap-2024-0611")
    caption = next(s for s in flood["segments"] if s["kind"] == "caption")
    column = _column_of(FLOOD, caption["line"], "Residents")
    flood["findings"].append({
        "rule": "caption-reuse", "severity": "warning",
        "message": "-The same photo caption illustrates 1 other article, set in another country",
        "line": caption["line"], "column": column, "end_line": caption["line"],
        "end_column": column + len(caption["text"]), "excerpt": caption["text"],
        "confidence": 0.93,
        # the shape checker/audit/caption_reuse.py gives its evidence
        "evidence": {
            "similarity": 0.97, "min_similarity": 0.9, "countries": ["Pakistan"],
            "date": "2024-06-11", "articles": 1,
            "other_articles": [{"id": "=2+3", "path": "hostile.txt", "headline": "Budget",
                                "countries": ["United States"], "date": "2024-06-04",
                                "similarity": 0.97, "line": 5,
                                "differs_in": "country, date"}],
        },
    })
    return entries


@pytest.fixture(scope="module")
def out(tmp_path_factory, articles):
    folder = tmp_path_factory.mktemp("audit")
    write_outputs(folder, articles, dict(RUN))
    return folder


def by_id(entries, ident):
    return next(e for e in entries if e["id"] == ident)


# -- the engine gave us what these tests rely on -----------------------------------------

def test_the_articles_carry_the_damage_the_tests_rely_on(articles):
    flood = by_id(articles, "ap-2024-0611")
    glued = [f for f in flood["findings"] if f["rule"] == "extraction-artifact"]
    assert glued and glued[0]["excerpt"] == "Masih/FileResidents"
    assert by_id(articles, "wire-7")["findings"] == []
    assert by_id(articles, "@empty")["status"] == "error"
    hostile = by_id(articles, "=2+3")
    assert any(PAYLOAD in s["text"] for s in hostile["segments"])


# -- files ---------------------------------------------------------------------------------

def test_writes_four_files_and_no_temporary_ones(out):
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.jsonl", "findings.csv", "report.html", "summary.json"]


def test_same_entries_give_the_same_bytes_in_the_order_given(out, articles, tmp_path):
    copies = json.loads(json.dumps(articles))
    for entry in copies:  # key order and finding order as a worker might return them
        entry["findings"].reverse()
        for f in entry["findings"]:
            f.update(dict(reversed(list(f.items()))))
    write_outputs(tmp_path / "again", copies, dict(RUN))
    for name in ("articles.jsonl", "findings.csv", "report.html", "summary.json"):
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name
    shuffled = list(articles)
    random.Random(7).shuffle(shuffled)
    write_outputs(tmp_path / "shuffled", shuffled, dict(RUN))
    lines = (tmp_path / "shuffled" / "articles.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [e["id"] for e in shuffled]


def test_rewriting_replaces_files_whole(out, articles, tmp_path):
    target = tmp_path / "twice"
    write_outputs(target, articles, dict(RUN))
    write_outputs(target, articles[:1], {"generated_at": "2024-06-02T00:00:00Z"})
    summary = json.loads((target / "summary.json").read_text("utf-8"))
    assert summary["counts"]["articles"] == 1
    assert len((target / "articles.jsonl").read_text("utf-8").splitlines()) == 1
    assert sorted(p.name for p in target.iterdir()) == [
        "articles.jsonl", "findings.csv", "report.html", "summary.json"]


# -- summary.json --------------------------------------------------------------------------

def test_summary_keeps_the_run_and_adds_counts_from_the_entries(out, articles):
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    for key, value in RUN.items():
        assert summary[key] == value
    counts = summary["counts"]
    findings = [f for e in articles for f in e["findings"]]
    assert counts["articles"] == 4
    assert counts["read_errors"] == 1 and counts["checked"] == 3
    assert counts["findings"] == len(findings)
    assert counts["by_severity"] == {s: sum(1 for f in findings if f["severity"] == s)
                                     for s in ("error", "warning", "info")}
    flagged = [e for e in articles
               if any(f["severity"] in ("error", "warning") for f in e["findings"])]
    assert counts["flagged"] == len(flagged) >= 2
    assert counts["flagged_share"] == round(len(flagged) / 4, 4)
    assert sum(counts["verdicts"].values()) == 4 and counts["verdicts"]["error"] == 1
    assert counts["by_rule"]["caption-reuse"] == {
        "findings": 1, "articles": 1, "error": 0, "warning": 1, "info": 0}
    for rule, row in counts["by_rule"].items():
        assert row["findings"] == sum(1 for f in findings if f["rule"] == rule)
    assert (out / "summary.json").read_text("utf-8").startswith('{\n  "sources": [\n    "tests/archive"')


def test_summary_copes_with_an_empty_run(tmp_path):
    write_outputs(tmp_path, [], {})
    summary = json.loads((tmp_path / "summary.json").read_text("utf-8"))
    assert summary["counts"]["articles"] == 0 and summary["counts"]["flagged_share"] == 0.0
    assert "No articles." in (tmp_path / "report.html").read_text("utf-8")


def test_odd_values_and_missing_keys_do_not_stop_the_outputs(tmp_path):
    import numpy as np

    entry = {"path": "odd.txt", "status": "ok", "verdict": "warn", "segments": [],
             "findings": [{"rule": "boilerplate", "severity": "warning", "message": "m",
                           "line": 4, "column": 1, "end_line": 4, "end_column": 9,
                           "confidence": np.float32(0.5),
                           "evidence": {"matched": ("a", "b"), "score": float("nan")}}]}
    write_outputs(tmp_path, [entry], {"seconds": float("inf"), "started": object.__name__})
    (line,) = (tmp_path / "articles.jsonl").read_text("utf-8").splitlines()
    parsed = json.loads(line)
    assert parsed["id"] is None and parsed["findings"][0]["confidence"] == 0.5
    assert parsed["findings"][0]["evidence"] == {"matched": ["a", "b"], "score": None}
    assert json.loads((tmp_path / "summary.json").read_text("utf-8"))["seconds"] is None
    (row,) = read_csv(tmp_path)
    assert row["article_id"] == "" and row["line"] == "4"
    html = (tmp_path / "report.html").read_text("utf-8")
    assert "odd.txt" in html and 'href="#a0-s' not in html  # line 4 is not in the outline


def test_the_page_lists_at_most_the_worst_articles_it_is_told(articles, tmp_path):
    write_outputs(tmp_path, articles, dict(RUN), max_html_articles=1)
    html = (tmp_path / "report.html").read_text("utf-8")
    assert html.count('<details class="article') == 1
    assert "lists the 1 worst of 3 articles with findings" in html
    assert len(read_csv(tmp_path)) == sum(len(e["findings"]) for e in articles)


# -- articles.jsonl ------------------------------------------------------------------------

def test_articles_jsonl_is_one_schema_valid_entry_per_line(out, articles):
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    item_schema = schema["properties"]["files"]["items"]
    raw = (out / "articles.jsonl").read_bytes()
    assert "\u2028".encode() not in raw  # escaped, so that no reader splits the line there
    lines = raw.decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 5
    parsed = [json.loads(line) for line in lines[:-1]]
    for entry in parsed:
        jsonschema.validate(entry, item_schema)
        assert list(entry)[:11] == ["path", "status", "error", "verdict", "segments", "findings",
                                    "id", "headline", "date", "url", "content_hash"]
    assert [e["id"] for e in parsed] == [e["id"] for e in articles]
    given = {e["id"]: e for e in articles}
    for entry in parsed:
        source = given[entry["id"]]
        assert {k: entry[k] for k in source if k != "findings"} == {
            k: v for k, v in source.items() if k != "findings"}
        # nothing lost or changed, and the pipeline's own finding sorted in among the engine's
        assert sorted(json.dumps(f, sort_keys=True) for f in entry["findings"]) == sorted(
            json.dumps(f, sort_keys=True) for f in source["findings"])
        places = [(f["line"], f["column"], f["rule"]) for f in entry["findings"]]
        assert places == sorted(places)


# -- findings.csv --------------------------------------------------------------------------

def read_csv(out: Path) -> list[dict[str, str]]:
    raw = (out / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_finding_with_evidence_in_words(out, articles):
    rows = read_csv(out)
    assert list(rows[0]) == ["article_id", "path", "headline", "rule", "severity", "line",
                             "column", "confidence", "message", "excerpt", "evidence"]
    assert len(rows) == sum(len(e["findings"]) for e in articles)
    reuse = next(r for r in rows if r["rule"] == "caption-reuse")
    assert reuse["article_id"] == "ap-2024-0611" and reuse["confidence"] == "0.93"
    # several facts, one per line, inside one quoted cell
    assert reuse["evidence"].split("\n") == [
        "similarity 0.97 (threshold 0.90)", "countries: Pakistan", "date: 2024-06-11",
        "articles: 1",
        "other articles: =2+3 “Budget” (hostile.txt); countries: United States; "
        "date: 2024-06-04; similarity 0.97; line: 5; differs in: country, date"]
    glued = next(r for r in rows if r["excerpt"] == "Masih/FileResidents")
    assert "credit ends: Masih/File" in glued["evidence"].split("\n")
    hostile = [r for r in rows if r["path"].endswith("hostile.txt")]
    assert hostile and all(r["headline"].startswith("Budget & \"cuts\" <script>") for r in hostile)


def test_csv_cells_cannot_start_a_formula(out):
    rows = read_csv(out)
    for row in rows:
        for cell in row.values():
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    hostile = [r for r in rows if r["path"].endswith("hostile.txt")]
    assert {r["article_id"] for r in hostile} == {"'=2+3"}
    reuse = next(r for r in rows if r["rule"] == "caption-reuse")
    assert reuse["message"].startswith("'-The same photo caption")


# -- report.html, as text ------------------------------------------------------------------

def test_html_escapes_article_text_everywhere(out):
    html = (out / "report.html").read_text("utf-8")
    # the page's own two scripts are the only ones; the payload never appears as markup
    assert html.count("<script") == 2 and html.count("</script>") == 2
    assert "<img" not in html and "javascript:" not in html.replace(
        "javascript:window.__pwned=3", "")
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    data = re.search(r'<script type="application/json" id="audit-data">(.*?)</script>', html,
                     re.S).group(1)
    assert not set(data) & {"<", ">", "&", "\u2028", "\u2029"}
    parsed = json.loads(data)
    hostile = next(a for a in parsed["articles"] if "=2+3" in a["search"])
    assert PAYLOAD.casefold() in hostile["search"] and "\u2028" not in hostile["search"]


def test_html_pins_its_script_by_hash_and_loads_nothing(out):
    html = (out / "report.html").read_text("utf-8")
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest_b64 = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert f"script-src 'sha256-{digest_b64}'" in csp and "default-src 'none'" in csp
    assert not re.search(r'\b(src|href)="(?!#)(?!https://example\.org/)', html)
    assert "innerHTML" not in script and "outerHTML" not in script


def test_html_charts_count_every_finding(out):
    html = (out / "report.html").read_text("utf-8")
    counts = json.loads((out / "summary.json").read_text("utf-8"))["counts"]

    def chart(name):
        start = html.index(f'data-chart="{name}"')
        return html[start:html.index("</figure>", start)]

    by_rule: dict[str, int] = {}
    for rule, n in re.findall(r'data-rule="([^"]+)" data-severity="[a-z]+" data-count="(\d+)"',
                              chart("by-rule")):
        by_rule[rule] = by_rule.get(rule, 0) + int(n)
    assert by_rule == {rule: row["findings"] for rule, row in counts["by_rule"].items()}
    verdicts = dict(re.findall(r'data-verdict="([a-z]+)" data-count="(\d+)"', chart("verdicts")))
    assert {k: int(v) for k, v in verdicts.items()} == {
        k: v for k, v in counts["verdicts"].items() if v}
    hist = re.findall(r'data-rule="([^"]+)" data-severity="[a-z]+" data-count="(\d+)"',
                      html[html.index('data-chart="confidence"'):])
    assert sum(int(n) for _, n in hist) == counts["findings"]


def test_highlight_covers_exactly_the_flagged_spans(out):
    html = (out / "report.html").read_text("utf-8")
    segments = re.findall(r'<div class="seg k-(\w+)[^"]*" id="[^"]+"[^>]*>.*?<p class="st">(.*?)</p>',
                          html, re.S)

    def marked(kind: str, starts: str) -> str:
        body = next(b for k, b in segments if k == kind and re.sub("<[^>]+>", "", b).startswith(
            starts))
        return html_lib.unescape("".join(re.findall(r"<mark [^>]*>([^<]*)</mark>", body)))

    # The glued-credit finding spans two segments: the end of the credit and the caption's
    # first word. The caption-reuse finding covers the whole caption.
    assert marked("credit", "AP Photo/Pervez") == "Masih/File"
    assert marked("caption", "Residents wade") == FLOOD.splitlines()[6][len("AP Photo/Pervez Masih/File"):]
    assert marked("body", "Floodwaters swallowed") == ""


# -- report.html, in a browser -------------------------------------------------------------

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless Chromium not installed (/usr/bin/chromium; apt-get install chromium)")

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
         "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe")


class Chromium:
    """Headless Chromium over the DevTools protocol on fds 3 and 4 (NUL-separated JSON)."""

    def __init__(self, profile: Path) -> None:
        into_r, self._into = os.pipe()
        self._from, from_w = os.pipe()
        # Chromium expects the pipe on fds 3 (commands in) and 4 (replies out); bash, unlike
        # dash, can redirect from the two-digit fds that os.pipe() gives under pytest.
        launcher = f'exec "$@" 3<&{into_r} 4>&{from_w}'
        self.log = profile / "chromium.log"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                ["bash", "-c", launcher, "bash", str(CHROMIUM), *FLAGS,
                 f"--user-data-dir={profile / 'profile'}", "about:blank"],
                pass_fds=(into_r, from_w), stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        os.close(into_r)
        os.close(from_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._into, data):]
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self.events.remove(event)
                    return event
            self.events.append(self._receive(deadline))

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from, 1 << 20)
            if not chunk:
                tail = self.log.read_text("utf-8", "replace").splitlines()[-15:]
                raise RuntimeError("Chromium closed the DevTools pipe:\n" + "\n".join(tail))
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._into)
        os.close(self._from)


def card_of(ident: str) -> str:
    """JS for the drill-down card of an article, found by the id its card shows first."""
    return ("[...document.querySelectorAll('details.article')].find(d => "
            f"d.querySelector('.sub').textContent.startsWith({json.dumps(ident)}))")


class Page:
    def __init__(self, browser: Chromium, url: str, width: int = 1280, height: int = 900):
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget",
                                    {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.call(method)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        self.call("Page.navigate", {"url": url})
        browser.wait_for("Page.loadEventFired", self.session)

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.browser.call(method, params, self.session)

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def events(self, method: str) -> list[dict]:
        return [e for e in self.browser.events
                if e.get("method") == method and e.get("sessionId") == self.session]

    def screenshot(self, path: Path) -> bytes:
        png = base64.b64decode(self.call("Page.captureScreenshot",
                                         {"format": "png", "captureBeyondViewport": True})["data"])
        path.write_bytes(png)
        return png


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("headless Chromium not installed (/usr/bin/chromium)")
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def page(browser, out):
    return Page(browser, (out / "report.html").as_uri())


@needs_chromium
def test_page_renders_headline_numbers_without_errors(page, out):
    counts = json.loads((out / "summary.json").read_text("utf-8"))["counts"]
    assert page.js("document.title") == "checker audit — tests/archive"
    kpi = page.js("Object.fromEntries([...document.querySelectorAll('[data-kpi]')]"
                  ".map(e => [e.dataset.kpi, e.textContent]))")
    assert kpi["articles"] == "4" and kpi["read-errors"] == "1"
    assert kpi["flagged-share"] == f"{counts['flagged_share'] * 100:.0f}%"
    assert kpi["error"] == str(counts["by_severity"]["error"])
    # the script ran (so its CSP hash matched) and threw nothing
    # by default the list shows warnings and errors, and the articles that could not be read
    listed = page.js("document.querySelectorAll('details.article').length")
    shown = counts["flagged"] + counts["read_errors"]
    assert page.js("document.getElementById('f-status').textContent") == (
        f"Showing {shown} of {listed} articles")
    assert page.events("Runtime.exceptionThrown") == []
    problems = [e["params"]["entry"] for e in page.events("Log.entryAdded")
                if e["params"]["entry"]["level"] == "error"]
    assert problems == []
    requested = [e["params"]["request"]["url"] for e in page.events("Network.requestWillBeSent")]
    assert requested and all(url.startswith("file://") for url in requested)


@needs_chromium
def test_charts_are_drawn(page, out):
    html = (out / "report.html").read_text("utf-8")
    boxes = page.js("[...document.querySelectorAll('rect.bar')].map(r => {"
                    "const b = r.getBoundingClientRect(); "
                    "return [b.width, b.height, getComputedStyle(r).fill]; })")
    assert len(boxes) == html.count('class="bar ') > 5
    for width, height, fill in boxes:
        assert width > 0.5 and height > 0.5
        assert fill not in ("none", "rgba(0, 0, 0, 0)", "rgb(0, 0, 0)")
    widths = page.js("[...document.querySelectorAll('svg.chart')].map(s => "
                     "s.getBoundingClientRect().width)")
    assert min(widths) > 150


@needs_chromium
def test_drill_down_highlights_the_flagged_text(page):
    anchor = page.js(card_of("ap-2024-0611") + ".id")
    page.js(f"location.hash = '#{anchor}-m0'; new Promise(r => setTimeout(r, 50))")
    card = f"document.getElementById('{anchor}')"
    assert page.js(f"{card}.open") is True
    marked = page.js(f"[...{card}.querySelectorAll('.seg')].map(s => [s.querySelector('.kind')"
                     ".textContent, [...s.querySelectorAll('mark')].map(m => m.textContent).join('')])")
    assert ["credit", "Masih/File"] in marked
    assert ["caption", FLOOD.splitlines()[6][len("AP Photo/Pervez Masih/File"):]] in marked
    marks = page.js(f"[...{card}.querySelectorAll('mark')].map(m => ["
                    "m.getBoundingClientRect().height, getComputedStyle(m).backgroundColor])")
    for height, colour in marks:
        assert height > 0 and colour != "rgba(0, 0, 0, 0)"
    kinds = page.js(f"[...{card}.querySelectorAll('.seg .kind')].map(k => k.textContent)")
    assert kinds[:2] == ["headline", "dateline"] and "credit" in kinds and "caption" in kinds
    reuse = page.js(f"[...{card}.querySelectorAll('li.finding')].find(li => "
                    "li.textContent.includes('caption-reuse')).querySelector('.refs a').hash")
    hostile = page.js(card_of("=2+3") + ".id")
    assert reuse == f"#{hostile}"


@needs_chromium
def test_injected_markup_is_shown_as_text_and_never_runs(page):
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.js("document.images.length") == 0
    assert page.js("document.scripts.length") == 2
    anchor = page.js(card_of("=2+3") + ".id")
    page.js(f"document.getElementById('{anchor}').open = true")
    text = page.js(f"document.getElementById('{anchor}').querySelector('.text').innerText")
    assert PAYLOAD in text and BREAKOUT in text
    title = page.js(f"document.getElementById('{anchor}').querySelector('.a-title').textContent")
    assert title.startswith(f'Budget & "cuts" {PAYLOAD}')
    assert page.js(f"document.getElementById('{anchor}').querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert page.js("typeof window.__pwned") == "undefined"


@needs_chromium
def test_filters_and_search(page, articles):
    visible = "[...document.querySelectorAll('details.article')].filter(d => !d.hidden).map(d => d.querySelector('.sub').textContent)"
    set_rule = ("(v => { const s = document.getElementById('f-rule'); s.value = v; "
                "s.dispatchEvent(new Event('change')); })")
    page.js(f"{set_rule}('caption-reuse')")
    shown = page.js(visible)
    assert len(shown) == 1 and "ap-2024-0611" in shown[0]
    assert page.js("document.getElementById('f-status').textContent").startswith("Showing 1 of")
    hidden_findings = page.js("[...document.querySelectorAll('li.finding')].filter(l => "
                              "!l.closest('details').hidden && l.hidden).length")
    flood = by_id(articles, "ap-2024-0611")
    assert hidden_findings == len(flood["findings"]) - 1
    page.js(f"{set_rule}('')")
    page.js("(q => { q.value = 'JACOBABAD'; q.dispatchEvent(new Event('input')); })"
            "(document.getElementById('f-q'))")
    shown = page.js(visible)
    assert len(shown) == 1 and "ap-2024-0611" in shown[0]
    page.js("(q => { q.value = 'no such words anywhere'; q.dispatchEvent(new Event('input')); })"
            "(document.getElementById('f-q'))")
    assert page.js(visible) == []
    page.js("(q => { q.value = ''; q.dispatchEvent(new Event('input')); })"
            "(document.getElementById('f-q'))")
    page.js("(s => { s.value = 'info'; s.dispatchEvent(new Event('change')); })"
            "(document.getElementById('f-sev'))")
    listed = page.js("document.querySelectorAll('details.article').length")
    assert len(page.js(visible)) == listed


@needs_chromium
def test_screenshots_at_desk_and_phone_width(browser, page, out, tmp_path):
    png = page.screenshot(tmp_path / "desk.png")
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    phone = Page(browser, (out / "report.html").as_uri(), width=390, height=844)
    overflow = phone.js("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, "the page scrolls sideways on a phone"
    keep = os.environ.get("CHECKER_AUDIT_SCREENSHOTS")
    if keep:  # for people judging the design: CHECKER_AUDIT_SCREENSHOTS=/some/dir
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "desk.png", Path(keep) / "desk.png")
        phone.screenshot(Path(keep) / "phone.png")


# -- report.html as a working tool: tables, URL state, chart filters, marks, labels --------

def _findings_table(page) -> list[dict]:
    return page.js("[...document.querySelectorAll('#ft tbody tr')].map(tr => ({"
                   "fid: tr.dataset.fid, rule: tr.querySelector('code.rule').textContent, "
                   "sev: tr.querySelector('.sev-tag').textContent, "
                   "conf: parseInt(tr.children[5].textContent), "
                   "source: tr.children[1].textContent, "
                   "article: tr.querySelector('.sub').textContent}))")


def _settle(page, expression: str = "0"):
    return page.js(f"new Promise(r => setTimeout(() => r({expression}), 30))")


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """120 made-up articles: 96 with 3 findings each, 24 passing."""
    from tests.audit_synthetic import entries

    folder = tmp_path_factory.mktemp("many")
    write_outputs(folder, entries(120, 3), {"sources": ["many.jsonl"]}, max_html_articles=30)
    return folder


@pytest.fixture
def many_page(browser, many):
    page = Page(browser, (many / "report.html").as_uri())
    yield page
    page.call("Page.close")


@needs_chromium
def test_findings_table_sorts_and_pages(many_page):
    page = many_page
    status = page.js("document.getElementById('ft-status').textContent")
    total = int(status.split()[0])
    assert total > 100 and page.js("document.querySelectorAll('#ft tbody tr').length") == 50
    assert page.js("document.querySelector('.pager[data-table=ft] .page').textContent") == (
        f"Page 1 of {-(-total // 50)}")
    # default: worst first (errors before warnings, then by confidence)
    rows = _findings_table(page)
    ranks = [({"error": 2, "warning": 1, "info": 0}[r["sev"]], r["conf"]) for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    page.js("document.querySelector('#ft th[data-sort=conf] button').click()")
    confs = [r["conf"] for r in _findings_table(page)]
    assert confs == sorted(confs, reverse=True) and "fsort=-conf" in page.js("location.search")
    page.js("document.querySelector('#ft th[data-sort=conf] button').click()")
    confs = [r["conf"] for r in _findings_table(page)]
    assert confs == sorted(confs) and "fsort=conf" in page.js("location.search")
    assert page.js("document.querySelector('#ft th[data-sort=conf]').getAttribute('aria-sort')") == "ascending"
    page.js("document.querySelector('#ft th[data-sort=rule] button').click()")
    rules = [r["rule"] for r in _findings_table(page)]
    assert rules == sorted(rules)
    first = {r["fid"] for r in _findings_table(page)}
    page.js("document.querySelector('.pager[data-table=ft] [data-step=\"1\"]').click()")
    second = {r["fid"] for r in _findings_table(page)}
    assert len(second) == 50 and not first & second
    assert "fpage=2" in page.js("location.search")
    assert page.js("document.querySelector('.pager[data-table=ft] .page').textContent").startswith("Page 2 of")
    page.js("history.back()")
    assert _settle(page, "document.querySelector('.pager[data-table=ft] .page').textContent").startswith("Page 1 of")


@needs_chromium
def test_filters_live_in_the_url_and_survive_a_reload(browser, many):
    url = (many / "report.html").as_uri() + "?rule=off-topic&source=wire.example&sev=info"
    page = Page(browser, url)
    try:
        assert page.js("document.getElementById('f-rule').value") == "off-topic"
        assert page.js("document.getElementById('f-source').value") == "wire.example"
        rows = _findings_table(page)
        assert rows and {r["rule"] for r in rows} == {"off-topic"}
        assert {r["source"] for r in rows} == {"wire.example"}
        assert "info" in {r["sev"] for r in rows}
        # change a filter on the page, reload: the page comes back as it was left
        page.js("(s => { s.value = 'error'; s.dispatchEvent(new Event('change')); })"
                "(document.getElementById('f-sev'))")
        page.js("(q => { q.value = 'story 0001'; q.dispatchEvent(new Event('input')); })"
                "(document.getElementById('f-q'))")
        before = page.js("location.search")
        assert "sev=error" in before and "q=story" in before
        expected = [r["fid"] for r in _findings_table(page)]
        page.call("Page.reload")
        browser.wait_for("Page.loadEventFired", page.session)
        assert page.js("location.search") == before
        assert page.js("document.getElementById('f-sev').value") == "error"
        assert page.js("document.getElementById('f-q').value") == "story 0001"
        assert [r["fid"] for r in _findings_table(page)] == expected
        assert all(r["sev"] == "error" for r in _findings_table(page))
        page.js("document.getElementById('f-clear').click()")
        assert page.js("location.search") == ""
    finally:
        page.call("Page.close")


@needs_chromium
def test_clicking_a_chart_filters_the_tables(many_page):
    page = many_page
    page.js("document.querySelector('[data-chart=by-rule] .hrow[data-value=\"boilerplate\"]').click()")
    assert page.js("document.getElementById('f-rule').value") == "boilerplate"
    assert {r["rule"] for r in _findings_table(page)} == {"boilerplate"}
    assert "rule=boilerplate" in page.js("location.search")
    page.js("document.querySelector('[data-chart=by-source] .hrow[data-value=\"gazette.example\"]').click()")
    assert {r["source"] for r in _findings_table(page)} == {"gazette.example"}
    period = page.js("document.querySelector('[data-chart=trend] g.period[data-value]').dataset.value")
    page.js("document.querySelector('[data-chart=trend] g.period[data-value]')"
            ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    assert page.js("document.getElementById('f-period').value") == period
    dates = page.js("[...document.querySelectorAll('#ft tbody tr')].map(tr => tr.children[2].textContent)")
    assert dates and all(d.startswith(period) for d in dates)
    # a second click on the same bar takes its filter off
    page.js("document.querySelector('[data-chart=by-rule] .hrow[data-value=\"boilerplate\"]').click()")
    assert page.js("document.getElementById('f-rule').value") == ""
    page.js("document.querySelector('[data-chart=verdicts] rect[data-verdict=pass]')"
            ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    assert page.js("document.getElementById('f-verdict').value") == "pass"


@needs_chromium
def test_passing_articles_are_listed(many_page, page):
    many_page.js("(s => { s.value = 'pass'; s.dispatchEvent(new Event('change')); })"
                 "(document.getElementById('f-verdict'))")
    from checker.audit.digest import verdict
    from tests.audit_synthetic import entries

    passing = [e for e in entries(120, 3) if verdict(e) == "pass"]
    assert sum(1 for e in passing if not e["findings"]) == 24 < len(passing)
    assert many_page.js("document.getElementById('at-status').textContent") == f"{len(passing)} articles"
    rows = many_page.js("[...document.querySelectorAll('#at tbody tr')].map(tr => "
                        "[tr.querySelector('.verdict').textContent, "
                        "[...tr.querySelectorAll('td.num')].map(td => td.textContent).join(' ')])")
    assert rows and {v for v, _ in rows} == {"pass"} and ["pass", "0 0 0"] in rows
    # the real report: the clean wheat story, which has no finding, is in the articles table
    page.js("document.getElementById('f-clear').click()")
    listed = page.js("[...document.querySelectorAll('#at tbody tr')].map(tr => "
                     "[tr.querySelector('.sub').textContent, tr.querySelector('.verdict').textContent])")
    assert any(sub.startswith("wire-7") and verdict == "pass" for sub, verdict in listed)
    assert page.js("document.getElementById('at-status').textContent") == "4 articles"


@needs_chromium
def test_evidence_is_in_plain_words_with_the_raw_keys_kept(page):
    facts = page.js("[...document.querySelectorAll('ul.evidence li')].map(li => "
                    "[li.querySelector('.ev-l').textContent, li.title, "
                    "getComputedStyle(li.querySelector('.ev-k')).display])")
    labels = {label for label, _, _ in facts}
    assert "similarity threshold" not in labels  # paired with the similarity, said with it
    reuse = next(f for f in facts if f[1].startswith("similarity = 0.97"))
    assert reuse[0] == "closeness to the story" and "min_similarity = 0.9" in reuse[1]
    assert all(shown == "none" for _, _, shown in facts)
    page.js("document.getElementById('f-raw').click()")
    assert page.js("getComputedStyle(document.querySelector('ul.evidence .ev-k')).display") == "block"
    page.js("document.getElementById('f-raw').click()")


@needs_chromium
def test_marks_persist_and_export_labels_that_train_and_check_accept(
        browser, page, out, articles, tmp_path, engine, config):
    from typer.testing import CliRunner

    from checker.cli import app
    from checker.train import collect, read_labels

    page.js("document.getElementById('f-clear').click()")
    page.js("(s => { s.value = 'info'; s.dispatchEvent(new Event('change')); })"
            "(document.getElementById('f-sev'))")
    rows = _findings_table(page)
    flood = by_id(articles, "ap-2024-0611")
    caption = next(f for f in flood["findings"] if f["rule"] == "caption-mismatch")
    glued = next(f for f in flood["findings"] if f["rule"] == "extraction-artifact")
    fid = {r["rule"]: r["fid"] for r in rows if r["article"].startswith("ap-2024-0611")
           and r["rule"] in ("caption-mismatch", "extraction-artifact")}
    click = "document.querySelector('#ft tr[data-fid=\"{}\"] button[data-mark={}]').click()"
    page.js(click.format(fid["caption-mismatch"], "confirmed"))
    page.js(click.format(fid["extraction-artifact"], "false"))
    # the card's buttons for the same finding agree, and a reload keeps the marks
    assert page.js(f"document.querySelector('li.finding[data-fid=\"{fid['caption-mismatch']}\"] "
                   "button[data-mark=confirmed]').getAttribute('aria-pressed')") == "true"
    page.call("Page.reload")
    browser.wait_for("Page.loadEventFired", page.session)
    pressed = page.js("[...document.querySelectorAll('#ft button.mark[aria-pressed=true]')]"
                      ".map(b => [b.dataset.fid, b.dataset.mark])")
    assert sorted(pressed) == sorted([[fid["caption-mismatch"], "confirmed"],
                                      [fid["extraction-artifact"], "false"]])
    page.js("(s => { s.value = 'false'; s.dispatchEvent(new Event('change')); })"
            "(document.getElementById('f-review'))")
    assert [r["fid"] for r in _findings_table(page)] == [fid["extraction-artifact"]]

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.call("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads),
                                                 "eventsEnabled": True})
    page.js("document.getElementById('labels-export').click()")
    deadline = time.monotonic() + 20
    while not [p for p in downloads.iterdir() if p.suffix == ".jsonl"] and time.monotonic() < deadline:
        time.sleep(0.1)
    (labels,) = [p for p in downloads.iterdir() if p.suffix == ".jsonl"]
    (record,) = [json.loads(line) for line in labels.read_text("utf-8").splitlines()]
    assert record["file"] == flood["path"] and record["group"] == "ap-2024-0611"
    assert record["positive_lines"] == [caption["line"]]
    assert record["accept_rules"] == ["caption-mismatch"]
    assert [(f["rule"], f["excerpt"]) for f in record["false_alarms"]] == [
        ("extraction-artifact", glued["excerpt"])]
    lines = len(FLOOD.splitlines())
    assert caption["line"] not in record["ignore_lines"]
    assert set(record["ignore_lines"]) | {caption["line"]} == set(range(1, lines + 1))

    # checker train reads it: the confirmed caption is a positive for caption-mismatch, and
    # no other candidate of the article becomes an example (their lines are ignored)
    items = read_labels([labels])
    examples, _ = collect(items, config.scorers, engine.segmenter, engine.embedder)
    assert examples["caption-mismatch"].labels == [1]
    assert all(not ex.labels for name, ex in examples.items() if name != "caption-mismatch")

    # checker check --baseline takes the same file: the false alarm is silenced, the
    # confirmed finding is still reported
    def check(*extra):
        result = CliRunner().invoke(app, ["check", flood["path"], "--format", "json",
                                          "--fail-on", "never", *extra])
        assert result.exit_code == 0, result.output
        return [(f["rule"], f["line"]) for f in json.loads(result.stdout)["files"][0]["findings"]]

    plain, baselined = check(), check("--baseline", str(labels))
    assert ("extraction-artifact", glued["line"]) in plain
    assert ("extraction-artifact", glued["line"]) not in baselined
    assert ("caption-mismatch", caption["line"]) in baselined
    assert len(baselined) == len(plain) - 1
    page.js("localStorage.clear()")


@needs_chromium
def test_filtering_ten_thousand_findings_is_quick(browser, tmp_path):
    """bench/report_speed.py prints the figure; this only guards against a collapse."""
    from tests.audit_synthetic import entries

    made = entries(2500, 5)
    findings = [f for e in made for f in e["findings"]]
    assert len(findings) == 10_000
    write_outputs(tmp_path, made, {"sources": ["big.jsonl"]})
    page = Page(browser, (tmp_path / "report.html").as_uri())
    try:
        shown = sum(1 for f in findings if f["severity"] != "info")
        assert page.js("document.getElementById('ft-status').textContent") == f"{shown:,} findings"
        took = page.js("(() => { const t = performance.now(); "
                       "checkerAudit.set({rule: 'off-topic', sev: 'info'}, true); "
                       "document.body.offsetHeight; return performance.now() - t; })()")
        assert took < 5000, f"filtering took {took:.0f} ms"
        assert {r["rule"] for r in _findings_table(page)} == {"off-topic"}
    finally:
        page.call("Page.close")
