"""Excerpts: rendering, errors, and every excerpt in the built book checked against the source."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from companion.data import load
from companion.errors import UnknownPassageError
from companion.excerpts import ExcerptError, excerpt, excerpt_html, reader_url
from companion.parsers import parser_for
from companion.passages import get_passage
from companion.sources import read_source


def a_passage_with_quotes() -> str:
    df = load("passages")
    hit = df[(df["source_id"] == "monat") & df["text"].str.contains("»")]
    return hit.iloc[0]["passage_id"]


def test_excerpt_html_escapes_and_round_trips():
    pid = a_passage_with_quotes()
    text = get_passage(pid).text
    soup = BeautifulSoup(excerpt_html(pid), "html.parser")
    quote = soup.select_one("blockquote.companion-excerpt")
    assert quote["data-passage-id"] == pid
    assert quote["data-text"] == text
    assert quote.p.get_text() == text
    assert quote["lang"] == "de"
    assert quote.footer.a["href"] == reader_url(pid)


def test_phrase_excerpt_is_marked_as_partial():
    pid = a_passage_with_quotes()
    phrase = get_passage(pid).text.split()[2]
    soup = BeautifulSoup(excerpt_html(pid, phrase, root="../"), "html.parser")
    assert soup.p.get_text() == f"… {phrase} …"
    assert soup.a["href"].startswith("../book/sources/monat.html#")


def test_phrase_not_in_passage_is_an_error():
    pid = a_passage_with_quotes()
    with pytest.raises(ExcerptError, match="is not in passage"):
        excerpt(pid, "Diese Worte stehen nicht im Text")


def test_unknown_passage_is_an_error():
    with pytest.raises(UnknownPassageError):
        excerpt("monat:n999")


@pytest.mark.build
def test_every_excerpt_in_the_built_book_is_verbatim(book_html):
    """Scan every page of the built book for excerpts and check each against the raw source."""
    seen = 0
    problems = []
    for page in book_html.rglob("*.html"):
        if "_static" in page.parts or "data" in page.parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for quote in soup.select("blockquote.companion-excerpt"):
            seen += 1
            pid = quote["data-passage-id"]
            shown = quote["data-text"]
            passage = get_passage(pid)
            raw = read_source(passage.source_id)
            reading = parser_for(passage.source_id).normalise(raw, list(passage.segments))
            if reading.text != passage.text:
                problems.append(f"{page.name}: {pid}: passage text differs from the source")
            if shown not in reading.text:
                problems.append(f"{page.name}: {pid}: {shown[:50]!r} not in the source passage")
            visible = quote.p.get_text()
            if visible not in (shown, f"… {shown} …"):
                problems.append(f"{page.name}: {pid}: displayed text differs from data-text")
    assert not problems, "\n".join(problems)
    assert seen >= 5
