"""Every date form that occurs in the five sources, read from real strings.

Each string is copied from a source's reading text (the passage is named in
the comment); the expectations say what the words give, before any context.
"""

from __future__ import annotations

from datetime import date

import pytest

from companion.dates import DateExpression, find_dates, interval, precision

# (lang, text, expression found, form, year, month, day, year2, month2, day2, qualifier)
CASES = [
    # letter-1930:p1, the dateline
    ("de", "5. Februar 1930", "5. Februar 1930", "day", 1930, 2, 5, None, None, None, ""),
    # crimes-1937:9.8:p3, day ranges
    (
        "de",
        "2. der Prozess Sinowjew-Kamenew, 15./16. Januar 1935;",
        "15./16. Januar 1935",
        "day_range",
        1935,
        1,
        15,
        None,
        1,
        16,
        "",
    ),
    (
        "de",
        "1. der Prozess Nikolajew und Genossen, 28-/29. Dezember 1934;",
        "28-/29. Dezember 1934",
        "day_range",
        1934,
        12,
        28,
        None,
        12,
        29,
        "",
    ),
    (
        "de",
        "6. der Prozess in Nowosibirsk, 19./22. November 1936;",
        "19./22. November 1936",
        "day_range",
        1936,
        11,
        19,
        None,
        11,
        22,
        "",
    ),
    # crimes-1937:8:p5
    (
        "de",
        "dauerten eine Woche, vom 10.- 17. April.",
        "10.- 17. April",
        "day_range",
        None,
        4,
        10,
        None,
        4,
        17,
        "",
    ),
    # crimes-1937:7:p16
    (
        "de",
        "ein Datum genannt (23. bis 25. November 1932)",
        "23. bis 25. November 1932",
        "day_range",
        1932,
        11,
        23,
        None,
        11,
        25,
        "",
    ),
    # crimes-1937:9.17:p8: one of two days
    (
        "de",
        "gelandet, den 12. oder 13. Dezember.",
        "12. oder 13. Dezember",
        "day_range",
        None,
        12,
        12,
        None,
        12,
        13,
        "oder",
    ),
    # crimes-1937:3.2:p7
    (
        "de",
        "erst kurz vor dem Prozess, zwischen dem 7. und dem 14. August,",
        "zwischen dem 7. und dem 14. August",
        "day_range",
        None,
        8,
        7,
        None,
        8,
        14,
        "zwischen",
    ),
    # crimes-1937:9.18:p7, across months and years
    (
        "de",
        "dass vom 19. September 1935 bis 1. Mai 1936 überhaupt",
        "19. September 1935 bis 1. Mai 1936",
        "day_range",
        1935,
        9,
        19,
        1936,
        5,
        1,
        "",
    ),
    # crimes-1937:9.17:p22, Roman month
    ("de", "Kjeller, den 14. II. 1937.", "14. II. 1937", "day", 1937, 2, 14, None, None, None, ""),
    # crimes-1937:9.11:p8, no space
    (
        "de",
        "In der Morgenverhandlung vom 25.Januar sagte",
        "25.Januar",
        "day",
        None,
        1,
        25,
        None,
        None,
        None,
        "",
    ),
    # crimes-1937:9.5:p8, abbreviated month
    (
        "de",
        "(„Prawda“, Nr. 241, 6. Nov. 1918.)",
        "6. Nov. 1918",
        "day",
        1918,
        11,
        6,
        None,
        None,
        None,
        "",
    ),
    # crimes-1937:2:p1, year in brackets
    (
        "de",
        "Am 5. August (1936) sandte ich",
        "5. August (1936)",
        "day",
        1936,
        8,
        5,
        None,
        None,
        None,
        "",
    ),
    # crimes-1937:4.1:p1, a diary dateline without year
    ("de", "30. Dezember.", "30. Dezember", "day", None, 12, 30, None, None, None, ""),
    # crimes-1937:9.15:p14, month and year
    (
        "de",
        "(„Bulletin der Opposition“, Nr. 1/2, Juli 1929.)",
        "Juli 1929",
        "month",
        1929,
        7,
        None,
        None,
        None,
        None,
        "",
    ),
    # crimes-1937:9.8:p15, month ranges
    (
        "de",
        "(Nr. 7, November-Dezember 1929)",
        "November-Dezember 1929",
        "month_range",
        1929,
        11,
        None,
        None,
        12,
        None,
        "",
    ),
    (
        "de",
        "(Nr. 25/26, November/Dezember 1931)",
        "November/Dezember 1931",
        "month_range",
        1931,
        11,
        None,
        None,
        12,
        None,
        "",
    ),
    # crimes-1937:4:p3: month without year, after a preposition
    (
        "de",
        "sagte mir Mitte Dezember ungeniert",
        "Dezember",
        "month",
        None,
        12,
        None,
        None,
        None,
        None,
        "mitte",
    ),
    # crimes-1937:11:p11, relative year with a year in brackets
    (
        "de",
        "„Im Februar dieses Jahres (1937) begab sich",
        "Februar dieses Jahres (1937)",
        "month",
        1937,
        2,
        None,
        None,
        None,
        None,
        "",
    ),
    # seasons: crimes-1937:9.11:p9, 9.11:p8, 4.1:p3, 9.16:p36
    (
        "de",
        "angeblich im Sommer 1935, das heißt",
        "Sommer 1935",
        "season",
        1935,
        6,
        None,
        1935,
        8,
        None,
        "sommer",
    ),
    (
        "de",
        "„Pjatakow erklärte (Anfang des Sommers 1935:)",
        "Anfang des Sommers 1935",
        "season",
        1935,
        6,
        None,
        1935,
        8,
        None,
        "anfang sommer",
    ),
    (
        "de",
        "über die Gewerkschaften im Winter 1920/21 ausnutzen",
        "Winter 1920/21",
        "season",
        1920,
        12,
        None,
        1921,
        2,
        None,
        "winter",
    ),
    (
        "de",
        "bezieht sich jedoch auf den Winter 1933.",
        "Winter 1933",
        "year",
        1933,
        None,
        None,
        None,
        None,
        None,
        "winter",
    ),
    # years and year ranges: letter-1930:n2, crimes-1937
    (
        "de",
        "Bljumkin (1878-1929): Linker",
        "1878-1929",
        "year_range",
        1878,
        None,
        None,
        1929,
        None,
        None,
        "",
    ),
    (
        "de",
        "kurzlebigen Blocks (1926-1927):",
        "1926-1927",
        "year_range",
        1926,
        None,
        None,
        1927,
        None,
        None,
        "",
    ),
    (
        "de",
        "im Jahre 1926/27, verband mich",
        "1926/27",
        "year_range",
        1926,
        None,
        None,
        1927,
        None,
        None,
        "",
    ),
    (
        "de",
        "In den Jahren 1929 bis 1932 bestand",
        "1929 bis 1932",
        "year_range",
        1929,
        None,
        None,
        1932,
        None,
        None,
        "",
    ),
    (
        "de",
        "Im Jahre 1923 oder 1924 erwiderte mir",
        "1923 oder 1924",
        "year_range",
        1923,
        None,
        None,
        1924,
        None,
        None,
        "oder",
    ),
    (
        "de",
        "Zwischen 1902 und 1905 habe ich",
        "Zwischen 1902 und 1905",
        "year_range",
        1902,
        None,
        None,
        1905,
        None,
        None,
        "zwischen",
    ),
    (
        "de",
        "1929 Besuch bei Trotzki auf Prinkipo",
        "1929",
        "year",
        1929,
        None,
        None,
        None,
        None,
        None,
        "",
    ),
    # monat:IV.2.3:h1, decade
    (
        "de",
        "»Zweite Revolution« Ende der 1920er-Jahre",
        "Ende der 1920er-Jahre",
        "decade",
        1920,
        None,
        None,
        1929,
        None,
        None,
        "ende",
    ),
    # monat:IV.2.2:p12, "the same year"
    (
        "de",
        "Im März desselben Jahres verlangten",
        "März desselben Jahres",
        "month",
        None,
        3,
        None,
        None,
        None,
        None,
        "",
    ),
    # English: cliff-1923
    (
        "en",
        "the occupation of the Ruhr by France on 11 January 1923 in",
        "11 January 1923",
        "day",
        1923,
        1,
        11,
        None,
        None,
        None,
        "",
    ),
    (
        "en",
        "On 16 June, in the name of the factory councils",
        "16 June",
        "day",
        None,
        6,
        16,
        None,
        None,
        None,
        "",
    ),
    (
        "en",
        "Brandler spent Sunday, 21 October, in a conference",
        "Sunday, 21 October",
        "day",
        None,
        10,
        21,
        None,
        None,
        None,
        "",
    ),
    (
        "en",
        "three demonstrations in the large cities on Sunday 29 July.",
        "Sunday 29 July",
        "day",
        None,
        7,
        29,
        None,
        None,
        None,
        "",
    ),
    (
        "en",
        "during the Kornilov coup of 27-30 August 1917.",
        "27-30 August 1917",
        "day_range",
        1917,
        8,
        27,
        None,
        8,
        30,
        "",
    ),
    (
        "en",
        "Ruth Fischer described Moscow in September 1923.",
        "September 1923",
        "month",
        1923,
        9,
        None,
        None,
        None,
        None,
        "",
    ),
    (
        "en",
        "Early in July it decided",
        "July",
        "month",
        None,
        7,
        None,
        None,
        None,
        None,
        "early in",
    ),
    (
        "en",
        "From May onwards massive spontaneous strikes",
        "May",
        "month",
        None,
        5,
        None,
        None,
        None,
        None,
        "from",
    ),
    (
        "en",
        "from 9,800 marks for the second week of June to",
        "the second week of June",
        "month",
        None,
        6,
        None,
        None,
        None,
        None,
        "the second week",
    ),
    (
        "en",
        "the German revolution of autumn 1923.",
        "autumn 1923",
        "season",
        1923,
        9,
        None,
        1923,
        11,
        None,
        "autumn",
    ),
    (
        "en",
        "‘In the summer of 1923 the KPD undoubtedly",
        "the summer of 1923",
        "season",
        1923,
        6,
        None,
        1923,
        8,
        None,
        "summer",
    ),
    (
        "en",
        "During the first seven months of 1923, between",
        "the first seven months of 1923",
        "months_of_year",
        1923,
        1,
        None,
        None,
        7,
        None,
        "",
    ),
    (
        "en",
        "In 1923 a fierce class struggle broke out",
        "1923",
        "year",
        1923,
        None,
        None,
        None,
        None,
        None,
        "",
    ),
    # English: rogovin-emigrants
    (
        "en",
        "In 1937–1938, a Comintern trial was prepared",
        "1937–1938",
        "year_range",
        1937,
        None,
        None,
        1938,
        None,
        None,
        "",
    ),
    (
        "en",
        "member of the Bulgarian Communist Party from 1921 to 1926 and",
        "from 1921 to 1926",
        "year_range",
        1921,
        None,
        None,
        1926,
        None,
        None,
        "from",
    ),
    (
        "en",
        "In the mid-1930s, several tens of thousands",
        "the mid-1930s",
        "decade",
        1930,
        None,
        None,
        1939,
        None,
        None,
        "mid",
    ),
    (
        "en",
        "could see the light only at the end of the 1980s.",
        "the end of the 1980s",
        "decade",
        1980,
        None,
        None,
        1989,
        None,
        None,
        "end of the",
    ),
    (
        "en",
        "In the fall of 1939, Miletić",
        "the fall of 1939",
        "season",
        1939,
        9,
        None,
        1939,
        11,
        None,
        "fall",
    ),
    (
        "en",
        "On 28 March 1938, the chief",
        "28 March 1938",
        "day",
        1938,
        3,
        28,
        None,
        None,
        None,
        "",
    ),
    (
        "en",
        "the Hungarian Soviet Republic] (January 1989)",
        "January 1989",
        "month",
        1989,
        1,
        None,
        None,
        None,
        None,
        "",
    ),
]


