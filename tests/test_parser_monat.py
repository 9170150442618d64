"""Tests of the `monat` parser against the real source text."""

from __future__ import annotations

import re

import pytest

from companion.model import Block, Document
from companion.parsers import monat
from companion.sources import read_source

NBSP, ENSP, THIN, NNBSP = "\xa0", "\u2002", "\u2009", "\u202f"


@pytest.fixture(scope="module")
def raw() -> str:
    return read_source("monat")


@pytest.fixture(scope="module")
def doc(raw: str) -> Document:
    return monat.parse(raw)


def _line_no(raw: str, offset: int) -> int:
    return raw.count("\n", 0, offset) + 1


def _block_at(doc: Document, offset: int) -> Block:
    hits = [b for b in doc.blocks if any(a <= offset < e for a, e in b.segments)]
    assert len(hits) == 1, f"offset {offset} in {len(hits)} blocks"
    return hits[0]


def _body(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind != "footnote"]


def _notes(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind == "footnote"]


# --------------------------------------------------------------------------- line breaks

#: (raw text exactly as in the file, reading text it must become). All lie in one page.
LINE_BREAKS = [
    # soft hyphens removed
    ("getrennt wer-\nden müsse", "getrennt werden müsse"),
    ("(Rezen-\nsion)", "(Rezension)"),  # in note 357
    ("die Sowjet-\nunion, in", "die Sowjetunion, in"),  # note 358, a closed compound
    ("Der Spötter als Paneggy-\nriker,", "Der Spötter als Paneggyriker,"),  # note 385
    ("über die Kom-\nintern:", "über die Komintern:"),
    # real hyphens kept next to a removed soft hyphen
    ("des Hitler-Sta-\nlin-Paktes", "des Hitler-Stalin-Paktes"),
    ("dem Exekutiv-Ko-\nmitee des", "dem Exekutiv-Komitee des"),
    ("Der »Le-\nnin-Biograph« David", "Der »Lenin-Biograph« David"),
    ("Die historisch-politi-\nschen Implikationen", "Die historisch-politischen Implikationen"),
    # suspended hyphens kept (one broken across the line, two before a break)
    ("Das Petrograder »Vertei-\ndigungs-« bzw.", "Das Petrograder »Verteidigungs-« bzw."),
    ("»der« Staats- und \nRevolutionstheorie", "»der« Staats- und Revolutionstheorie"),
    (
        "der Arbeiter- und Soldatendeputierten \nausgewählt",
        "der Arbeiter- und Soldatendeputierten ausgewählt",
    ),
    # the ambiguous case, decided by HYPHEN_EXCEPTIONS
    ("der nicht-\nsowjetischen Welt", "der nichtsowjetischen Welt"),
    # ligature splits repaired
    ("nennenswerten Ein-\nf luss hatten", "nennenswerten Einfluss hatten"),
    ("galoppierenden Inf lation \nkorrespondierte", "galoppierenden Inflation korrespondierte"),
    ("zu warten.365 Darauf hin \ndesertierten", "zu warten. Daraufhin desertierten"),
    ("der \neinf lussreichen Führer", "der einflussreichen Führer"),
    ("seiner letzten Schrif t, in", "seiner letzten Schrift, in"),
    ("das f lache Land", "das flache Land"),
    # special spaces
    (f"Soldaten{ENSP} – dem \nsich", "Soldaten – dem sich"),
    (f"»Staatsgewalt«, d.{THIN}h. der Miliz", "»Staatsgewalt«, d. h. der Miliz"),
    (f"hier{NBSP}– wie auch im Folgenden{NBSP}– nach", "hier – wie auch im Folgenden – nach"),
    (f"Der Monat 3{NBSP} (1951), H.{NBSP} 36, S. 606", "Der Monat 3 (1951), H. 36, S. 606"),
    (f"H.{NBSP}3, \n\nS.{NNBSP}37–48, hier", "H. 3, S. 37–48, hier"),  # note 368, blank line
    (f"Gregori [sic{ENSP} !] \nSinowjew", "Gregori [sic !] Sinowjew"),
    # a wrapped heading
    ("als Genesis \n\t der kommunistischen", "als Genesis der kommunistischen"),
    # markers cut out
    ("im Zarenreich,360 beseelt", "im Zarenreich, beseelt"),
    ("dem Jahre 1953.369 Das Konzept", "dem Jahre 1953. Das Konzept"),
]


