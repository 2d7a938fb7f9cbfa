"""The names a line carries (people, places, organisations, events: runs of capitalised
words) and which of them the story never mentions.

A caption of the same kind of event from another story shares the story's topic words but
not its names: "Vice President Kamala Harris waves as she arrives … in Pittsburgh" under a
campaign story that never mentions Harris or Pittsburgh. No entity recogniser is needed to
see that, only the capitalisation a caption is written in; titles ("President", "Rep."),
calendar words and a sentence's capitalised first word are not names.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Capitalised words that are not names: titles and ranks, calendar words, the words a
# caption opens with, photo and credit words.
NOT_NAMES = frozenset("""
a an the and or but of in on at to for from by with as after before during this that these
those it he she they his her their its we our photo photos picture image images file
handout via courtesy credit president vice prime minister sir dame lord lady rep sen gov
governor mayor secretary general chief king queen prince princess dr mr mrs ms miss
democratic republican former senator congressman congresswoman chairman chairwoman chair
director commander officer captain judge justice pope bishop sheikh emir leader minister
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december jan feb mar apr jun jul aug sep sept
oct nov dec local members people residents students supporters police protesters soldiers
officials workers children women men fans rescuers firefighters activists demonstrators
left right center centre top bottom l-r r-l ap afp reuters epa getty state
supt sgt det capt cpl pvt insp adm cmdr gen col maj rev atty cllr
""".split())

# A capitalised word (with inner apostrophes, hyphens or dots: O'Neill, Al-Qaim, U.S.), and
# the small words that sit inside names ("Bank of England", "Abu Bakr al-Baghdadi").
_WORD = r"[A-Z][\w'’.-]*\w|[A-Z]"
_RUN = re.compile(rf"(?:{_WORD})(?:\s+(?:(?:of|de|del|da|al|bin|ibn|van|von|la|le|du)\s+)?(?:{_WORD}))*")
# "Then-Los Angeles schools Supt.", "Ex-Senator": the name is what follows the hyphen
_FORMERLY = re.compile(r"^(?:Then|Ex|Former)-(?=[A-Z])")
_SENTENCE_OPENERS = '.!?:;"“('
_PLACE_WORD = re.compile(r"\b(?:in|at|near|outside|inside|from|of|on|to)\s")
_TITLED = re.compile(r"\b[A-Z][a-z]+\.?\s+[A-Z][\w'’-]+")


def _opens_sentence(text: str, at: int) -> bool:
    """Whether `at` starts the text or follows a sentence's end (spaces between allowed);
    looks back over the spaces only, so a long line costs no more per word."""
    if at == 0:
        return True
    j = at
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j > 0 and text[j - 1] in _SENTENCE_OPENERS


def _tokens(run: str) -> list[str]:
    out = []
    for token in re.findall(r"[A-Z][\w'’.-]*\w|[A-Z]", run):
        token = _FORMERLY.sub("", re.sub(r"[’']s$", "", token)).strip(".")
        if len(re.sub(r"\W", "", token)) > 2 and token.lower() not in NOT_NAMES:
            out.append(token)
    return out


def _shown(run: str, tokens: list[str]) -> str:
    """The run as written, from its first name token to its last: "Pakistan's Sindh",
    "Bank of England" (not "Vice President Jane Doe" but "Jane Doe")."""
    start = run.find(tokens[0])
    last = run.rfind(tokens[-1])
    return run[start: last + len(tokens[-1])] if 0 <= start <= last else " ".join(tokens)


@lru_cache(maxsize=4096)
def names(text: str) -> tuple[tuple[str, ...], ...]:
    """Each run of capitalised words as the name tokens it holds. A single capitalised word
    opening a sentence ("Students take part…") is left out: capitalisation says nothing
    there."""
    return tuple(tokens for _, tokens in _runs(text))


def _runs(text: str) -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for m in _RUN.finditer(text):
        tokens = _tokens(m.group())
        if not tokens:
            continue
        if " " not in m.group().strip() and _opens_sentence(text, m.start()):
            continue
        out.append((_shown(m.group(), tokens), tuple(tokens)))
    return out


@lru_cache(maxsize=256)
def _story_words(story: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"\w+", story))


# A portrait's label: a name and the title before it, nothing else ("FCC Chairman Tom
# Wheeler."), two to five words; all capitals is a heading, not a name.
_LABEL_WORDS = (2, 5)


def only_a_name(text: str) -> bool:
    """Whether a line is a name and nothing else: the label of a portrait ("David Brooks"
    under the columnist's headshot), not a caption that says what a picture shows."""
    text = text.strip().rstrip(".").strip()
    if not _RUN.fullmatch(text) or text.isupper():
        return False
    return _LABEL_WORDS[0] <= len(text.split()) <= _LABEL_WORDS[1]


def new_names(line: str, story: str) -> list[str]:
    """The names of `line` none of whose words the story uses (in any case), as the line
    writes them: "Kamala Harris" is new to a story that never says "Harris" nor "Kamala"."""
    known = _story_words(story)
    out = []
    for shown, tokens in _runs(line):
        words = [w.lower() for t in tokens for w in re.findall(r"\w+", t)]
        if words and not any(w in known for w in words) and shown not in out:
            out.append(shown)
    return out


_OPENING_WORD = re.compile(r"\W*([A-Z][\w'’-]*)")


def new_opening_word(line: str, story: str) -> str | None:
    """The capitalised word a line opens with when it may be a name the story never uses
    ("Sinwar greets his supporters…"): `names` leaves a sentence's first word out, since
    capitalisation says nothing there, so this is the doubt it leaves. None for a common
    caption opener ("Police", "Residents", "A") or a word the story uses."""
    m = _OPENING_WORD.match(line)
    if not m:
        return None
    word = re.sub(r"[’']s$", "", m.group(1))
    if word.lower() in NOT_NAMES or word.lower() in _story_words(story):
        return None
    return word


def shared_names(line: str, story: str) -> list[str]:
    """The line's names of two words or more that the story writes too, as the line writes
    them ("the Carrington Event" in a caption under a story about the Carrington Event)."""
    folded = story.casefold()
    return [shown for shown, tokens in _runs(line) if len(tokens) >= 2 and shown.casefold() in folded]


def first_name_known(line: str, story: str) -> str | None:
    """The line's subject when the story names it in full: a name of two words or more
    every word of which the story uses ("Communications Minister Fahmi Fadzil speaking at…"
    under a story quoting Fahmi Fadzil), or a titled name the story writes the same way
    ("Lady Starmer wears…" under a story about Lady Starmer's gifts). None when the first
    name is a single word (a demonym), new, or comes after a place's preposition ("Two girls
    play … in Oak Ridge": a place, not the subject)."""
    runs = _runs(line)
    if not runs:
        return None
    shown, tokens = runs[0]
    at = line.find(shown)
    if _PLACE_WORD.search(line, 0, max(at, 0)):
        return None
    words = [w.lower() for t in tokens for w in re.findall(r"\w+", t)]
    if len(words) >= 2 and all(w in _story_words(story) for w in words):
        return shown
    titled = _TITLED.search(line, 0, at + len(shown)) if at >= 0 else None
    if titled and titled.end() == at + len(shown) and titled.group() in story:
        return titled.group()
    return None