def _fields(e: DateExpression) -> tuple:
    return (e.text, e.form, e.year, e.month, e.day, e.year2, e.month2, e.day2, e.qualifier)


@pytest.mark.parametrize("case", CASES, ids=[c[2] for c in CASES])
def test_form(case):
    lang, text, *want = case
    found = [e for e in find_dates(text, lang) if e.text == want[0]]
    assert len(found) == 1, [e.text for e in find_dates(text, lang)]
    assert _fields(found[0]) == tuple(want)
    assert text[found[0].start : found[0].end] == want[0]


RELATIVE = [
    ("en", "Two days later the German government", "Two days later", "relative_day", 2),
    ("en", "Germanía the next day reported:", "the next day", "relative_day", 1),
    ("en", "On the same day the management agreed", "On the same day", "relative_day", 0),
    ("en", "On this date more than 100,000 miners", "On this date", "relative_day", 0),
    ("de", "Am gleichen Tage reisten wir", "Am gleichen Tage", "relative_day", 0),
    ("de", "Die Polizei vermochte am nächsten Tag mühelos", "am nächsten Tag", "relative_day", 1),
    ("de", "Die acht Tage später erlassene Verordnung", "acht Tage später", "relative_day", 8),
]


@pytest.mark.parametrize("case", RELATIVE, ids=[c[2] for c in RELATIVE])
def test_relative(case):
    lang, text, words, form, offset = case
    (e,) = find_dates(text, lang)
    assert (e.text, e.form, e.offset) == (words, form, offset)
    with pytest.raises(ValueError):
        interval(e)


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        (
            "en",
            "On 10 October the Communists entered the government of Saxony and on the 11th,",
            11,
        ),
        ("de", "Am 4., morgens, fuhr mein Sohn aus Berlin ab.", 4),
    ],
)
def test_nth_day(lang, text, day):
    nth = [e for e in find_dates(text, lang) if e.form == "nth_day"]
    assert [e.day for e in nth] == [day]


