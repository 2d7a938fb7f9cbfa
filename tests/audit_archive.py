"""A small archive for the audit tests, with known defects and one recycled photo caption.

- `archive.jsonl`: three flood stories whose captions are one photo's: bd-flood-1 and
  bd-flood-2 (Bangladesh, a day apart, the same caption: no reuse between them) and pk-flood
  (Pakistan, two years earlier, the caption lightly edited: reused on both Bangladesh stories);
  a market story; an invalid JSON line (an error row).
- `articles/`: samples/trailer-headlines.txt and samples/promo-and-duplicate.md (their known
  defects are in samples/*.expected.json) and a binary file (an error row).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

CAPTION = ("Residents wade through floodwaters past submerged shops as rescue boats ferry "
           "families to higher ground.")
CAPTION_EDITED = ("Residents wade through floodwaters past submerged shops as rescue boats "
                  "ferry families to higher ground on Saturday.")

RECORDS = [
    {
        "id": "bd-flood-1",
        "headline": "Floods cut off hundreds of thousands in northeast Bangladesh",
        "date": "2024-06-20",
        "url": "https://example.org/bd-flood-1",
        "captions": [CAPTION],
        "body": [
            "SYLHET, Bangladesh - Floodwaters swallowed villages across Bangladesh's northeast "
            "on Thursday after three days of torrential rain, leaving hundreds of thousands of "
            "people cut off from roads, markets and clean water, officials said.",
            "The Surma and Kushiyara rivers were running above danger level at 14 monitoring "
            "points in Sylhet and Sunamganj districts, according to the flood forecasting "
            "centre in Dhaka.",
            "In Sunamganj the district administration said about 310,000 people had been "
            "affected and nearly 600 shelters had been opened in schools and mosques.",
            "Army units were deployed to ferry stranded families to safety by speedboat, and "
            "forecasters in Dhaka expected more heavy rain over the Sylhet division.",
        ],
    },
    {
        "id": "bd-flood-2",
        "headline": "Bangladesh flood shelters overflow as Sylhet rivers keep rising",
        "date": "2024-06-21",
        "captions": [CAPTION],
        "body": [
            "SUNAMGANJ, Bangladesh - Shelters in Bangladesh's Sylhet division were full on "
            "Friday as the Surma river rose for a fourth day and more families left their "
            "flooded homes.",
            "Officials in Sylhet said at least nine people had died since the rain began, most "
            "of them by drowning, and that clean water was running short in the shelters.",
            "The government in Dhaka released rice and cash aid for Sunamganj and Sylhet "
            "districts and promised more if the water did not recede by next week.",
        ],
    },
    {
        "id": "pk-flood",
        "headline": "Monsoon floods submerge towns across Pakistan's Sindh province",
        "date": "2022-08-27",
        "captions": [CAPTION_EDITED],
        "body": [
            "JACOBABAD, Pakistan - Monsoon floods submerged whole towns in Pakistan's Sindh "
            "province on Saturday, and officials in Karachi said more than a million homes had "
            "been damaged since June.",
            "In Jacobabad and Sukkur, families camped on raised roads with their cattle while "
            "the army and volunteers distributed food and tents.",
            "Pakistan's government in Islamabad appealed for international aid, saying the "
            "floods were the worst the country had seen in a decade.",
        ],
    },
    {
        "id": "markets",
        "headline": "Shares in Tokyo close higher as exporters gain on a weaker yen",
        "date": "2024-03-12",
        "captions": [],
        "body": [
            "TOKYO - Japanese shares closed higher on Tuesday as a weaker yen lifted exporters, "
            "with carmakers and electronics firms leading the gains in Tokyo.",
            "The Nikkei average rose 1.2 percent, its best day in two weeks, while the broader "
            "Topix index gained 0.9 percent as investors in Japan bought back into banks.",
            "Analysts in Tokyo said the Bank of Japan's cautious tone had eased worries about a "
            "rapid rise in interest rates.",
        ],
    },
]
INVALID_LINE = '{"id": "broken", "headline": "Cut off in the middle'
SAMPLE_FILES = ("trailer-headlines.txt", "promo-and-duplicate.md")


def write_archive(root: Path) -> Path:
    """The archive under `root` (created); returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r) for r in RECORDS[:2]] + [INVALID_LINE] + \
            [json.dumps(r) for r in RECORDS[2:]]
    (root / "archive.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = root / "articles"
    articles.mkdir(exist_ok=True)
    for name in SAMPLE_FILES:
        shutil.copy(SAMPLES / name, articles / name)
    (articles / "broken.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe\x00")
    return root


def expected_findings(name: str) -> list[dict]:
    """The must_find list of a sample's expected.json."""
    stem = name.rsplit(".", 1)[0]
    data = json.loads((SAMPLES / f"{stem}.expected.json").read_text(encoding="utf-8"))
    return data["must_find"]