@pytest.mark.parametrize(("printed", "expected"), LINE_BREAKS)
def test_line_break_cases(doc: Document, raw: str, printed: str, expected: str) -> None:
    starts = [m.start() for m in re.finditer(re.escape(printed), raw)]
    assert starts, f"{printed!r} does not occur in the source"
    for start in starts:  # "Sowjet-/union" and "Schrif t, in" occur in two notes each
        block = _block_at(doc, start)
        assert expected in block.text
        # normalise() on a span that holds no marker gives the same result directly.
        if not re.search(r"[^\s\d]\d{3}\b", printed):
            assert monat.normalise(raw, [(start, start + len(printed))]).text == expected


#: Joins across a page (footnote zone + page start in between): (end of page, top of page).
PAGE_JOINS = [
    ("eine »Diktatur des Proletariats« sein", "eine »Diktatur ", " des Proletariats« sein"),
    ("eines Mitglieds zur Kenntnis", "jede abweichende Meinung eines ", " Mitglieds zur"),
    ("Führer der Bolschewiki vorgegangen", "Führer der Bol-", " schewiki vorgegangen"),
    ("und deshalb hingen Lenin", "besteht, und des-", " halb hingen Lenin"),
    ("Sie überschattete bald das »liberale«", "Sie überschattete bald ", " das »liberale«"),
    ("bolschewistische Bürokratie erhoben", "bolschewistische Büro-", " kratie erhoben"),
    ("Unter der Führung des Vertrauten", "Unter der ", " Führung des Vertrauten"),
    ("»auf dem auch ein isoliertes Rußland", "»auf dem auch ", " ein isoliertes Rußland"),
]


@pytest.mark.parametrize(("expected", "page_end", "page_top"), PAGE_JOINS)
def test_page_crossing_joins(
    doc: Document, raw: str, expected: str, page_end: str, page_top: str
) -> None:
    top = raw.index("\n" + page_top) + 2
    assert raw.index(page_end) < top
    block = _block_at(doc, top)
    assert block.kind in ("paragraph", "blockquote")
    assert len(block.segments) >= 2
    assert expected in block.text


def test_hyphen_rule_table() -> None:
    rule = monat.hyphen_rule
    assert rule("wer", "den") == "soft"
    assert rule("Arbeiter", "und") == "suspended"
    assert rule("Hand", "oder") == "suspended"
    assert rule("Verteidigungs", "bzw") == "suspended"
    assert rule("Hitler", "Stalin") == "compound"
    assert rule("historisch", "politische", frozenset({"historisch-politische"})) == "compound"
    assert rule("historisch", "politische") == "soft"
    assert rule("nicht", "sowjetischen") == "soft"  # HYPHEN_EXCEPTIONS
    assert rule("Tscheka", "") == "literal"


def test_hyphen_counts(doc: Document, raw: str) -> None:
    """All 168 line-final hyphens are seen; every one is a soft break in this text."""
    decisions = [d for b in doc.blocks for d in monat.hyphen_decisions(raw, b.segments)]
    line_final = [m.start() for m in re.finditer(r"-[ \t]*\n", raw)]
    assert len(line_final) == 168
    assert sorted(d[0] for d in decisions) == line_final
    assert {d[3] for d in decisions} == {"soft"}
    # real hyphens inside lines survive
    text = " ".join(b.text for b in doc.blocks)
    for word in (
        "Hitler-Stalin-Paktes",
        "marxistisch-leninistischen",
        "1920er-Jahre",
        "Duma-Komitee",
    ):
        assert word in text


def test_ligature_repairs(doc: Document, raw: str) -> None:
    repairs = [r for b in doc.blocks for r in monat.ligature_repairs(raw, b.segments)]
    assert len(repairs) == 13
    text = " ".join(b.text for b in doc.blocks)
    assert not re.search(
        r"\b(?:Einf|einf|Inf|Schrif|Auf|Darauf|f) (?:luss|lation|t|lösung|hebung|lache|hin)\b", text
    )
    assert text.count("Schrift") >= 3
    for word in ("Einfluss", "Inflation", "Auflösung", "Aufhebung", "einflussreichen", "flache"):
        assert word in text
    # genuine "f" + space stays: "auf die", "Kampf um"
    assert "auf die Massen" in text and "Kampf um die Macht" in text


def test_reading_text_is_clean(doc: Document) -> None:
    for b in doc.blocks:
        assert not re.search(r"\s{2}|[\t\n\xa0\u2002\u2009\u202f\ufffd\u00ad]", b.text), b.text[:60]
        assert not re.search(r"[„“\"]", b.text)
    quotes = "".join(b.text for b in doc.blocks)
    assert quotes.count("»") == quotes.count("«") == 111


