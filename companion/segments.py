"""Sentence segments of a German reading text, the units of the aligned translation.

:func:`sentence_spans` cuts a passage's reading text (``passages.csv``, column
``text``) into sentences and returns their ``[start, end)`` offsets. The spans
cover the text with no gap but white space and no overlap; a translation may
join neighbouring spans into one segment, never split one.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotation
marks or brackets after it) followed by white space and a capital letter or
an opening quotation mark or bracket. It does not end:

- after an abbreviation (``z. B.``, ``S.``, ``Nr.``, ``Ebd.``, ``Sept.``) or a
  single letter (the initials of ``J. N. Smirnow``, ``L. D.``);
- after a number of one to three digits (German ordinals: ``am 1. September``);
  a four-digit year may end a sentence (``im Jahre 1936. Dann …``);
- inside a bracket.

A span shorter than :data:`MIN_CHARS` characters (a lone ``Ja.``) is joined to
the next one, so that no segment is too short to translate on its own.
"""

from __future__ import annotations

import re

#: Words after which a full stop does not end a sentence (lower-cased, without the stop).
ABBREVIATIONS = frozenset(
    {
        "z",
        "b",
        "d",
        "h",
        "u",
        "a",
        "s",
        "nr",
        "dr",
        "st",
        "usw",
        "bzw",
        "vgl",
        "ca",
        "etc",
        "ebd",
        "hrsg",
        "jg",
        "bd",
        "abs",
        "art",
        "prof",
        "gen",
        "sog",
        "geb",
        "ff",
        "f",
        "o",
        "v",
        "chr",
        "mr",
        "mrs",
        "jan",
        "febr",
        "aug",
        "sept",
        "okt",
        "nov",
        "dez",
        "fr",
        "frl",
        "hr",
        "evtl",
        "ggf",
        "inkl",
        "insb",
        "mio",
        "mill",
        "tel",
        "bl",
        "no",
        "ebda",
        "zit",
        "anm",
        "vol",
        "p",
        "pp",
        "resp",
    }
)

#: Segments shorter than this are joined to the following one.
MIN_CHARS = 12

_OPENERS = "„‚«»(\"'"
_CANDIDATE = re.compile(r"[.!?…]+[“”‘’«»)\]\"']*(?=\s+[A-ZÄÖÜ" + re.escape(_OPENERS) + r"])")
_WORD_BEFORE = re.compile(r"([\wÄÖÜäöüß]+)$")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    mark = match.group(0)
    if mark[0] == ".":
        before = _WORD_BEFORE.search(text, 0, match.start())
        if before is not None and before.end() == match.start():
            word = before.group(1)
            if word.lower() in ABBREVIATIONS or len(word) == 1:
                return False
            if word.isdigit() and len(word) <= 3:
                return False
    # not inside an open bracket
    head = text[: match.start()]
    return head.count("(") <= head.count(")")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``text`` (see the module docstring)."""
    cuts = [m.end() for m in _CANDIDATE.finditer(text) if _is_boundary(text, m)]
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for cut in [*cuts, len(text.rstrip())]:
        if cut <= start:
            continue
        spans.append((start, cut))
        rest = text[cut:]
        start = cut + len(rest) - len(rest.lstrip())
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and merged[-1][1] - merged[-1][0] < MIN_CHARS:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    if len(merged) > 1 and merged[-1][1] - merged[-1][0] < MIN_CHARS:
        last = merged.pop()
        merged[-1] = (merged[-1][0], last[1])
    return merged
