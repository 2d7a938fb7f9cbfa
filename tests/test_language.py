"""checker.language: English stories read as English, others do not, short texts tell nothing."""
from __future__ import annotations

from checker.language import MIN_ENGLISH_SHARE, english_share, reads_as_english

ENGLISH = ("The council approved its budget on Tuesday after a long debate, the clerk said. The plan "
           "adds twelve bus drivers and a new library in the east of the town, and it was passed by "
           "nine votes to two after the mayor spoke for it.")
SPANISH = ("Los hospitales públicos de Madrid abrirán sus servicios de urgencias durante más horas a "
           "partir del lunes, según anunció ayer la consejería de Sanidad, que espera reducir así las "
           "largas esperas de los últimos meses en la capital.")
KOREAN = "서울시는 월요일부터 공공 병원의 응급실 운영 시간을 늘린다고 밝혔다. " * 10


def test_english_reads_as_english_and_other_languages_do_not():
    assert english_share(ENGLISH)[0] >= 0.2 and reads_as_english(ENGLISH)
    for text in (SPANISH, KOREAN):
        assert english_share(text)[0] < MIN_ENGLISH_SHARE and not reads_as_english(text)


def test_a_text_too_short_to_tell_reads_as_english():
    assert reads_as_english("Los hospitales abren") and reads_as_english("")


def test_the_share_is_taken_over_a_bounded_number_of_words():
    english, n = english_share(" ".join([ENGLISH] * 200))
    assert n == 3000
    assert english_share(" ".join([ENGLISH] * 200 + [SPANISH] * 200)) == (english, n)  # past 3000: unread