# --------------------------------------------------------------------------- footnotes


def test_footnotes_labels_in_order(doc: Document) -> None:
    notes = _notes(doc)
    assert len(notes) == 31
    assert [n.label for n in notes] == [str(i) for i in range(356, 387)]


def test_markers_pair_one_to_one(doc: Document, raw: str) -> None:
    refs = doc.note_refs
    assert [r.label for r in refs] == [str(i) for i in range(356, 387)]
    indices = [r.footnote_index for r in refs]
    assert None not in indices
    assert len(set(indices)) == 31
    assert {i for i, b in enumerate(doc.blocks) if b.kind == "footnote"} == set(indices)
    markers = {(a.start, a.end) for a in doc.artefacts if a.kind == "note_marker"}
    for r in refs:
        assert raw[r.start : r.end] == r.label
        assert (r.start, r.end) in markers
        note = doc.blocks[r.footnote_index]
        assert note.label == r.label
        # the note follows the body block whose lines hold the marker
        owner = max(
            (i for i, b in enumerate(doc.blocks) if b.kind != "footnote" and b.start <= r.start),
            key=lambda i: doc.blocks[i].start,
        )
        between = doc.blocks[owner + 1 : r.footnote_index + 1]
        assert all(b.kind == "footnote" for b in between)
        assert note.section == doc.blocks[owner].section
        # the marker is not part of any block
        assert not any(a <= r.start < e for b in doc.blocks for a, e in b.segments)


@pytest.mark.parametrize(
    ("label", "line", "before"),
    [
        ("356", 29, "toto."),
        ("360", 75, "Zarenreich,"),
        ("369", 262, "1953."),
        ("371", 279, "fand,"),
        ("375", 390, "Räten!«"),
        ("378", 422, "werden«."),
        ("383", 539, "könne«"),
        ("384", 555, "Opposition"),
    ],
)
def test_marker_positions(doc: Document, raw: str, label: str, line: int, before: str) -> None:
    ref = next(r for r in doc.note_refs if r.label == label)
    assert _line_no(raw, ref.start) == line
    assert raw[ref.start - len(before) : ref.start] == before


NOTE_TEXTS = [
    (
        "356",
        "Siehe von den zahlreichen Beiträgen",
        "Der Gott, der keiner war bzw. Ein Gott hat versagt.",
    ),
    (
        "375",
        "Alexander Berkman, Der Aufstand von Kronstadt. Zum 30. Jahrestag",
        "Julien Steinberg, Verdict of Three Decades, New York o. J. entnommen wurde.",
    ),
    (
        "385",
        "Vgl. zum »Bruch« zwischen Lenin und Stalin insgesamt Franz Borkenau, "
        "Der Spötter als Paneggyriker, in: Der Monat 3 (1951), H. 36",
        "sowie speziell zum »Nationalitäten-Problem« die S. 612–615.",
    ),
    ("368", "David Shub, Lenins letzte Tage.", "Der Monat 1 (1948), H. 3, S. 37–48, hier S. 41."),
    ("378", "Michael Padev, Die Bauern unter dem Sowjetsystem", "H. 39, S. 327–329, hier S. 328."),
    ("380", "Ebd., S. 52 f.", "Ebd., S. 52 f."),
]


@pytest.mark.parametrize(("label", "start", "end"), NOTE_TEXTS)
def test_note_texts(doc: Document, label: str, start: str, end: str) -> None:
    note = next(b for b in _notes(doc) if b.label == label)
    assert note.text.startswith(start)
    assert note.text.endswith(end)


def test_note_labels_are_artefacts(doc: Document, raw: str) -> None:
    """ "356\u2002 \ufffd" opens note 356: label = note_marker, U+FFFD = residue, both left out."""
    spans = {(a.start, a.end): a.kind for a in doc.artefacts}
    for note in _notes(doc):
        m = re.search(r"(\d{3})\u2002 \ufffd$", raw[: note.start])
        assert m is not None and m[1] == note.label
        assert spans[m.span(1)] == "note_marker"
        assert spans[(m.end() - 1, m.end())] == "residue"
        assert not note.text.startswith(note.label)
    assert sum(a.kind == "residue" for a in doc.artefacts) == raw.count("\ufffd") == 31


def test_no_note_crosses_a_page(doc: Document) -> None:
    """Notes with internal blank lines (368, 372, 378) are one segment each; none spans pages."""
    for note in _notes(doc):
        assert len(note.segments) == 1
        assert "\n " not in doc.raw[note.start : note.end]


