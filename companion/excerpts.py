"""Excerpts: quote a passage, or a phrase inside it, with its citation.

One rendering function serves the prose pages (the ``{excerpt}`` directive) and
the notebooks (:func:`excerpt`, displayed through a MIME type that the book's
myst-nb plugin renders, so the link to the reader page is right on every page).
The HTML carries ``data-passage-id`` and the quoted text, and
tests/test_excerpts_in_book.py checks every excerpt in the built book against
the source characters.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from companion.errors import DataError
from companion.passages import get_passage
from companion.sources import load_manifest
from companion.translation import LABEL, english_for

EXCERPT_MIME = "application/vnd.companion.excerpt+json"
READER_DIR = "book/sources"


class ExcerptError(DataError):
    """A phrase that is not in the passage it is quoted from."""


def reader_url(passage_id: str, root: str = "") -> str:
    """URL of a passage on its source's reader page, relative to the book root."""
    source_id = passage_id.split(":", 1)[0]
    return f"{root}{READER_DIR}/{source_id}.html#{quote(passage_id, safe=':.')}"


def excerpt_text(passage_id: str, phrase: str | None = None) -> str:
    """The text an excerpt shows: the passage's reading text or a phrase in it."""
    passage = get_passage(passage_id)
    if phrase is None:
        return passage.text
    if phrase not in passage.text:
        raise ExcerptError(
            f"phrase {phrase!r} is not in passage {passage_id} "
            f"(reading text begins {passage.text[:60]!r})"
        )
    return phrase


def excerpt_english(passage_id: str, phrase: str | None = None) -> str | None:
    """The working translation of the segments an excerpt overlaps; None if untranslated."""
    passage = get_passage(passage_id)
    if phrase is None:
        return english_for(passage_id)
    start = passage.text.find(phrase)
    return english_for(passage_id, start, start + len(phrase))


def translation_html(english: str, tag: str = "p") -> str:
    """An English working translation, marked as such and as English."""
    return (
        f'<{tag} class="companion-translation" lang="en">{html.escape(english)}'
        f' <small class="companion-translation-label">{html.escape(LABEL)}</small></{tag}>'
    )


def excerpt_html(passage_id: str, phrase: str | None = None, root: str = "") -> str:
    passage = get_passage(passage_id)
    text = excerpt_text(passage_id, phrase)
    source = load_manifest()[passage.source_id]
    partial = phrase is not None and phrase != passage.text
    shown = f"… {text} …" if partial else text
    section = f", § {passage.section}" if passage.section else ""
    english = excerpt_english(passage_id, phrase) if source.language == "de" else None
    return (
        f'<blockquote class="companion-excerpt" lang="{source.language}" '
        f'data-passage-id="{html.escape(passage_id)}" data-text="{html.escape(text)}">'
        f"<p>{html.escape(shown)}</p>"
        + (translation_html(english) if english else "")
        + f"<footer>{html.escape(source.short_title)}{html.escape(section)} — "
        f'<a href="{html.escape(reader_url(passage_id, root))}">'
        f"<code>{html.escape(passage_id)}</code></a></footer></blockquote>"
    )


def opening_sentence(source_id: str, max_chars: int = 300) -> tuple[str, str]:
    """(passage id, phrase): the first sentence of a source's first paragraph."""
    from companion.passages import load_passages

    df = load_passages()
    first = df[(df["source_id"] == source_id) & (df["kind"] == "paragraph")]
    if first.empty:
        raise ExcerptError(f"source {source_id!r} has no paragraph passage")
    row = first.iloc[0]
    text = row["text"]
    match = re.search(r"(?<=[.!?])\s", text)
    phrase = text[: match.start()] if match else text
    if len(phrase) > max_chars:
        phrase = phrase[:max_chars].rsplit(" ", 1)[0]
    return row["passage_id"], phrase


@dataclass
class Excerpt:
    passage_id: str
    phrase: str | None = None

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        text = excerpt_text(self.passage_id, self.phrase)
        return {
            EXCERPT_MIME: {"passage_id": self.passage_id, "phrase": self.phrase},
            "text/html": excerpt_html(self.passage_id, self.phrase, root="../"),
            "text/plain": f"{text}\n  [{self.passage_id}]",
        }


def excerpt(passage_id: str, phrase: str | None = None) -> Excerpt:
    """Quote a passage (or ``phrase`` inside it); fails at once if either is unknown."""
    excerpt_text(passage_id, phrase)
    return Excerpt(passage_id, phrase)
