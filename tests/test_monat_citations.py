"""Footnotes 356–386 of the Der Monat study as citations: hand-checked, note by note.

Each expectation below was written by reading the note in the source file
(data/sources/der-monat-study-ch-iv-2.de.txt), not from the parser's output.
Fields not given in an expectation must be empty (or False for is_monat).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from companion.monat_citations import (
    articles_table,
    citations_table,
    expected_volume,
    issue_month,
    numbering_flag,
    parse_note,
)

MONAT = {"is_monat": True}
SHUB_LENIN = {
    "author": "David Shub",
    "title": "Lenins letzte Tage. Aus einer neuen kritischen Biographie",
    "volume": 1,
    "year": 1948,
    "issue": 3,
    **MONAT,
}
LOEWENTHAL = {
    "author": "Richard Löwenthal",
    "title": "Stalins Vermächtnis. Zur Interpretation seiner letzten Schrift",
    "volume": 3,
    "year": 1953,
    "issue": 55,
    **MONAT,
}
BORKENAU_ZWEI = {
    "author": "Franz Borkenau",
    "title": "Zwei Revolutionäre",
    "volume": 3,
    "year": 1950,
    "issue": 25,
    **MONAT,
}
HOOK = {
    "author": "Sidney Hook",
    "title": "Rußland im Mondenschein. Bemerkungen zu einem neuen Buch über die Sowjetunion",
    "volume": 4,
    "year": 1952,
    "issue": 44,
    "pages": "172–178",
    "cited_page": "174",
    "kind": "review",
    **MONAT,
}
BORIS_SHUB_VERGESSEN = {
    "author": "Boris Shub",
    "title": "Die vergessene Revolution",
    "volume": 4,
    "year": 1952,
    "issue": 42,
    **MONAT,
}
KOMINTERN = {
    "author": "Franz Borkenau",
    "title": "Die neue Komintern",
    "volume": 1,
    "year": 1949,
    "issue": 4,
    "pages": "50–60",
    **MONAT,
}

#: footnote -> the citations it holds, in order (hand-checked against the source).
EXPECTED: dict[int, list[dict]] = {
    356: [
        {
            "cue": "Siehe",
            "kind": "series",
            "title": "Der Gott, der keiner war bzw. Ein Gott hat versagt",
            **MONAT,
        }
    ],
    357: [
        {"cue": "Siehe", "kind": "review", "pages": "19–29", "cited_page": "22", **BORKENAU_ZWEI}
    ],
    358: [{"cue": "Vgl.", **HOOK}],
    359: [
        {
            "cue": "Vgl.",
            "author": "Hans Kohn",
            "title": "Dostojewski. Ein politisches Porträt",
            "volume": 2,
            "year": 1949,
            "issue": 13,
            "pages": "78–88",
            "part": "Teil I",
            **MONAT,
        },
        {
            "author": "Hans Kohn",
            "title": "Dostojewski. Ein politisches Porträt",
            "volume": 2,
            "year": 1949,
            "issue": 14,
            "pages": "187–192",
            "part": "Teil II",
            **MONAT,
        },
    ],
    360: [
        {
            "cue": "Vgl.",
            "kind": "review",
            "author": "Hans Kohn",
            "title": "Rußland vor Lenin",
            "volume": 6,
            "year": 1954,
            "issue": 67,
            "pages": "75 f.",
            **MONAT,
        }
    ],
    361: [
        {
            "author": "Edward Hallett Carr",
            "title": "Die Affäre Netschajew. Ein Kapitel russischer Revolutionsgeschichte",
            "volume": 2,
            "year": 1950,
            "issue": 24,
            "pages": "535–544",
            "cited_page": "535",
            **MONAT,
        }
    ],
    362: [{"cited_page": "23", **BORKENAU_ZWEI}],
    363: [{"pages": "654–656", "cited_page": "655", **BORIS_SHUB_VERGESSEN}],
    364: [
        {
            "cue": "Vgl.",
            "author": "Harald Hurwitz",
            "title": "Die verfälschte Revolution",
            "volume": 4,
            "year": 1952,
            "issue": 44,
            "pages": "216–218",
            **MONAT,
        }
    ],
    365: [{"cited_page": "655", **BORIS_SHUB_VERGESSEN}],
    366: [HOOK],
    367: [{"cited_page": "656", **BORIS_SHUB_VERGESSEN}],
    368: [{"pages": "37–48", "cited_page": "41", **SHUB_LENIN}],
    369: [{"pages": "16–25", "cited_page": "16", **LOEWENTHAL}],
    370: [{"cue": "Ebd.", "ibid_of": 369, "pages": "16–25", "cited_page": "17", **LOEWENTHAL}],
    371: [
        {
            "cue": "Vgl.",
            "kind": "book",
            "author": "Burnham",
            "title": "Vom Wesen des Kommunismus",
            "cited_page": "27",
        }
    ],
    372: [{"cited_page": "41", **SHUB_LENIN}],
    373: [
        {
            "cue": "Zit. n.",
            "author": "Boris Shub",
            "title": "Revolution im November",
            "volume": 1,
            "year": 1948,
            "issue": 2,
            "pages": "87–90",
            "cited_page": "88",
            **MONAT,
        }
    ],
    374: [
        {
            "kind": "book",
            "author": "Dallin/Nicolaevsky",
            "title": "Arbeiter oder Ausgebeutete",
            "cited_page": "66 f.",
        },
        {"kind": "book", "title": "Forced Labor in Soviet Russia"},
        {
            "cue": "Vgl.",
            "kind": "review",
            "author": "Boris Shub",
            "title": "Lüge und Illusion",
            "volume": 1,
            "year": 1948,
            "issue": 1,
            "pages": "88–90",
            **MONAT,
        },
    ],
    375: [
        {
            "author": "Alexander Berkman",
            "title": "Der Aufstand von Kronstadt. Zum 30. Jahrestag der ersten Revolution "
            "gegen den Bolschewismus",
            "volume": 3,
            "year": 1951,
            "issue": 30,
            "pages": "632–641",
            "cited_page": "641",
            **MONAT,
        },
        {
            "kind": "editorial_notice",
            "volume": 3,
            "year": 1951,
            "issue": 30,
            "cited_page": "666",
            **MONAT,
        },
        {
            "kind": "book",
            "author": "Julien Steinberg",
            "title": "Verdict of Three Decades",
            "place": "New York",
        },
    ],
    376: [{"cue": "Vgl.", "cited_page": "43", **SHUB_LENIN}],
    377: [
        {
            "cue": "Siehe",
            "title": "Wie führt man Schauprozesse?",
            "volume": 2,
            "year": 1949,
            "issue": 14,
            "cited_page": "217",
            **MONAT,
        }
    ],
    378: [
        {
            "author": "Michael Padev",
            "title": "Die Bauern unter dem Sowjetsystem",
            "volume": 4,
            "year": 1951,
            "issue": 39,
            "pages": "327–329",
            "cited_page": "328",
            **MONAT,
        }
    ],
    379: [{"cited_page": "52", **KOMINTERN}],
    380: [{"cue": "Ebd.", "ibid_of": 379, "cited_page": "52 f.", **KOMINTERN}],
    381: [{"cue": "Siehe ebd.", "ibid_of": 380, "cited_page": "53 f.", **KOMINTERN}],
    382: [
        {
            "cue": "Vgl.",
            "author": "George Grosz",
            "title": "Russlandreise 1922",
            "volume": 5,
            "year": 1953,
            "issue": 56,
            "pages": "135–152",
            **MONAT,
        }
    ],
    383: [{"cited_page": "17", **LOEWENTHAL}],
    384: [
        {
            "cue": "Siehe",
            "author": "Ruth Fischer",
            "title": "Tito und Trotzki. Der Unabhängigkeitskampf der kommunistischen Parteien",
            "volume": 2,
            "year": 1950,
            "issue": 16,
            "pages": "398–409",
            "cited_page": "399",
            **MONAT,
        }
    ],
    385: [
        {
            "cue": "Vgl.",
            "author": "Franz Borkenau",
            "title": "Der Spötter als Paneggyriker",
            "volume": 3,
            "year": 1951,
            "issue": 36,
            "pages": "606–615",
            "cited_page": "612–615",
            **MONAT,
        }
    ],
    386: [{"cited_page": "45", **SHUB_LENIN}],
}

FIELDS = {
    "cue": "",
    "kind": "article",
    "author": "",
    "title": "",
    "volume": "",
    "year": "",
    "issue": "",
    "pages": "",
    "cited_page": "",
    "part": "",
    "ibid_of": "",
    "is_monat": False,
}


@pytest.fixture(scope="module")
def table(documents) -> pd.DataFrame:
    return citations_table(documents["monat"])


def test_expectations_cover_every_note(documents):
    labels = [int(b.label) for b in documents["monat"].blocks if b.kind == "footnote"]
    assert labels == list(range(356, 387))
    assert sorted(EXPECTED) == labels


@pytest.mark.parametrize("note", sorted(EXPECTED))
def test_note(note: int, table: pd.DataFrame):
    got = table[table["footnote"] == note].sort_values("citation")
    want = EXPECTED[note]
    assert len(got) == len(want), got[["kind", "title"]].to_string()
    for (_, row), exp in zip(got.iterrows(), want, strict=True):
        for field, default in FIELDS.items():
            expected = exp.get(field, default)
            assert row[field] == expected, f"note {note}, {field}: {row[field]!r} != {expected!r}"


def test_place_of_the_anthology(documents):
    text = next(b.text for b in documents["monat"].blocks if b.label == "375")
    anthology = parse_note(375, text)[2]
    assert (anthology.place, anthology.year) == ("New York", None)  # "o. J.": no year


def test_citation_text_is_in_its_note(table: pd.DataFrame, documents):
    notes = {int(b.label): b.text for b in documents["monat"].blocks if b.kind == "footnote"}
    for row in table.itertuples():
        assert notes[row.footnote][row.text_start : row.text_end] == row.text


def test_raw_span_holds_the_citation(table: pd.DataFrame, documents):
    raw = documents["monat"].raw
    for row in table.itertuples():
        first_word = row.text.split()[0].strip(",.:")
        assert first_word in raw[row.raw_start : row.raw_end + 5]


def test_ibid_chain_resolves_to_the_full_citation(table: pd.DataFrame):
    ibid = table[table["ibid_of"] != ""].set_index("footnote")
    assert dict(ibid["ibid_of"]) == {370: 369, 380: 379, 381: 380}
    assert dict(ibid["ibid_root"]) == {370: 369, 380: 379, 381: 379}


def test_only_the_known_volume_error_is_flagged(table: pd.DataFrame):
    flagged = table[table["numbering_flag"] != ""]
    assert list(flagged["footnote"]) == [369, 383]
    assert set(flagged["numbering_flag"]) == {"volume≠issue;volume≠year"}
    assert set(flagged["expected_volume"]) == {5}


def test_flags_match_the_curated_correction(table: pd.DataFrame):
    from companion.corrections import load_curated

    curated = load_curated()
    printed = curated[(curated["source_id"] == "monat") & (curated["kind"] == "citation")]
    assert list(printed["printed"]) == ["Der Monat 3 (1953), H. 55"]
    flagged = table[table["numbering_flag"] != ""]
    for row in flagged.itertuples():
        assert f"Der Monat {row.volume} ({row.year}), H. {row.issue}" == printed.iloc[0]["printed"]


@pytest.mark.parametrize(
    ("issue", "volume", "month"),
    [
        (1, 1, date(1948, 10, 1)),
        (3, 1, date(1948, 12, 1)),
        (4, 1, date(1949, 1, 1)),
        (12, 1, date(1949, 9, 1)),
        (13, 2, date(1949, 10, 1)),
        (24, 2, date(1950, 9, 1)),
        (25, 3, date(1950, 10, 1)),
        (55, 5, date(1953, 4, 1)),
        (56, 5, date(1953, 5, 1)),
        (67, 6, date(1954, 4, 1)),
        (72, 6, date(1954, 9, 1)),
    ],
)
def test_numbering_rules(issue: int, volume: int, month: date):
    assert expected_volume(issue) == volume
    assert issue_month(issue) == month


@pytest.mark.parametrize(
    ("triple", "flag"),
    [
        ((3, 1953, 55), "volume≠issue;volume≠year"),
        ((5, 1953, 55), ""),
        ((5, 1952, 55), "year≠issue"),
        ((1, 1949, 4), ""),
        ((2, 1949, 4), "volume≠issue"),
        ((6, 1956, 90), "unchecked"),
        ((None, 1950, 25), ""),
    ],
)
def test_numbering_flag(triple, flag):
    assert numbering_flag(*triple) == flag


def test_articles(table: pd.DataFrame):
    arts = articles_table(table)
    assert len(arts) == 18
    assert arts["author"].value_counts()["Franz Borkenau"] == 3
    shub = arts[arts["title"].str.startswith("Lenins letzte Tage")].iloc[0]
    assert (shub["citations"], shub["footnotes"]) == (4, "368;372;376;386")
    kohn = arts[arts["title"].str.startswith("Dostojewski")].iloc[0]
    assert kohn["issues"] == "13;14"
    assert set(arts.loc[arts["numbering_flag"] != "", "issues"]) == {"55"}


# --- the chapter's views (hand-checked against the notes above) ---------------------------


@pytest.fixture(scope="module")
def committed() -> pd.DataFrame:
    from companion import data

    return data.load("monat_citations")


def test_article_citations_and_their_counts(committed: pd.DataFrame):
    from companion import monat_citations as M

    arts = M.article_citations(committed)
    # 30 citations of articles and reviews: every Monat citation but the series (356) and
    # the editorial notice (375); the three Ebd. (370, 380, 381) are included
    assert len(arts) == 30
    assert {370, 380, 381} <= set(arts["footnote"])
    assert not ({356} & set(arts["footnote"]))
    assert (arts.loc[arts["author"] == "", "author_shown"] == M.UNSIGNED).all()
    assert set(arts.loc[arts["footnote"] == 369, "volume_printed"]) == {"vol. 3"}
    per_year = M.citations_per_year(arts)
    assert per_year.to_dict() == {
        "1948": 6,
        "1949": 6,
        "1950": 4,
        "1951": 3,
        "1952": 6,
        "1953": 4,
        "1954": 1,
    }
    per_issue = M.citations_per_issue(arts)
    assert (per_issue.index[0], per_issue.iloc[0]) == ("H. 3", 4)  # Shub's Lenin, 368 372 376 386
    by_author = M.citations_by_author(arts).set_index("author_shown")
    assert by_author.index[0] == "Franz Borkenau"
    assert tuple(by_author.loc["Franz Borkenau"]) == (6, 3)
    assert tuple(by_author.loc["Boris Shub"]) == (5, 3)
    assert by_author["citations"].sum() == len(arts)


def test_citation_flow_colours_the_most_cited_authors(committed: pd.DataFrame):
    from companion import monat_citations as M

    flow = M.citation_flow(committed, top=2)
    assert M.top_authors(flow, 2) == ["Franz Borkenau", "Boris Shub"]
    assert set(flow["author_group"]) == {"Franz Borkenau", "Boris Shub", M.OTHER_AUTHORS}
    assert (flow["issue"] != "").all() and flow["is_monat"].all()
    assert flow.loc[flow["footnote"] == 368, "year_cited"].iloc[0] == 1948


def test_notes_by_passage_in_the_order_of_the_text(committed: pd.DataFrame):
    from companion import data
    from companion import monat_citations as M

    passages = data.load("passages")
    steps = M.notes_by_passage(committed, passages, words=3).set_index("marker_passage_id")
    assert list(steps.index) == list(dict.fromkeys(committed["marker_passage_id"]))
    assert steps.loc["monat:IV.2.2:p2", "notes"] == "359, 360, 361"
    assert steps.loc["monat:IV.2.2:p2", "authors"] == "Hans Kohn, Edward Hallett Carr"
    assert steps.loc["monat:IV.2.2:p13", "authors"] == "David Shub"  # 377 is unsigned
    assert all(len(o.split()) == 4 and o.endswith(" …") for o in steps["opening"])


def test_several_citations_and_ibid_chains(committed: pd.DataFrame):
    from companion import monat_citations as M

    assert sorted(set(M.notes_with_several(committed)["footnote"])) == [359, 374, 375]
    assert {int(k): v for k, v in M.ibid_chains(committed).items()} == {369: 1, 379: 2}


def test_cited_passages_and_checked_triples(committed: pd.DataFrame):
    from companion import data
    from companion import monat_citations as M

    body = M.cited_passages(committed, data.load("passages"))
    assert set(body["kind"]) == {"paragraph", "blockquote"}
    assert body.set_index("passage_id").loc["monat:IV.2.2:p2", "cites_monat"]
    assert not body.set_index("passage_id").loc["monat:IV.2.2:p9", "cites_monat"]  # Burnham
    checked = M.checked_triples(committed)
    assert (checked["ibid_of"] == "").all()
    assert 375 in set(checked["footnote"])  # the editorial notice "im selben Heft"
    assert sorted(checked.loc[checked["numbering_flag"] != "", "footnote"]) == [369, 383]


def test_other_slips_leave_out_the_volume_flags():
    import pandas as pd

    from companion import monat_citations as M

    citations = pd.DataFrame(
        {
            "passage_id": ["monat:n369", "monat:n370"],
            "volume": [3, 3],
            "year": [1953, 1953],
            "issue": [55, 55],
            "numbering_flag": ["volume≠issue;volume≠year", ""],
        }
    )
    corrections = pd.DataFrame(
        {
            "source_id": ["monat", "monat", "monat", "monat", "cliff-1923"],
            "passage_id": ["monat:n369", "monat:n369", "monat:n370", "monat:IV.2.2:p18", "x:1"],
            "printed": [
                "Der Monat 3 (1953), H. 55",
                "Löwental",
                "3 (1953), H. 55",
                "Paul Levy",
                "x",
            ],
        }
    )
    slips = M.other_slips(corrections, citations)
    # only the volume flag of the flagged citation goes: another slip in its note stays,
    # the same words in a note without a numbering flag stay, other sources never count
    assert list(slips["printed"]) == ["Löwental", "3 (1953), H. 55", "Paul Levy"]


def test_other_slips_in_the_committed_tables(committed: pd.DataFrame):
    from companion import data
    from companion import monat_citations as M

    corrections = data.load("corrections")
    slips = M.other_slips(corrections, committed)
    own = corrections[corrections["source_id"] == "monat"]
    assert len(own) - len(slips) == 2  # the volume of notes 369 and 383
    assert set(own["kind"]) - set(slips["kind"]) == {"citation"}
