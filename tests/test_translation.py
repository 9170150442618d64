"""The aligned English working translation: segmentation, contract and checks by code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from companion import translation
from companion.passages import load_passages
from companion.segments import sentence_spans
from companion.translation import (
    GERMAN_SOURCES,
    check_segment,
    check_source,
    load_termbase,
    months,
    numbers,
    read_translation,
)

# ----------------------------------------------------------------------------- segments


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Am 1. September 1936 kam er an. Dann ging er.",
            ["Am 1. September 1936 kam er an.", "Dann ging er."],
        ),
        (
            "Vgl. S. 17 und z. B. die Akte. Das ist alles.",
            ["Vgl. S. 17 und z. B. die Akte.", "Das ist alles."],
        ),
        ("Ja. Er kam am 3. Mai.", ["Ja. Er kam am 3. Mai."]),
        (
            "J. N. Smirnow sagte: „Ich war dort.“ Der Staatsanwalt schwieg.",
            ["J. N. Smirnow sagte: „Ich war dort.“", "Der Staatsanwalt schwieg."],
        ),
        ("Im Jahre 1936. Dann kam 1937.", ["Im Jahre 1936.", "Dann kam 1937."]),
        ("Warum log er? Weil er … schwieg.", ["Warum log er?", "Weil er … schwieg."]),
        ("(Siehe oben. Dort steht es.) Weiter.", ["(Siehe oben. Dort steht es.) Weiter."]),
    ],
)
def test_sentence_spans(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == sentences


def test_sentence_spans_tile_every_german_passage() -> None:
    passages = load_passages()
    for row in passages[passages.source_id.isin(GERMAN_SOURCES)].itertuples(index=False):
        spans = sentence_spans(row.text)
        pos = 0
        for a, b in spans:
            assert not row.text[pos:a].strip(), row.passage_id
            assert a < b
            pos = b
        assert not row.text[pos:].strip(), row.passage_id


# ----------------------------------------------------------------------------- checks


def test_numbers_read_digits_words_and_collectives() -> None:
    de = numbers("Am 12.-13. Dezember 1936: zwei Dutzend, dreiundachtzig, 10.000 Mann, 2,5 %", "de")
    en = numbers("On 12–13 December 1936: two dozen, eighty-three, 10,000 men, 2.5 %", "en")
    assert de == en
    assert de[12.0] == 2 and de[10000.0] == 1 and de[2.5] == 1
    assert not numbers("Er hat ein Buch und eine Frau.", "de")


def test_months() -> None:
    assert months("am 5. Februar und im Sept. 1936", "de") == months(
        "on 5 February and in September 1936", "en"
    )


def test_check_segment_passes_a_faithful_rendering() -> None:
    de = "Pjatakow sagte, er sei am 12. Dezember zu Trotzki geflogen: „Ich war dort.“"
    en = "Pyatakov said he had flown to Trotsky on 12 December: “I was there.”"
    persons = [("Pjatakow", "Georgy Pyatakov"), ("Trotzki", "Leon Trotsky")]
    assert check_segment(de, en, "", persons, load_termbase()) == []


@pytest.mark.parametrize(
    ("en", "check"),
    [
        ("Pyatakov said he had flown to Trotsky in December: “I was there.”", "number"),
        ("Pyatakov said he had flown to Trotsky on 12 January: “I was there.”", "number"),
        ("He said he had flown to Trotsky on 12 December: “I was there.”", "name"),
        ("Pyatakov said he had flown to Trotsky on 12 December: I was there.", "quotes"),
    ],
)
def test_check_segment_catches_a_planted_fault(en: str, check: str) -> None:
    de = "Pjatakow sagte, er sei am 12. Dezember zu Trotzki geflogen: „Ich war dort.“"
    persons = [("Pjatakow", "Georgy Pyatakov"), ("Trotzki", "Leon Trotsky")]
    found = {c for c, _ in check_segment(de, en, "", persons, load_termbase())}
    assert check in found


def test_termbase_term_must_be_rendered_as_the_termbase_says() -> None:
    de = "Der Staatsanwalt verlangte keine Gegenüberstellung."
    assert (
        check_segment(de, "The prosecutor asked for no confrontation.", "", [], load_termbase())
        == []
    )
    found = check_segment(de, "The judge asked for no meeting.", "", [], load_termbase())
    assert {c for c, _ in found} == {"term"}
    assert len(found) == 2


def test_a_note_naming_the_word_waives_the_check() -> None:
    de = "Der Staatsanwalt schwieg."
    assert (
        check_segment(de, "Vyshinsky was silent.", "Staatsanwalt: named here", [], load_termbase())
        == []
    )


# ----------------------------------------------------------------------------- files


@pytest.mark.parametrize("source_id", GERMAN_SOURCES)
def test_committed_translation_passes_every_check(source_id: str) -> None:
    problems = check_source(source_id)
    assert not problems, "\n".join(map(str, problems[:30]))


def _copy_with(tmp_path: Path, source_id: str, edit) -> Path:
    src = translation.translation_path(source_id)
    if not src.exists():
        pytest.skip(f"no translation of {source_id} yet")
    dst = tmp_path / src.name
    shutil.copy(src, dst)
    df = pd.read_csv(dst, dtype=str, keep_default_na=False)
    edit(df)
    df.to_csv(dst, index=False)
    return dst


def test_a_gap_between_segments_fails_coverage(tmp_path: Path) -> None:
    def drop_second_segment(df: pd.DataFrame) -> None:
        multi = df[df.seg == "2"].index[0]
        df.drop(index=multi, inplace=True)

    path = _copy_with(tmp_path, "letter-1930", drop_second_segment)
    problems = check_source("letter-1930", path)
    assert any(p.check == "coverage" for p in problems)
    assert all(str(path) in str(p) for p in problems)


def test_a_dropped_number_fails_with_file_line_and_segment(tmp_path: Path) -> None:
    def drop_year(df: pd.DataFrame) -> None:
        i = df[df.en.str.contains("1930")].index[0]
        df.at[i, "en"] = df.at[i, "en"].replace("1930", "")

    path = _copy_with(tmp_path, "letter-1930", drop_year)
    problems = [p for p in check_source("letter-1930", path) if p.check == "number"]
    assert problems and problems[0].line >= 2 and problems[0].seg >= 1


def test_reviewer_must_not_be_the_translator(tmp_path: Path) -> None:
    def self_review(df: pd.DataFrame) -> None:
        df.loc[df.index[0], ["reviewer", "reviewed"]] = [df.loc[df.index[0], "translator"], "ok"]

    path = _copy_with(tmp_path, "letter-1930", self_review)
    assert any(p.check == "review" for p in check_source("letter-1930", path))


def test_read_translation_of_untranslated_source_is_empty(tmp_path: Path) -> None:
    assert read_translation("monat", tmp_path / "none.csv").empty