def test_footnote_sections(doc: Document) -> None:
    sections = {b.label: b.section for b in _notes(doc)}
    assert sections["356"] == "IV.2.1"
    assert all(sections[str(n)] == "IV.2.2" for n in range(357, 387))


# --------------------------------------------------------------------------- structure


def test_sections(doc: Document) -> None:
    assert [(s.number, s.title, s.level) for s in doc.sections] == [
        ("IV.2.1", monat.FIRST_SECTION.title, 3),
        ("IV.2.2", "Die Russische Revolution als Genesis der kommunistischen Gewaltherrschaft", 3),
        ("IV.2.3", "Der Aufstieg Stalins und die »Zweite Revolution« Ende der 1920er-Jahre", 3),
    ]
    assert doc.section("IV.2.1").heading_supplied
    assert doc.sections[0].title.startswith("[")
    headings = [b for b in doc.blocks if b.kind == "heading"]
    assert [(h.section, h.level, h.text) for h in headings] == [
        (
            "IV.2.2",
            3,
            "2.2 Die Russische Revolution als Genesis der kommunistischen Gewaltherrschaft",
        ),
        ("IV.2.3", 3, "2.3 Der Aufstieg Stalins und die »Zweite Revolution« Ende der 1920er-Jahre"),
    ]


def test_block_counts_and_sections(doc: Document, raw: str) -> None:
    body = _body(doc)
    kinds = [b.kind for b in body]
    assert kinds.count("paragraph") == 25
    assert kinds.count("blockquote") == 11
    assert body[0].text.startswith("vertrat die Auffassung, dass zwischen Leninismus")
    assert body[0].section == body[1].section == "IV.2.1"
    assert body[-1].section == "IV.2.3"
    assert sum(b.section == "IV.2.3" for b in body) == 4  # heading, paragraph, two quote paragraphs


BLOCKQUOTE_LINES = [155, 284, 311, 334, 380, 449, 462, 477, 587, 617, 626]


def test_blockquotes(doc: Document, raw: str) -> None:
    quotes = [b for b in doc.blocks if b.kind == "blockquote"]
    assert [_line_no(raw, q.start) for q in quotes] == BLOCKQUOTE_LINES
    assert quotes[0].text.startswith("das zumeist aus Liberalen bestand")
    assert quotes[-2].text.endswith("der Regierungsgeschäfte zu widmen.")
    assert quotes[-1].text.startswith("Diese beiden Eigenschaften")
    # the Dallin/Nikolajewski and Berkman quotes run over a page break
    assert len(_block_at(doc, raw.index("Sie überschattete bald")).segments) == 2
    # the paragraph after a quote is not a quote
    assert _block_at(doc, raw.index("Zu den ersten Maßnahmen")).kind == "paragraph"
    assert _block_at(doc, raw.index("Aber auch wenn die Mitglieder")).kind == "paragraph"


def test_new_paragraph_at_page_top(doc: Document, raw: str) -> None:
    for opening in ("Vor dem Hintergrund der marxistischen Utopie", "Wie bereits erwähnt, stand"):
        block = _block_at(doc, raw.index(opening))
        assert block.kind == "paragraph"
        assert block.text.startswith(opening)
    assert _block_at(doc, raw.index("Aber weder im Zentralkomitee")).kind == "blockquote"


# --------------------------------------------------------------------------- pages


def test_pages_have_no_running_footers(doc: Document, raw: str) -> None:
    """The extraction kept no page numbers or running heads; none may reach a reading text."""
    footers = [a for a in doc.artefacts if a.kind == "page_footer"]
    assert footers == []
    lines = raw.split("\n")
    assert not [ln for ln in lines if re.fullmatch(r"\s*\d{1,3}\s*", ln)]
    texts = [b.text for b in doc.blocks]
    for a in footers:  # kept generic should footers ever be recorded
        assert not any(raw[a.start : a.end].strip() in t for t in texts)


def test_page_breaks_recorded(doc: Document, raw: str) -> None:
    breaks = [a for a in doc.artefacts if a.kind == "page_break"]
    assert [_line_no(raw, a.end - 1) for a in breaks] == [
        49,
        100,
        150,
        198,
        249,
        299,
        344,
        389,
        442,
        489,
        537,
        587,
        633,
    ]
    assert all(raw[a.start : a.end] == "\n " for a in breaks)


def test_footnote_zone_text_stays_out_of_body(doc: Document) -> None:
    body_text = " ".join(b.text for b in _body(doc))
    for note in _notes(doc):
        assert note.text[:40] not in body_text