def test_pair_takes_month_of_the_second_date():
    # crimes-1937:9.17:d6
    first, second = find_dates("Zweimal: am 24. und am 27. Januar habe ich Sie", "de")
    assert (first.text, first.day, first.month) == ("24.", 24, 1)
    assert (second.text, second.day, second.month) == ("27. Januar", 27, 1)


def test_apposition_drops_the_relative_words():
    # crimes-1937:9.17:p25
    found = find_dates("Am nächsten Tage, den 30. Januar, wurde Pjatakow", "de")
    assert [e.text for e in found] == ["30. Januar"]


@pytest.mark.parametrize(
    ("lang", "text", "ref"),
    [
        ("de", "schrieb die Redaktion am 17. Februar dieses Jahres:", "this"),
        ("de", "Schon am 15. September des vergangenen Jahres, zwei Wochen", "previous"),
        ("de", "Im März desselben Jahres verlangten", "same"),
    ],
)
def test_year_reference(lang, text, ref):
    (e,) = find_dates(text, lang)
    assert e.year_ref == ref and e.year is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "August Thalheimer"),  # a name, not a month
        ("de", "zum Oktober-Ausgangspunkt"),  # part of a compound
        ("de", "Nr. 36-37, S. 1923"),  # issue numbers and a page
        ("en", "153,000 of the total of 250,000 engineers"),  # counts, not years
        ("en", "At the June Plenum"),  # a month as an adjective
        ("de", "Die Prozesse von 1936 und 1937"),  # two years, not a range
    ],
)
def test_not_dates_or_not_ranges(lang, text):
    found = find_dates(text, lang)
    assert all(e.form in ("year",) for e in found), [(e.text, e.form) for e in found]
    assert "August" not in [e.text for e in found]


