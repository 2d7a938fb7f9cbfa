"""A battery of hostile inputs (issue 20): each case runs through `checker check` (text, json,
sarif, junit, github), `checker review` and, for some, `checker audit`, each in its own
process with a timeout, and each outcome is classified:

  crash     a traceback on stderr, or an exit code outside 0/1/2 (a signal included)
  hang      the timeout ran out (60 s for the big inputs, less for small ones)
  exit      the wrong exit code: unreadable input or a bad configuration not exiting 2, a
            readable article exiting 2, exit 2 with nothing said on stderr
  output    JSON/SARIF that does not parse, JUnit that is not XML, a control or bidi character
            from an article or a file name reaching a terminal format raw
  lost      audit: an article of the sources missing from articles.jsonl (with no error row)

    .venv/bin/python bench/hostile.py                 # every family, 2 at a time (~25 min)
    .venv/bin/python bench/hostile.py --quick         # QUICK: 2-3 cheap cases a family (~30 s)
    .venv/bin/python bench/hostile.py --only encodings,output --jobs 2 --keep /tmp/battery

`--quick` runs a representative few of each family, cheap ones (its time cases take seconds), to
run after every change; the whole battery is for before a merge. `--only` narrows either.

Prints a table by family and the failing cases (command, exit code, the last lines of stderr).
Run as root, commands run as `nobody` (setpriv), so that unreadable files are unreadable.
"""
from __future__ import annotations

import argparse
import codecs
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
NOBODY = 65534
OK, ERROR, ANY = "ok", "error", "any"          # exit 0/1, exit 2, any of 0/1/2
FORMATS = ("text", "json", "sarif", "junit", "github")
# What must never reach a terminal format raw: C0 controls but tab and newline, DEL, C1, bidi.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")

HEAD = "Floods cut off villages in the north"
PARA = "Rivers rose in the night and officials in Smallville said {i} families were moved to shelters."
STORY = HEAD + "\n\n" + "\n\n".join(PARA.format(i=i) for i in range(3)) + "\n"


# --quick: per family a few cases that are cheap and stand for the rest (a read error, a
# decoding, a parser limit, a hostile pattern, a fault of the audit, a bad configuration,
# an escape in each output format).
QUICK = (
    "enc-utf-16", "invalid-utf8-middle", "nul-only",
    "json-deep", "md-front-matter-invalid-yaml", "html-unclosed",
    "whitespace-runs", "regex-caption.scene_on_weekday",
    "unreadable-file", "symlink-loop-named", "trailing-slash-on-file",
    "corrupt-state", "jsonl-broken-line-middle",
    "toml-is-dir", "rules-yaml-invalid", "params-garbage",
    "escapes-in-headline", "xml-breakers",
)


@dataclass
class Case:
    family: str
    name: str
    files: dict = field(default_factory=dict)     # relative path -> bytes | str | callable(path)
    args: tuple = (".",)                            # paths given to the commands
    expect: str = OK
    runs: tuple = ()                                # default: chosen by `plan`
    timeout: float = 30
    extra: tuple = ()                               # options for every command
    stdin: bytes | None = None
    articles: int | None = None                     # audit: entries articles.jsonl must hold
    scenario: Callable | None = None                # custom: (case, dir, env) -> [Result]
    as_root: bool = False


@dataclass
class Result:
    case: Case
    run: str
    verdict: str                                    # pass, crash, hang, exit, output, lost
    rc: int | None
    detail: str = ""
    seconds: float = 0.0
    stdout: bytes = field(default=b"", repr=False)


# -- the cases --------------------------------------------------------------------------------

def story(body: str = "", head: str = HEAD) -> str:
    return f"{head}\n\n{body or PARA.format(i=1)}\n"


def encodings() -> list[Case]:
    c = []
    text = "Crème brûlée festival draws crowds to Málaga\n\nThe festival, held in São Paulo and Zürich, drew 3,000 people, officials said.\n"
    for enc in ("utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "mac-roman"):
        c.append(Case("encodings", f"enc-{enc}", {"a.txt": text.encode(enc)}))
    c.append(Case("encodings", "enc-shift-jis", {"a.txt": "東京で洪水\n\n川が夜に氾濫し、当局は住民を避難させた。\n".encode("shift_jis")}))
    c.append(Case("encodings", "enc-koi8-r", {"a.txt": "Наводнение в Москве\n\nРеки поднялись ночью, заявили чиновники.\n".encode("koi8-r")}))
    c.append(Case("encodings", "enc-gb18030", {"a.txt": "北方洪水\n\n官员说，河水在夜间上涨。\n".encode("gb18030")}))
    c.append(Case("encodings", "invalid-utf8-middle", {"a.txt": STORY.encode() + b"\xff\xfe\xc3(\n\nMore text.\n"}, expect=ANY))
    c.append(Case("encodings", "truncated-utf8-end", {"a.txt": STORY.encode() + "é".encode()[:1]}, expect=ANY))
    c.append(Case("encodings", "cesu-surrogates", {"a.txt": STORY.encode() + b"\xed\xa0\x80\xed\xb0\x80\n"}, expect=ANY))
    c.append(Case("encodings", "nul-middle", {"a.txt": STORY.encode() + b"\x00" + STORY.encode()}, expect=ANY))
    c.append(Case("encodings", "nul-only", {"a.txt": b"\x00" * 100}, args=("a.txt",), expect=ERROR))
    c.append(Case("encodings", "nul-in-json-string", {"a.json": json.dumps({"headline": "H\u0000x", "body": "Body\u0000text."})}, expect=ANY))
    c.append(Case("encodings", "cr-only", {"a.txt": STORY.replace("\n", "\r").encode()}))
    c.append(Case("encodings", "mixed-newlines", {"a.txt": (HEAD + "\r\n\r\n" + PARA.format(i=1) + "\r\r" + PARA.format(i=2) + "\n\n" + PARA.format(i=3) + "\r\n").encode()}))
    c.append(Case("encodings", "form-feed-vt", {"a.txt": STORY.replace("\n\n", "\n\f\v\n")}))
    c.append(Case("encodings", "unicode-line-separators", {"a.txt": STORY.replace("\n\n", "\u2028\u2029\u0085")}))
    c.append(Case("encodings", "zero-width-everywhere", {"a.txt": "\u200b".join(STORY) + "\ufeff\u2060"}))
    c.append(Case("encodings", "rtl-arabic", {"a.txt": "فيضانات تقطع القرى في الشمال\n\nارتفعت الأنهار في الليل وقال مسؤولون إن مئات العائلات نقلت.\n"}))
    c.append(Case("encodings", "rtl-hebrew-mixed", {"a.txt": "שיטפונות in Smallville\n\nRivers rose, אמרו הפקידים, and 300 families moved.\n"}))
    c.append(Case("encodings", "emoji-astral", {"a.txt": story("🌊🌊 Rivers rose 𝓲𝓷 𝓽𝓱𝓮 𝓷𝓲𝓰𝓱𝓽 👨‍👩‍👧‍👦🏳️‍🌈 said officials 𠜎𠜱.", "Floods 🌊 hit 𝕊𝕞𝕒𝕝𝕝𝕧𝕚𝕝𝕝𝕖")}))
    c.append(Case("encodings", "zalgo", {"a.txt": story("R" + "\u0301\u0302\u0303\u0304" * 2000 + "ivers rose.")}))
    c.append(Case("encodings", "bom-in-middle", {"a.txt": STORY + "\ufeff" + STORY}))
    c.append(Case("encodings", "only-bom", {"a.txt": codecs.BOM_UTF8}, args=("a.txt",), expect=ERROR))
    c.append(Case("encodings", "utf16-odd-length", {"a.txt": STORY.encode("utf-16-le") + b"A"}, expect=ANY))
    c.append(Case("encodings", "utf16-bom-invalid", {"a.txt": codecs.BOM_UTF16_LE + b"\x00\xd8A\x00"}, args=("a.txt",), expect=ERROR))
    # Named empty files: `check` skips them with a note (placeholders, by design), review errs.
    c.append(Case("encodings", "whitespace-only", {"a.txt": " \n\t\n  \n"}, args=("a.txt",), expect=ANY))
    c.append(Case("encodings", "empty", {"a.txt": b""}, args=("a.txt",), expect=ANY))
    c.append(Case("encodings", "png-bytes", {"a.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20}, args=("a.txt",), expect=ERROR))
    c.append(Case("encodings", "random-bytes", {"a.txt": os.urandom(4096).replace(b"\x00", b"\x01")}, args=("a.txt",), expect=ANY))
    c.append(Case("encodings", "mojibake", {"a.txt": story("The festival, held in SÃ£o Paulo, drew crowds, Ã©tÃ© officials said â€” again.")}))
    c.append(Case("encodings", "html-wrong-meta-charset", {"a.html": '<html><head><meta charset="shift_jis"><title>Crème</title></head><body><h1>Crème brûlée</h1><p>Málaga festival drew 3,000 people, officials said.</p></body></html>'.encode("latin-1")}))
    c.append(Case("encodings", "json-escaped-controls", {"a.json": json.dumps({"headline": "Floods\u0007\u001b[2J", "body": ["Rivers rose\u0008\u0008.", "x\u009b31m red"]})}))
    c.append(Case("encodings", "stdin-latin1", {}, args=("-",), stdin=STORY.replace("officials", "fonctionnaires é").encode("latin-1")))
    c.append(Case("encodings", "stdin-binary", {}, args=("-",), stdin=b"\x00\x01\x02" * 100, expect=ERROR))
    c.append(Case("encodings", "stdin-empty", {}, args=("-",), stdin=b"", expect=ERROR))
    c.append(Case("encodings", "noncharacters", {"a.txt": story("Rivers \uffff\ufffe rose \U0010ffff and \U000e0001 tags.")}))
    c.append(Case("encodings", "private-use-and-replacement", {"a.txt": story("Rivers \ue000\uf8ff rose \ufffd\ufffd.")}))
    return c


def structure() -> list[Case]:
    c = []
    def s(name, files, **kw):
        c.append(Case("structure", name, files, **kw))
    s("html-deep-100k", {"a.html": "<html><body><h1>Title</h1>" + "<div>" * 100_000 + "<p>Deep text.</p>" + "</div>" * 100_000 + "</body></html>"}, timeout=60)
    s("html-100k-empty-elements", {"a.html": "<html><body><article><h1>Floods hit</h1>" + "<span></span>" * 100_000 + "<p>Body text here, officials said.</p></article></body></html>"}, timeout=60)
    s("html-100k-empty-paragraphs", {"a.html": "<html><body><article><h1>Floods hit</h1>" + "<p></p>" * 100_000 + "<p>Body.</p></article></body></html>"}, timeout=60)
    s("html-unclosed", {"a.html": "<html><body><h1>Floods <p>Rivers rose <div><span><b><i>said officials"}, expect=ANY)
    s("html-unclosed-comment", {"a.html": "<html><body><h1>Floods</h1><!-- <p>Rivers rose.</p>" * 3}, expect=ANY)
    s("html-script-only", {"a.html": "<html><head><script>var a = '<p>x</p>';</script></head><body><script>alert(1)</script></body></html>"}, expect=ANY)
    s("html-cdata-pi", {"a.html": "<?xml version='1.0'?><!DOCTYPE html><html><body><h1>Floods</h1><![CDATA[ <p> ]]><?php echo 1 ?><p>Rivers rose, officials said.</p></body></html>"}, expect=ANY)
    s("html-only-h1", {"a.html": "<h1>Floods hit the north</h1>"}, expect=ANY)
    s("html-entities", {"a.html": "<html><body><h1>Floods &amp;&amp;&#0;&#xD800;&#x110000;&#99999999999;</h1><p>" + "&amp;" * 50_000 + " said officials.</p></body></html>"}, expect=ANY)
    s("html-huge-attribute", {"a.html": '<html><body><h1 title="' + "x" * 2_000_000 + '">Floods</h1><p>Rivers rose.</p></body></html>'}, expect=ANY, timeout=60)
    s("html-not-html", {"a.html": "just text, no tags at all\n\nsecond paragraph, officials said.\n"}, expect=ANY)
    s("html-frameset-svg-math", {"a.html": "<html><frameset><frame src=x></frameset><svg><text>Floods</text></svg><math><mi>x</mi></math><body><h1>Floods</h1><p>Rivers.</p></body></html>"}, expect=ANY)
    s("html-many-figures", {"a.html": "<html><body><article><h1>Floods hit</h1><p>Rivers rose, officials said.</p>" + "".join(f"<figure><img alt='Residents {i} wade through water in Smallville'><figcaption>Residents {i} wade through water in Smallville on Monday.</figcaption></figure>" for i in range(2000)) + "</article></body></html>"}, timeout=60)
    s("json-array", {"a.json": json.dumps([{"headline": "H", "body": "B."}])}, args=("a.json",), expect=ANY)
    s("json-string", {"a.json": json.dumps("Floods hit")}, args=("a.json",), expect=ANY)
    s("json-number", {"a.json": "42"}, args=("a.json",), expect=ANY)
    s("json-null", {"a.json": "null"}, args=("a.json",), expect=ANY)
    s("json-empty-object", {"a.json": "{}"}, args=("a.json",), expect=ANY)
    s("json-body-number", {"a.json": json.dumps({"headline": "Floods", "body": 12})}, args=("a.json",), expect=ANY)
    s("json-body-object", {"a.json": json.dumps({"headline": "Floods", "body": {"text": "Rivers rose."}})}, args=("a.json",), expect=ANY)
    s("json-body-nested-lists", {"a.json": json.dumps({"headline": "Floods", "body": [["Rivers rose."], [["Deep."]], None, 3, True]})}, args=("a.json",), expect=ANY)
    s("json-captions-string", {"a.json": json.dumps({"headline": "Floods", "body": "Rivers rose.", "captions": "A man wades."})}, args=("a.json",), expect=ANY)
    s("json-captions-odd", {"a.json": json.dumps({"headline": "Floods", "body": "Rivers rose.", "captions": [1, None, {"text": 5}, {"credit": "AP"}, {"text": "A man wades.", "credit": ["x"]}, [["y"]]]})}, args=("a.json",), expect=ANY)
    s("json-headline-types", {"a.json": json.dumps({"headline": ["Floods", "hit"], "body": "Rivers rose.", "date": 20240101, "url": {"a": 1}, "id": [1]})}, args=("a.json",), expect=ANY)
    s("json-huge-number", {"a.json": '{"headline": "Floods", "body": "Rivers rose.", "n": ' + "9" * 100_000 + "}"}, args=("a.json",), expect=ANY)
    s("json-huge-float", {"a.json": '{"headline": "Floods", "body": "Rivers rose.", "n": 1e99999, "m": -1e400, "k": 1.' + "5" * 50_000 + "}"}, args=("a.json",), expect=ANY)
    s("json-nan", {"a.json": '{"headline": "Floods", "body": "Rivers rose.", "n": NaN, "m": Infinity}'}, args=("a.json",), expect=ANY)
    s("json-deep", {"a.json": '{"headline": "H", "body": ' + "[" * 200_000 + "]" * 200_000 + "}"}, args=("a.json",), expect=ANY)
    s("json-deep-objects", {"a.json": '{"headline": "H", "body": "B", "x": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}"}, args=("a.json",), expect=ANY)
    s("json-duplicate-keys", {"a.json": '{"headline": "Floods", "headline": "Other", "body": "Rivers rose.", "body": "Again."}'}, args=("a.json",), expect=ANY)
    s("json-trailing-comma", {"a.json": '{"headline": "Floods", "body": "Rivers rose.",}'}, args=("a.json",), expect=ERROR)
    s("json-truncated", {"a.json": '{"headline": "Floods", "body": "Rivers ro'}, args=("a.json",), expect=ERROR)
    s("json-two-documents", {"a.json": '{"headline": "Floods", "body": "x"}\n{"headline": "B", "body": "y"}'}, args=("a.json",), expect=ANY)
    s("json-jsonl-in-json", {"a.json": "\n".join(json.dumps({"headline": f"H{i}", "body": "B"}) for i in range(3))}, args=("a.json",), expect=ANY)
    s("json-bom", {"a.json": codecs.BOM_UTF8 + json.dumps({"headline": "Floods hit", "body": "Rivers rose, officials said."}).encode()}, args=("a.json",))
    s("json-comments", {"a.json": '// comment\n{"headline": "Floods", "body": "Rivers rose."}'}, args=("a.json",), expect=ERROR)
    s("json-10k-keys", {"a.json": json.dumps({"headline": "Floods", "body": "Rivers rose.", **{f"k{i}": i for i in range(10_000)}})}, args=("a.json",), expect=ANY)
    s("md-only-front-matter", {"a.md": "---\ntitle: Floods hit the north\nauthor: Jane\n---\n"}, expect=ANY)
    s("md-front-matter-unclosed", {"a.md": "---\ntitle: Floods\n\nRivers rose, officials said.\n"}, expect=ANY)
    s("md-front-matter-list", {"a.md": "---\n- a\n- b\n---\n\nRivers rose.\n"}, expect=ANY)
    s("md-front-matter-scalar", {"a.md": "---\njust a string\n---\n\nRivers rose.\n"}, expect=ANY)
    s("md-front-matter-invalid-yaml", {"a.md": "---\ntitle: [unclosed\n\tkey: : :\n---\n\nRivers rose.\n"}, expect=ANY)
    s("md-front-matter-types", {"a.md": "---\ntitle: [Floods, hit]\nheadline: {a: 1}\nauthor: 12\ndate: [2024]\ncaption: {x: y}\ncaptions: 5\n---\n\nRivers rose, officials said.\n"}, expect=ANY)
    s("md-front-matter-null-title", {"a.md": "---\ntitle:\ndate:\ncaptions: [null, 1, {text: x}]\n---\n\nRivers rose, officials said.\n"}, expect=ANY)
    s("md-front-matter-tags", {"a.md": "---\ntitle: !!python/object/apply:os.system ['echo pwned']\nx: !!binary aGVsbG8=\ny: !custom z\n---\n\nRivers rose.\n"}, expect=ANY)
    s("md-front-matter-dates", {"a.md": "---\ntitle: Floods\ndate: 0001-01-01\nupdated: 9999-12-31T23:59:59Z\n---\n\nRivers rose in 1066 and 9999, officials said.\n"}, expect=ANY)
    s("md-front-matter-1mb", {"a.md": "---\ntitle: Floods\nnotes: |\n" + "  line of notes\n" * 70_000 + "---\n\nRivers rose.\n"}, expect=ANY, timeout=60)
    s("md-alias-bomb", {"a.md": "---\n" + "".join(f"{k}: &{k} [{','.join(['*' + p] * 9 if p else ['x'] * 9)}]\n" for k, p in zip("abcdefghi", ["", *"abcdefgh"])) + "title: T\n---\n\nBody.\n"}, args=("a.md",), expect=ERROR)
    s("md-deep-blockquote", {"a.md": "# Floods\n\n" + ">" * 50_000 + " Rivers rose.\n"}, expect=ANY)
    s("md-deep-list", {"a.md": "# Floods\n\n" + "".join("  " * i + "- item\n" for i in range(1000))}, expect=ANY, timeout=60)
    s("md-many-link-refs", {"a.md": "# Floods\n\nRivers [rose][1].\n\n" + "".join(f"[{i}]: http://x/{i}\n" for i in range(20_000))}, expect=ANY)
    s("md-nested-emphasis", {"a.md": "# Floods\n\n" + "*_" * 20_000 + "text" + "_*" * 20_000 + "\n"}, expect=ANY)
    s("md-unclosed-code-fence", {"a.md": "# Floods\n\n```\nRivers rose.\n" * 3}, expect=ANY)
    s("md-html-inside", {"a.md": "# Floods\n\n<div><p>Rivers rose.</p>\n\n<script>x</script>\n\n<figure><figcaption>A man wades.</figcaption></figure>\n"}, expect=ANY)
    s("txt-headline-only", {"a.txt": "Floods hit the north\n"}, expect=ANY)
    s("txt-single-word", {"a.txt": "x"}, expect=ANY)
    s("txt-100k-blank-lines", {"a.txt": HEAD + "\n" * 100_000 + PARA.format(i=1) + "\n"})
    s("txt-only-punctuation", {"a.txt": "!!!\n\n???...,,,;;;\n\n———\n"}, expect=ANY)
    s("txt-only-numbers", {"a.txt": "2024\n\n1 2 3 4 5 6 7 8 9 10 1e308 -0 0x1F 99999999999999999999999999\n"}, expect=ANY)
    s("txt-checker-directives", {"a.txt": story("<!-- checker: disable --> <!-- checker: disable=nope,,, --> checker: ignore[\x00]") + "<!-- checker: enable=" + "a," * 5000 + " -->\n"}, expect=ANY)
    return c


def time_family() -> list[Case]:
    c = []
    def t(name, files, **kw):
        kw.setdefault("timeout", 60)
        kw.setdefault("runs", ("check-json", "review"))
        c.append(Case("time", name, files, **kw))
    words = (PARA + " ") * 1
    t("many-paragraphs-20k", {"a.txt": HEAD + "\n\n" + "\n\n".join(PARA.format(i=i) for i in range(20_000)) + "\n"})
    t("many-lines-100k", {"a.txt": HEAD + "\n\n" + "\n".join(f"Line {i} of a list" for i in range(100_000)) + "\n"})
    t("single-line-4.9mb-words", {"a.txt": (HEAD + " " + words * (4_900_000 // len(words)))[:4_900_000] + "\n"})
    t("single-line-10mb", {"a.txt": "word " * 2_000_000}, args=("a.txt",), expect=ERROR)
    t("long-word-4.9mb", {"a.txt": "Headline\n\n" + "Aa" * 2_450_000 + "\n"})
    t("long-word-no-head", {"a.txt": "x" * 4_900_000})
    t("one-sentence-per-line-repeated", {"a.txt": HEAD + "\n\n" + ("Rivers rose. " * 300_000) + "\n"})
    t("many-captions-md", {"a.md": "# Floods hit\n\nRivers rose, officials said.\n\n" + "\n\n".join(f"![Residents {i} wade through water in Smallville on Monday]({i}.jpg)" for i in range(5_000)) + "\n"})
    t("html-40k-paragraphs", {"a.html": "<html><body><article><h1>Floods hit</h1>" + "".join(f"<p>{PARA.format(i=i)}</p>" for i in range(40_000)) + "</article></body></html>"})
    t("json-40k-paragraphs", {"a.json": json.dumps({"headline": "Floods hit", "body": [PARA.format(i=i) for i in range(40_000)]})})
    t("identical-paragraphs-10k", {"a.txt": HEAD + "\n\n" + "\n\n".join([PARA.format(i=1)] * 10_000) + "\n"})
    t("many-numbers", {"a.txt": HEAD + "\n\n" + " ".join(f"{i},{i % 1000:03d}.5%" for i in range(350_000)) + "\n"})
    t("many-dates", {"a.txt": HEAD + "\n\n" + "\n\n".join(f"On Monday, March {i % 28 + 1}, {1900 + i % 200} it rained." for i in range(20_000)) + "\n"})
    t("many-places", {"a.txt": HEAD + "\n\n" + " ".join(["Paris London Berlin Madrid Rome Lagos Dhaka Lima Quito Oslo"] * 40_000) + "\n"})
    t("all-caps", {"a.txt": HEAD.upper() + "\n\n" + "\n\n".join(PARA.format(i=i).upper() for i in range(5_000)) + "\n"})
    t("capitalised-words", {"a.txt": HEAD + "\n\n" + " ".join(f"Word{i} Name{i}" for i in range(200_000)) + "\n"})
    t("many-bylines-credits", {"a.txt": HEAD + "\n\n" + "\n\n".join(["By Jane Doe", "(AP Photo/John Smith)", "SMALLVILLE (AP) —", "Copyright 2024 Reuters"] * 5_000) + "\n"})
    t("many-short-paragraphs", {"a.txt": HEAD + "\n\n" + "\n\n".join("x" for _ in range(200_000)) + "\n"})
    t("whitespace-runs", {"a.txt": HEAD + "\n\n" + ("a" + " " * 10_000 + "\t" * 10_000) * 200 + "\n"})
    t("punctuation-runs", {"a.txt": HEAD + "\n\n" + ("Rivers rose" + "." * 20_000 + "!" * 20_000 + "(" * 20_000 + "\"" * 20_000) * 10 + "\n"})
    t("md-bangs", {"a.md": "# Title\n\n" + "![a" * 400_000 + "![a](b.jpg)\n"})
    t("md-brackets", {"a.md": "# Title\n\n" + "[" * 1_000_000 + "x" + "]" * 1_000_000 + "\n"})
    t("html-4mb-text-node", {"a.html": "<html><body><h1>Floods</h1><p>" + ("Rivers rose. " * 300_000) + "</p></body></html>"})
    t("html-tag-soup", {"a.html": "<html><body><h1>Floods</h1>" + "<b><i>x</b></i><p>" * 100_000 + "</body></html>"})
    return c + regex_cases()


def regex_cases() -> list[Case]:
    """For every pattern of rules/segmenter.yml, an article of lines built from its own
    examples to be as hard as possible on a backtracking engine: each example repeated into
    one long line, its prefix repeated, the example run on in its own last character (a date's
    figures after its label), and runs of the characters it is made of."""
    sys.path.insert(0, str(ROOT))
    from checker.config import load

    out = []
    for family, entry in load().segmenter.named_patterns():
        lines = []
        for example in (*entry.matches, *entry.rejects)[:3]:
            ex = example.strip()
            lines.append(" ".join([ex] * max(1, 20_000 // max(1, len(ex)))))
            lines.append(ex[: max(1, len(ex) // 2)] * max(1, 10_000 // max(1, len(ex) // 2)) + "!")
            lines.append(" " * 5_000 + ex + " " * 5_000 + "x")
            lines.append(ex + ex[-1] * 60 + "\u00a7")
        lines.append("".join(sorted(set("".join(entry.matches)))) * 300)
        lines.append("A" * 20_000 + ".")
        lines.append("(" * 5_000 + "a" * 5_000)
        text = HEAD + "\n\n" + "\n\n".join(lines) + "\n\n" + "\n".join(lines[:6]) + "\n"
        out.append(Case("time", f"regex-{family.removesuffix('_patterns').removesuffix('_pattern')}.{entry.name}",
                        {"a.txt": text, "b.md": "# " + HEAD + "\n\n" + text}, runs=("check-json",), timeout=60))
    return out


def filesystem() -> list[Case]:
    c = []
    def f(name, files, **kw):
        c.append(Case("filesystem", name, files, **kw))
    f("fifo-named", {"p.txt": "fifo"}, args=("p.txt",), expect=ERROR, timeout=15)
    f("fifo-in-folder", {"a.txt": STORY, "p.txt": "fifo"}, timeout=15)
    f("socket-in-folder", {"a.txt": STORY, "s.txt": "socket"}, timeout=15)
    f("socket-named", {"s.txt": "socket"}, args=("s.txt",), expect=ERROR, timeout=15)
    f("dev-null", {}, args=("/dev/null",), expect=ERROR, timeout=15)
    f("dev-zero", {}, args=("/dev/zero",), expect=ERROR, timeout=15)
    f("dev-urandom", {}, args=("/dev/urandom",), expect=ERROR, timeout=15)
    f("proc-file", {}, args=("/proc/self/status",), expect=ANY, timeout=15)
    f("symlink-to-file", {"a.txt": STORY, "l.txt": "->a.txt"})
    f("dangling-symlink-in-folder", {"a.txt": STORY, "l.txt": "->missing.txt"}, expect=ANY)
    f("dangling-symlink-named", {"l.txt": "->missing.txt"}, args=("l.txt",), expect=ERROR)
    f("symlink-loop-file", {"a.txt": STORY, "x.txt": "->y.txt", "y.txt": "->x.txt"}, expect=ANY)
    f("symlink-loop-named", {"x.txt": "->y.txt", "y.txt": "->x.txt"}, args=("x.txt",), expect=ERROR)
    f("symlink-dir-loop", {"d/a.txt": STORY, "d/up": "->..", "d/self": "->."})
    f("symlink-dir-loop-glob", {"d/a.md": "# " + STORY, "d/up": "->.."}, args=("**/*.md",))
    f("unreadable-file", {"a.txt": STORY, "b.txt": "mode000:" + STORY}, expect=ERROR)
    f("unreadable-file-named", {"b.txt": "mode000:" + STORY}, args=("b.txt",), expect=ERROR)
    f("unreadable-folder", {"a.txt": STORY, "locked/b.txt": STORY, "locked": "dirmode000"}, expect=ERROR,
      runs=("check-text", "check-json", "check-sarif"))
    f("unsearchable-folder", {"a.txt": STORY, "locked/b.txt": STORY, "locked": "dirmode444"}, expect=ERROR,
      runs=("check-text", "check-json", "check-junit"))
    f("non-utf8-name", {b"caf\xe9.txt": STORY})
    f("escape-in-name", {"\x1b[31mred\x07.txt": STORY, "new\nline.txt": STORY, "back\bspace\r.txt": STORY})
    f("bidi-in-name", {"evil\u202etxt.exe.txt": STORY, "\u2066iso\u2069.md": "# " + STORY})
    f("dir-named-like-file", {"x.txt/a.txt": STORY})
    f("dir-named-like-file-named", {"x.txt/a.txt": STORY}, args=("x.txt",))
    f("nonexistent-path", {}, args=("missing.txt",), expect=ERROR)
    f("nonexistent-folder", {}, args=("missing/",), expect=ERROR)
    f("glob-matches-nothing", {"a.txt": STORY}, args=("*.nothing",), expect=ANY)
    f("trailing-slash-on-file", {"a.txt": STORY}, args=("a.txt/",), expect=ERROR)
    f("empty-folder", {"d": "dir"}, args=("d",), expect=ANY)
    f("only-hidden", {".a.txt": STORY, ".d/b.txt": STORY}, expect=ANY)
    f("two-thousand-files", {f"d/{i:04d}.txt": story(PARA.format(i=i), f"Headline {i} about floods") for i in range(2000)}, timeout=120, runs=("check-json",))
    f("same-file-twice", {"a.txt": STORY}, args=("a.txt", "a.txt", "./a.txt", "."))
    f("long-name", {"a" * 250 + ".txt": STORY})
    f("deep-folders", {"/".join(["d"] * 200) + "/a.txt": STORY})
    f("stdin-dash-twice", {"a.txt": STORY}, args=("-", "-"), stdin=STORY.encode(), expect=ANY)
    f("vanishing-files", {}, scenario=vanishing, timeout=120)
    f("changing-files", {}, scenario=changing, timeout=120)
    return c


def faults() -> list[Case]:
    c = []
    def a(name, scenario, **kw):
        c.append(Case("faults", name, {}, scenario=scenario, timeout=kw.pop("timeout", 120), **kw))
    a("kill-9-and-resume", kill_and_resume)
    a("corrupt-state", corrupt_state)
    a("truncated-state", truncated_state)
    a("corrupt-caches", corrupt_caches)
    a("truncated-embedding-cache", truncated_embedding_cache)
    a("full-disk", full_disk)
    a("read-only-out", read_only_out)
    a("out-is-a-file", out_is_file)
    a("out-under-a-file", out_under_file)
    a("two-concurrent-audits", concurrent_audits)
    a("jsonl-broken-line-middle", lambda case, d, env: audit_archive(case, d, env, broken_middle_archive(), 20))
    a("jsonl-odd-records", lambda case, d, env: audit_archive(case, d, env, odd_archive(), 12))
    a("jsonl-oversized-line", lambda case, d, env: audit_archive(case, d, env, oversized_archive(), 3))
    a("jsonl-crlf-bom-blank", lambda case, d, env: audit_archive(case, d, env, crlf_archive(), 3))
    a("audit-mixed-folder", audit_mixed_folder)
    a("check-output-unwritable", check_output_unwritable)
    a("check-cache-dir-is-file", cache_dir_is_file)
    return c


def configuration() -> list[Case]:
    c = []
    def k(name, files, extra=(), **kw):
        kw.setdefault("expect", ERROR)
        c.append(Case("configuration", name, {"a.txt": STORY, **files}, extra=tuple(extra), **kw))
    k("toml-invalid", {"checker.toml": "fail-on = [\n"})
    k("toml-binary", {"checker.toml": b"\x00\xff\xfe garbage"})
    k("toml-bad-fail-on", {"checker.toml": 'fail-on = "sometimes"\n'})
    k("toml-fail-on-number", {"checker.toml": "fail-on = 3\n"})
    k("toml-unknown-key", {"checker.toml": "nonsense = true\n"})
    k("toml-select-number", {"checker.toml": "select = 5\n"})
    k("toml-select-unknown-rule", {"checker.toml": 'select = ["no-such-rule"]\n'})
    k("toml-rule-bad-threshold", {"checker.toml": "[rules.duplicate]\nmin_chars = -5\n"})
    k("toml-rule-bad-type", {"checker.toml": '[rules.duplicate]\nmin_chars = "many"\n'})
    k("toml-rule-unknown", {"checker.toml": "[rules.nope]\nenabled = true\n"})
    k("toml-rule-severity", {"checker.toml": '[rules.duplicate]\nseverity = "fatal"\n'})
    k("toml-exclude-type", {"checker.toml": "exclude = 7\n"})
    k("toml-model-missing", {"checker.toml": 'model = "/nonexistent/model"\n'})
    k("toml-is-dir", {"checker.toml/x": "x"})
    k("toml-unreadable", {"checker.toml": 'mode000:fail-on = "warning"\n'})
    k("pyproject-bad-table", {"pyproject.toml": "[tool.checker]\nfail-on = 1\n"})
    k("pyproject-tool-checker-string", {"pyproject.toml": '[tool]\nchecker = "x"\n'})
    k("config-option-dir", {"d/x": "x"}, ["--config", "d"])
    k("config-option-missing", {}, ["--config", "missing.toml"])
    k("rules-dir-file", {"r": "not a dir"}, ["--rules-dir", "r"])
    k("rules-dir-empty", {"r/.keep": ""}, ["--rules-dir", "r"])
    k("rules-dir-missing", {}, ["--rules-dir", "missing"])
    for name, edit in rule_edits():
        k(f"rules-{name}", {"r": ("rules-copy", edit)}, ["--rules-dir", "r"],
          expect=ANY if name == "classifiers-missing" else ERROR)
    k("params-garbage", {"p.json": "not json"}, ["--params", "p.json"])
    k("params-wrong-shape", {"p.json": json.dumps({"classifiers": [1, 2]})}, ["--params", "p.json"])
    k("params-dir", {"p/x": "x"}, ["--params", "p"])
    k("model-missing", {}, ["--model", "/nonexistent/model"])
    k("model-empty-dir", {"m/.keep": ""}, ["--model", "m"])
    k("model-corrupt", {"m/model.onnx": b"garbage" * 100, "m/tokenizer.json": "{}"}, ["--model", "m"])
    k("cache-dir-file-check", {"cf": "file"}, ["--cache-dir", "cf"], expect=ANY, runs=("check-json", "review"))
    k("format-invalid", {}, ["--format", "xml"], runs=("check-text", "review"))
    k("fail-on-invalid", {}, ["--fail-on", "sometimes"], runs=("check-text",))
    k("select-unknown", {}, ["--select", "no-such-rule"], runs=("check-text",))
    k("ignore-unknown", {}, ["--ignore", "nope,,"], runs=("check-text",))
    k("select-empty", {}, ["--select", ""], runs=("check-text",), expect=ANY)
    k("baseline-garbage", {"b.json": "{not json"}, ["--baseline", "b.json"], runs=("check-text",))
    k("baseline-dir", {"b/x": "x"}, ["--baseline", "b"], runs=("check-text",))
    k("baseline-wrong-shape", {"b.json": json.dumps([1, 2, 3])}, ["--baseline", "b.json"], runs=("check-text",))
    k("write-baseline-into-missing-dir", {}, ["--write-baseline", "missing/b.json"], runs=("check-text",))
    k("changed-since-no-git", {}, ["--changed-since", "origin/main"], runs=("check-text",))
    k("output-is-dir", {"o/x": "x"}, ["--output", "o"], runs=("check-text",))
    k("chunk-size-zero", {}, ["--chunk-size", "0"], runs=("audit",))
    k("workers-negative", {}, ["--workers", "-1"], runs=("audit",))
    k("scheduler-bogus", {}, ["--scheduler", "tcp://127.0.0.1:1", "--workers", "1"], runs=("audit",), timeout=90)
    k("stdin-filename-odd", {}, ["--stdin-filename", "\x1b[2J.md"], args=(), stdin=STORY.encode(), expect=OK, runs=("check-text", "review"))
    k("xdg-cache-is-file", {"xdg": "file"}, [], expect=ANY, runs=("check-json",))
    return c


def rule_edits():
    """(name, edit(rules folder)) for a copy of the shipped rules/ made invalid one way."""
    def sub(file, old, new):
        def edit(folder: Path):
            p = folder / file
            text = p.read_text(encoding="utf-8")
            p.write_text(text.replace(old, new, 1) if old else new, encoding="utf-8")
        return edit
    def write(file, data: bytes):
        return lambda folder: (folder / file).write_bytes(data)
    first_pattern = "pattern: "
    return [
        ("yaml-invalid", sub("duplicate.yml", "", "enabled: [\n")),
        ("yaml-not-mapping", sub("duplicate.yml", "", "- a\n- b\n")),
        ("yaml-empty", sub("duplicate.yml", "", "")),
        ("yaml-binary", write("duplicate.yml", b"\xff\xfe\x00garbage")),
        ("yaml-latin1", write("duplicate.yml", "enabled: true # é\n".encode("latin-1"))),
        ("severity-bad", sub("duplicate.yml", "severity: warning", "severity: loud")),
        ("enabled-string", sub("duplicate.yml", "enabled: true", "enabled: maybe")),
        ("segmenter-bad-regex", sub("segmenter.yml", first_pattern, "pattern: '(?P<x' #")),
        ("segmenter-empty", sub("segmenter.yml", "", "")),
        ("segmenter-alias-bomb", sub("segmenter.yml", "", "".join(f"{k}: &{k} [{','.join(['*' + p] * 9 if p else ['x'] * 9)}]\n" for k, p in zip("abcdefghi", ["", *"abcdefgh"])))),
        ("outlets-wrong-type", sub("outlets.yml", "", "credit_agencies: 5\n")),
        ("classifiers-garbage", write("classifiers.json", b"{]")),
        ("classifiers-missing", lambda folder: (folder / "classifiers.json").unlink()),  # falls back: any
        ("rule-file-is-dir", lambda folder: ((folder / "duplicate.yml").unlink(), (folder / "duplicate.yml").mkdir())),
        ("param-nan", sub("caption-mismatch.yml", "min_probability: ", "min_probability: .nan #")),
        ("param-huge", sub("duplicate.yml", "min_words: ", "min_words: 1e999 #")),
    ]


def output_family() -> list[Case]:
    c = []
    all_runs = tuple(f"check-{f}" for f in FORMATS) + ("review", "review-json", "audit")
    nasty = "\x1b[2J\x1b]8;;http://evil/\x07click\x1b]8;;\x07 \x08\x08\x08\r\x9b31m\x7f\u202eevil\u202c \u2066iso\u2069 \u200f"
    def o(name, files, **kw):
        kw.setdefault("runs", all_runs)
        kw.setdefault("articles", len(files))
        c.append(Case("output", name, files, **kw))
    o("escapes-in-headline", {"a.txt": story(PARA.format(i=1), "Floods " + nasty)})
    o("escapes-in-body", {"a.txt": story(PARA.format(i=1) + nasty + " Click here to subscribe to our newsletter " + nasty)})
    o("escapes-in-caption", {"a.md": "# Floods hit\n\nRivers rose, officials said.\n\n![Residents wade in Paris, France " + nasty + "](x.jpg)\n"})
    o("escapes-in-json-fields", {"a.json": json.dumps({"headline": "Floods" + nasty, "body": ["Rivers" + nasty, "Rivers" + nasty], "captions": [{"text": "A man" + nasty, "credit": "AP" + nasty}], "id": nasty, "url": nasty, "date": nasty})})
    o("escapes-in-file-name", {"\x1b[31mred\x1b]8;;x\x07.txt": STORY, "b\u202eevil.txt": STORY, "c\rd.txt": STORY})
    o("newline-in-file-name", {"a\nb.txt:1:1: error fake-rule forged\n.txt": STORY})
    o("xml-breakers", {"a.txt": story("Rivers <rose> & \"fell\" ]]> <![CDATA[ x ]]> officials' said </testcase>", "Floods & <b>hit</b> ]]>")})
    o("xml-invalid-chars", {"a.txt": story("Rivers \x01\x02\x0b\x0c\ufffe\uffff rose.", "Floods \x0b hit")})
    o("xml-breaker-file-name", {"a&<b>\"'.txt": STORY})
    o("markdown-breakers-github", {"a.txt": story("::error file=x::forged\n\n%0A::warning::forged %25 , : ::", "::error::forged headline")})
    o("github-breaker-file-name", {"a,line=1::x%0A::error::y.txt": STORY})
    o("rich-markup", {"a.txt": story("[bold red]Rivers[/] [link=http://x]rose[/link] \\[escaped] [/] [", "[red]Floods[/red] :smile: hit")})
    o("lone-surrogate-json", {"a.json": '{"headline": "Floods \\ud800 hit", "body": "Rivers \\udfff rose.", "captions": ["\\ud83d"], "id": "\\udc00"}'})
    o("emoji-wide-columns", {"a.txt": story("👨‍👩‍👧‍👦" * 200 + " 東京 " * 200 + "Rivers rose.")})
    o("very-long-line-wrap", {"a.txt": story("Rivers " * 5000)})
    o("unicode-line-sep-in-finding", {"a.txt": story("Rivers rose\u2028Click here to subscribe\u2029 to our newsletter.")})
    return c


# -- scenarios (faults and file system changes) ---------------------------------------------

def records(n: int, tag: str = "") -> list[dict]:
    return [{"id": f"{tag}r{i}", "headline": f"Council approves bus lanes {i}",
             "body": [f"The city council voted on Tuesday to add {i} bus lanes on central streets.",
                      "Work is due to start in the spring, officials said."]} for i in range(n)]


def write_archive(path: Path, recs: list) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in recs), encoding="utf-8")
    return path


def broken_middle_archive():
    recs = records(20)
    recs[10] = '{"id": "broken", "headline": "Council appro'
    return recs


def odd_archive():
    return [*records(3), "[1, 2, 3]", '"a string"', "null", "{}", '{"headline": 5, "body": {"x": 1}}',
            '{"headline": "H", "body": "' + "x" * 100 + '\\ud800"}', "\x00\x01", '{"body": ["' + "[" * 10 + '"]}',
            json.dumps({"id": "\x1b[2J\u202e", "headline": "Floods", "body": "Rivers rose."})]


def oversized_archive():
    return [*records(1), json.dumps({"headline": "Big", "body": "x " * 3_000_000}), *records(1, "b")]


def crlf_archive():
    return None  # written specially below


def audit_cmd(src, out, cache, *extra) -> list[str]:
    return [PY, "-m", "checker.cli", "audit", *map(str, src), "--out", str(out), "--workers", "0",
            "--cache-dir", str(cache), *extra]


def entries(out: Path) -> list[dict]:
    path = out / "articles.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def audit_archive(case, d, env, recs, expected) -> list[Result]:
    src = d / "archive.jsonl"
    if recs is None:
        src.write_bytes(codecs.BOM_UTF8 + b"\r\n".join(json.dumps(r).encode() for r in records(3)) + b"\r\n\r\n   \r\n")
    else:
        write_archive(src, recs)
    chown(d)
    res = execute(case, "audit", audit_cmd([src], d / "out", d / "cache"), d, env, case.timeout, ANY)
    return [check_lost(res, d / "out", expected)]


def check_lost(res: Result, out: Path, expected: int, ids: set | None = None) -> Result:
    if res.verdict != "pass":
        return res
    got = entries(out)
    if len(got) != expected:
        res.verdict, res.detail = "lost", f"articles.jsonl holds {len(got)} of {expected} articles"
    elif ids is not None and {e.get("id") for e in got} != ids:
        res.verdict, res.detail = "lost", f"ids differ: missing {sorted(ids - {e.get('id') for e in got})[:5]}"
    return res


def kill_and_resume(case, d, env):
    src = write_archive(d / "a.jsonl", records(30))
    chown(d)
    cmd = audit_cmd([src], d / "out", d / "cache", "--chunk-size", "5")
    first = execute(case, "audit-killed", cmd, d, {**env, "CHECKER_AUDIT_KILL_AFTER_CHUNKS": "2"}, case.timeout, ANY, allow_rc=(-9,))
    second = execute(case, "audit-resume", cmd, d, env, case.timeout, OK)
    return [first, check_lost(second, d / "out", 30, {f"r{i}" for i in range(30)})]


def _audited(case, d, env, n=5):
    src = write_archive(d / "a.jsonl", records(n))
    chown(d)
    cmd = audit_cmd([src], d / "out", d / "cache")
    return src, cmd, execute(case, "audit-first", cmd, d, env, case.timeout, OK)


def corrupt_state(case, d, env):
    src, cmd, first = _audited(case, d, env)
    (d / "out" / "audit.sqlite3").write_bytes(b"not a database " * 1000)
    second = execute(case, "audit-corrupt", cmd, d, env, case.timeout, ERROR)
    third = execute(case, "audit-fresh", cmd + ["--fresh"], d, env, case.timeout, OK)
    return [first, second, check_lost(third, d / "out", 5)]


def truncated_state(case, d, env):
    src, cmd, first = _audited(case, d, env, 40)
    p = d / "out" / "audit.sqlite3"
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    second = execute(case, "audit-truncated", cmd, d, env, case.timeout, ANY)
    if second.verdict == "pass" and second.rc in (0, 1):
        check_lost(second, d / "out", 40)
    third = execute(case, "audit-fresh", cmd + ["--fresh"], d, env, case.timeout, OK)
    return [first, second, check_lost(third, d / "out", 40)]


def corrupt_caches(case, d, env):
    src, cmd, first = _audited(case, d, env)
    for name in ("audit-results.sqlite3", "embeddings.sqlite3"):
        (d / "cache" / name).write_bytes(b"garbage" * 2000)
    second = execute(case, "audit-new-out", audit_cmd([src], d / "out2", d / "cache"), d, env, case.timeout, OK)
    third = execute(case, "check", [PY, "-m", "checker.cli", "check", str(src.parent), "--cache-dir", str(d / "cache")], d, env, 30, ANY)
    return [first, check_lost(second, d / "out2", 5), third]


def truncated_embedding_cache(case, d, env):
    (d / "s").mkdir()
    (d / "s" / "a.txt").write_text(STORY)
    chown(d)
    cmd = [PY, "-m", "checker.cli", "check", "s", "--cache-dir", "cache", "--format", "json"]
    first = execute(case, "check-first", cmd, d, env, 30, OK)
    p = d / "cache" / "embeddings.sqlite3"
    if p.exists():
        p.write_bytes(p.read_bytes()[: max(1, p.stat().st_size // 3)])
    second = execute(case, "check-truncated-cache", cmd, d, env, 30, OK)
    return [first, second]


def full_disk(case, d, env):
    src = write_archive(d / "a.jsonl", records(60))
    chown(d)
    cmd = audit_cmd([src], d / "out", d / "cache", "--chunk-size", "5")
    # RLIMIT_FSIZE: a write past 64 kB fails with EFBIG (Python ignores SIGXFSZ), as on a full disk.
    first = execute(case, "audit-full", cmd, d, env, case.timeout, ERROR, limit_fsize=64_000)
    second = execute(case, "audit-room-again", cmd, d, env, case.timeout, OK)
    check = execute(case, "check-full", [PY, "-m", "checker.cli", "check", str(src), "--output", str(d / "report.json"), "--format", "json", "--cache-dir", str(d / "cache")],
                    d, env, 30, ANY, limit_fsize=1)
    return [first, check_lost(second, d / "out", 60), check]


def read_only_out(case, d, env):
    src = write_archive(d / "a.jsonl", records(3))
    chown(d)
    (d / "out").mkdir()
    os.chmod(d / "out", 0o555)
    res = execute(case, "audit-ro", audit_cmd([src], d / "out", d / "cache"), d, env, case.timeout, ERROR)
    os.chmod(d / "out", 0o755)
    return [res]


def out_is_file(case, d, env):
    src = write_archive(d / "a.jsonl", records(3))
    (d / "out").write_text("in the way")
    chown(d)
    return [execute(case, "audit", audit_cmd([src], d / "out", d / "cache"), d, env, case.timeout, ERROR)]


def out_under_file(case, d, env):
    src = write_archive(d / "a.jsonl", records(3))
    (d / "f").write_text("in the way")
    chown(d)
    return [execute(case, "audit", audit_cmd([src], d / "f" / "out", d / "cache"), d, env, case.timeout, ERROR)]


def concurrent_audits(case, d, env):
    src = write_archive(d / "a.jsonl", records(40))
    chown(d)
    cmd = audit_cmd([src], d / "out", d / "cache", "--chunk-size", "4")
    procs = [popen(cmd, d, env) for _ in range(2)]
    results = []
    outs = [finish(p, case.timeout) for p in procs]
    rcs = sorted(rc for rc, _, _, _ in outs)
    for i, (rc, so, se, secs) in enumerate(outs):
        results.append(classify(case, f"audit-{i + 1}", rc, so, se, secs, ANY))
    if all(r.verdict == "pass" for r in results):
        ok = rcs == [0, 2] or rcs == [1, 2] or rcs in ([0, 0], [1, 1], [0, 1])  # they may not overlap
        losing = [(rc, se) for rc, _, se, _ in outs if rc == 2]
        if not ok or any("pid" not in se for _, se in losing):
            results[0].verdict, results[0].detail = "exit", f"exit codes {rcs}; {losing[:1]}"
        else:
            check_lost(results[0], d / "out", 40)
    return results


def audit_mixed_folder(case, d, env):
    files = {"a.txt": STORY, "b.md": "# " + STORY, "c.json": json.dumps({"headline": "H", "body": "B."}),
             "d.html": "<h1>Floods</h1><p>Rivers rose.</p>", "e.txt": b"\x00\x01", "f.txt": b"",
             "g.json": "{broken", "h.txt": "mode000:" + STORY}
    build(d / "src", files)
    write_archive(d / "src" / "arch.jsonl", records(5))
    chown(d)
    os.chmod(d / "src" / "h.txt", 0)
    res = execute(case, "audit", audit_cmd([d / "src"], d / "out", d / "cache"), d, env, case.timeout, ERROR)
    return [check_lost(res, d / "out", 13)]


def check_output_unwritable(case, d, env):
    (d / "a.txt").write_text(STORY)
    (d / "ro").mkdir()
    chown(d)
    os.chmod(d / "ro", 0o555)
    return [execute(case, "check", [PY, "-m", "checker.cli", "check", "a.txt", "--output", "ro/r.txt", "--cache-dir", "cache"], d, env, 30, ERROR)]


def cache_dir_is_file(case, d, env):
    (d / "a.txt").write_text(STORY)
    (d / "cf").write_text("file")
    chown(d)
    res = [execute(case, f"check-{fmt}", [PY, "-m", "checker.cli", "check", "a.txt", "--cache-dir", "cf", "--format", fmt], d, env, 30, OK) for fmt in ("json", "text")]
    src = write_archive(d / "x.jsonl", records(2))
    chown(d)
    res.append(execute(case, "audit", audit_cmd([src], d / "out", d / "cf"), d, env, 60, OK))
    return res


def _many_files(d: Path, n: int) -> Path:
    folder = d / "s"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(story(PARA.format(i=i), f"Headline {i} about the floods"))
    chown(d)
    return folder


def _while_running(case, d, env, fmt: str, mutate) -> list:
    """Check and audit a folder of 1,500 stories while `mutate(folder)` changes it under them."""
    out = []
    for run, cmd in (("check", [PY, "-m", "checker.cli", "check", "s", "--format", fmt, "--cache-dir", "cache"]),
                     ("audit", audit_cmd(["s"], d / "out", d / "cache", "--chunk-size", "50"))):
        folder = _many_files(d, 1500)
        p = popen(cmd, d, env)
        time.sleep(1.2)
        mutate(folder)
        rc, so, se, secs = finish(p, case.timeout)
        res = classify(case, run, rc, so, se, secs, ANY)
        if run == "check" and fmt == "sarif" and res.verdict == "pass":
            validate_output(res, "sarif", so)
        out.append(res)
        shutil.rmtree(folder)
    return out


def vanishing(case, d, env):
    """Files deleted while `check` (and audit) run: after discovery, before or during reading."""
    def delete(folder: Path) -> None:
        for i in range(0, 1500, 2):
            (folder / f"{i:04d}.txt").unlink(missing_ok=True)

    return _while_running(case, d, env, "json", delete)


def changing(case, d, env):
    """Files rewritten (truncated, turned binary, swapped for a folder) while `check` runs."""
    def rewrite(folder: Path) -> None:
        for i in range(0, 1500, 3):
            f = folder / f"{i:04d}.txt"
            if i % 2:
                f.write_bytes(b"\x00" * 10)
            else:
                f.unlink(missing_ok=True)
                f.mkdir()

    return _while_running(case, d, env, "sarif", rewrite)


# -- running ------------------------------------------------------------------------------------

def build(d: Path, files: dict) -> None:
    d.mkdir(parents=True, exist_ok=True)
    later = []
    for name, content in files.items():
        p = Path(os.fsdecode(os.path.join(os.fsencode(d), name if isinstance(name, bytes) else os.fsencode(name))))
        if content == "dir":
            p.mkdir(parents=True, exist_ok=True)
            continue
        if isinstance(content, str) and content.startswith("dirmode"):
            later.append((p, int(content[7:], 8)))
            continue
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple) and content[0] == "rules-copy":
            shutil.copytree(Path(os.environ.get("HOSTILE_CHECKER", ROOT)) / "rules", p)
            content[1](p)
        elif content == "fifo":
            os.mkfifo(p)
        elif content == "socket":
            s = socket.socket(socket.AF_UNIX)
            s.bind(str(p))
            s.close()
        elif isinstance(content, str) and content.startswith("->"):
            os.symlink(content[2:], p)
        elif isinstance(content, str) and content.startswith("mode000:"):
            p.write_text(content[8:], encoding="utf-8")
            later.append((p, 0))
        else:
            p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    chown(d)
    for p, mode in later:
        os.chmod(p, mode)


def chown(d: Path) -> None:
    if os.geteuid() != 0:
        return
    for root, dirs, files in os.walk(d):
        for name in (*dirs, *files):
            try:
                os.lchown(os.path.join(root, name), NOBODY, NOBODY)
            except OSError:
                pass
    os.lchown(d, NOBODY, NOBODY)


def wrap(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--", *cmd]
    return cmd


def popen(cmd, cwd, env, stdin=None, limit_fsize=None):
    def pre():
        os.setsid()
        if limit_fsize:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_fsize, limit_fsize))
    p = subprocess.Popen(wrap(cmd), cwd=cwd, env=env, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=pre)
    p._started = time.perf_counter()  # type: ignore[attr-defined]
    p._stdin = stdin  # type: ignore[attr-defined]
    return p


def finish(p, timeout):
    try:
        so, se = p.communicate(p._stdin, timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        so, se = p.communicate()
        rc = None
    return rc, so, se.decode("utf-8", "replace"), time.perf_counter() - p._started


def execute(case, run, cmd, cwd, env, timeout, expect, stdin=None, allow_rc=(), limit_fsize=None) -> Result:
    p = popen(cmd, cwd, env, stdin, limit_fsize)
    rc, so, se, secs = finish(p, timeout)
    return classify(case, run, rc, so, se, secs, expect, allow_rc)


def classify(case, run, rc, so: bytes, se: str, secs, expect, allow_rc=()) -> Result:
    res = _verdict(case, run, rc, se, secs, expect, allow_rc)
    res.stdout = so
    return res


def _verdict(case, run, rc, se: str, secs, expect, allow_rc) -> Result:
    tail = " | ".join(se.strip().splitlines()[-3:])[:300]
    if rc is None:
        return Result(case, run, "hang", rc, f"no exit after {secs:.0f} s", secs)
    if "Traceback (most recent call last)" in se or (rc not in (0, 1, 2) and rc not in allow_rc):
        return Result(case, run, "crash", rc, tail, secs)
    if rc in allow_rc:
        return Result(case, run, "pass", rc, "", secs)
    if expect == OK and rc == 2 or expect == ERROR and rc != 2:
        return Result(case, run, "exit", rc, f"expected {'0/1' if expect == OK else '2'}: {tail}", secs)
    if rc == 2 and not se.strip():
        return Result(case, run, "exit", rc, "exit 2 with nothing on stderr", secs)
    if UNSAFE.search(se):
        return Result(case, run, "output", rc, f"raw control on stderr: {UNSAFE.search(se).group()!r}", secs)
    return Result(case, run, "pass", rc, "", secs)


def validate_output(res: Result, fmt: str, so: bytes) -> None:
    try:
        text = so.decode("utf-8")
    except UnicodeDecodeError as exc:
        res.verdict, res.detail = "output", f"stdout is not UTF-8: {exc}"
        return
    try:
        if fmt in ("json", "sarif") and text.strip():
            doc = json.loads(text)
            if fmt == "sarif" and doc.get("version") != "2.1.0":
                raise ValueError("not SARIF 2.1.0")
            if fmt == "sarif" and BIDI.search(text):
                raise ValueError("raw bidi control in SARIF")
        elif fmt == "junit" and text.strip():
            ET.fromstring(text)
        elif fmt in ("text", "github", "rich"):
            m = UNSAFE.search(text.replace("\x1b[0m", ""))
            if m:
                raise ValueError(f"raw control {m.group()!r} in the {fmt} report")
            if fmt == "github":
                for line in text.splitlines():
                    if line.startswith("::") and not re.match(r"::(error|warning|notice)( [^:]*)?::", line):
                        raise ValueError(f"malformed annotation {line[:80]!r}")
    except (ValueError, ET.ParseError) as exc:
        res.verdict, res.detail = "output", f"{fmt}: {exc}"[:300]


def command(run: str, case: Case, d: Path) -> tuple[list[str], str]:
    base = [PY, "-m", "checker.cli"]
    cache = ["--cache-dir", str(d.parent / "_cache")]
    if run.startswith("check-"):
        fmt = run[6:]
        return base + ["check", *case.args, "--format", fmt, *cache, *case.extra], fmt
    if run == "review" or run == "review-json":
        fmt = "json" if run == "review-json" else "rich"
        # review takes files (not folders or globs): the case's top-level files.
        args = [a for a in case.args if a == "-" or os.path.isfile(os.path.join(d, a)) or os.path.isabs(a)]
        if list(case.args) == ["."]:
            args = sorted(p for p in os.listdir(d) if not p.startswith(".") and p not in ("checker.toml", "pyproject.toml")
                          and os.path.isfile(os.path.join(d, p)))[:5]
            args = [a for a in args if a not in set(case.extra)]
        if not args and case.args:
            return [], fmt
        return base + ["review", *args, "--format", fmt, *cache, *case.extra], fmt
    if run == "audit":
        args = list(case.args) or ["."]
        return base + ["audit", *args, "--out", str(d.parent / f"_out-{d.name}"), "--workers", "0", *cache, *case.extra], "audit"
    raise ValueError(run)


def plan(case: Case, i: int) -> tuple:
    if case.runs:
        return case.runs
    other = ("check-sarif", "check-junit", "check-github")[i % 3]
    runs = ("check-text", "check-json", other, "review")
    if case.family in ("structure", "encodings") and i % 4 == 0:
        runs += ("audit",)
    return runs


def run_case(case: Case, i: int, root: Path, env: dict) -> list[Result]:
    d = root / f"{i:03d}"
    if case.scenario is not None:
        d.mkdir()
        chown(d)
        try:
            return case.scenario(case, d, env)
        except Exception as exc:  # the battery's own failure: say so, do not hide it
            return [Result(case, "scenario", "crash", None, f"battery error: {type(exc).__name__}: {exc}")]
    if not d.exists():
        build(d, case.files)
    case_env = dict(env)
    if case.name == "xdg-cache-is-file":
        case_env["XDG_CACHE_HOME"] = str(d / "xdg")
    results = []
    for run in plan(case, i):
        cmd, fmt = command(run, case, d)
        if not cmd:
            continue  # nothing this command takes (review of a folder)
        if run == "audit":
            out = d.parent / f"_out-{d.name}"
            shutil.rmtree(out, ignore_errors=True)
        expect = case.expect
        res = execute(case, run, cmd, d, case_env, case.timeout, expect, stdin=case.stdin)
        if res.verdict == "pass":
            if run == "audit":
                if case.articles is not None:
                    check_lost(res, d.parent / f"_out-{d.name}", case.articles)
            else:
                validate_output(res, fmt, res.stdout)
        results.append(res)
    return results


def warm(cases: list[Case], root: Path, env: dict) -> None:
    """Build the small article cases and check them all in one process first, so that their
    texts are in the shared embedding cache and each case's own runs do not load the model
    again (one load instead of hundreds). Its outcome is not judged."""
    folders = []
    for i, case in enumerate(cases):
        if case.scenario is None and case.family in ("encodings", "structure", "output") and case.timeout < 60:
            build(root / f"{i:03d}", case.files)
            folders.append(f"{i:03d}")
    if folders:
        started = time.perf_counter()
        rc, *_ = finish(popen([PY, "-m", "checker.cli", "check", *folders, "--format", "json",
                               "--cache-dir", str(root / "_cache")], root, env), 300)
        print(f"warm-up: {len(folders)} cases in {time.perf_counter() - started:.0f} s (exit {rc})", file=sys.stderr)


def all_cases() -> list[Case]:
    return [*encodings(), *structure(), *time_family(), *filesystem(), *faults(), *configuration(), *output_family()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="families (comma-separated) or case names to run")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the cases here and keep them")
    parser.add_argument("--quick", action="store_true",
                        help="only the QUICK cases, a few cheap ones per family (a few minutes)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--checker", type=Path, default=ROOT,
                        help="the source tree whose checker is run (default: this one), e.g. an "
                             "earlier commit's `git archive`, to count failures before a change")
    args = parser.parse_args()
    os.environ["HOSTILE_CHECKER"] = str(args.checker.resolve())
    cases = all_cases()
    if args.quick:
        unknown = set(QUICK) - {c.name for c in cases}
        if unknown:
            parser.error(f"QUICK names cases that do not exist: {', '.join(sorted(unknown))}")
        cases = [c for c in cases if c.name in QUICK]
    if args.only:
        wanted = set(args.only.split(","))
        cases = [c for c in cases if c.family in wanted or c.name in wanted]
    if args.list:
        for c in cases:
            print(f"{c.family:14} {c.name}")
        return 0
    root = Path(tempfile.mkdtemp(prefix="hostile-", dir=args.keep))
    os.chmod(root, 0o755)
    (root / "_cache").mkdir()
    chown(root)
    env = {**os.environ, "PYTHONPATH": str(args.checker.resolve()), "NO_COLOR": "1", "HOME": str(root), "COLUMNS": "100",
           "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("FORCE_COLOR", None)
    started = time.perf_counter()
    results: list[Result] = []
    lock = threading.Lock()
    done = Counter()

    def one(item):
        i, case = item
        res = run_case(case, i, root, env)
        with lock:
            results.extend(res)
            done["n"] += 1
            bad = [r for r in res if r.verdict != "pass"]
            print(f"[{done['n']:3d}/{len(cases)}] {case.family:13} {case.name:42} "
                  f"{'ok' if not bad else ', '.join(sorted({r.verdict for r in bad}))}", file=sys.stderr, flush=True)

    warm(cases, root, env)
    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(one, list(enumerate(cases))))
    summarise(cases, results, time.perf_counter() - started)
    if args.keep is None:
        subprocess.run(["chmod", "-R", "u+rwx", str(root)], check=False)
        shutil.rmtree(root, ignore_errors=True)
    return 1 if any(r.verdict != "pass" for r in results) else 0


def summarise(cases, results, seconds) -> None:
    verdicts = ("crash", "hang", "exit", "output", "lost")
    by_family = defaultdict(lambda: Counter())
    failed_cases = defaultdict(set)
    for case in cases:
        by_family[case.family]["cases"] += 1
    for r in results:
        fam = by_family[r.case.family]
        fam["runs"] += 1
        if r.verdict != "pass":
            fam[r.verdict] += 1
            failed_cases[r.case.family].add(r.case.name)
    print(f"\n{'family':14} {'cases':>5} {'runs':>5} " + " ".join(f"{v:>6}" for v in verdicts) + f" {'failing cases':>13}")
    total = Counter()
    for family, counts in by_family.items():
        counts["failing"] = len(failed_cases[family])
        total.update(counts)
        print(f"{family:14} {counts['cases']:>5} {counts['runs']:>5} " + " ".join(f"{counts[v]:>6}" for v in verdicts) + f" {counts['failing']:>13}")
    print(f"{'total':14} {total['cases']:>5} {total['runs']:>5} " + " ".join(f"{total[v]:>6}" for v in verdicts) + f" {total['failing']:>13}")
    slow = sorted(results, key=lambda r: -r.seconds)[:5]
    print(f"\n{seconds:.0f} s in all; slowest runs: " + ", ".join(f"{r.case.name}/{r.run} {r.seconds:.1f} s" for r in slow))
    bad = [r for r in results if r.verdict != "pass"]
    if bad:
        print("\nfailing:")
        for r in sorted(bad, key=lambda r: (r.case.family, r.case.name, r.run)):
            print(f"  {r.verdict:6} {r.case.family}/{r.case.name} [{r.run}] exit {r.rc}: {r.detail}")


if __name__ == "__main__":
    sys.exit(main())