def test_intervals_and_precision():
    [day] = find_dates("5. Februar 1930", "de")
    assert interval(day) == (date(1930, 2, 5), date(1930, 2, 5), "day")
    [month] = find_dates("Juli 1929", "de")
    assert interval(month) == (date(1929, 7, 1), date(1929, 7, 31), "month")
    [feb] = find_dates("February 1924", "en")
    assert interval(feb)[1] == date(1924, 2, 29)  # a leap year
    [year] = find_dates("1929 Besuch", "de")
    assert interval(year) == (date(1929, 1, 1), date(1929, 12, 31), "year")
    [season] = find_dates("Winter 1920/21", "de")
    assert interval(season) == (date(1920, 12, 1), date(1921, 2, 28), "period")
    [rng] = find_dates("15./16. Januar 1935", "de")
    assert interval(rng)[2] == "period"


def test_range_running_into_the_next_year():
    # crimes-1937:9.17:p24: "19. September bis 1. Mai" with the year supplied
    [e] = find_dates("(19. September bis 1. Mai)", "de")
    start, end, prec = interval(e.with_year(1935))
    assert (start, end, prec) == (date(1935, 9, 19), date(1936, 5, 1), "period")


def test_precision_of_aligned_spans():
    assert precision(date(1923, 1, 1), date(1923, 12, 31)) == "year"
    assert precision(date(1923, 6, 1), date(1923, 6, 30)) == "month"
    assert precision(date(1923, 6, 1), date(1923, 8, 31)) == "period"


def test_impossible_day_is_refused():
    [e] = find_dates("31. Juni 1936", "de")
    with pytest.raises(ValueError):
        interval(e)
