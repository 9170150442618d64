"""Tests of the crimes-1937 parser (Trotzki, Stalins Verbrechen) against the real source.

Line numbers are 1-based lines of data/sources/trotsky-stalins-verbrechen-1937.de.txt;
each case names the raw line of a join and the reading text expected around it.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from companion.model import Block, Document
from companion.parsers import crimes_1937
from companion.passages import assign_ids
from companion.sources import read_source

SID = "crimes-1937"


@pytest.fixture(scope="module")
def raw() -> str:
    return read_source(SID)


@pytest.fixture(scope="module")
def doc(raw: str) -> Document:
    return crimes_1937.parse(raw)


def line_end(raw: str, line: int) -> int:
    """Raw offset of the last non-space character of a 1-based line."""
    pos = 0
    for _ in range(line - 1):
        pos = raw.index("\n", pos) + 1
    end = raw.index("\n", pos) - 1
    while raw[end] == " ":
        end -= 1
    return end


def block_at(doc: Document, offset: int) -> Block:
    """The block whose segments hold a raw offset."""
    for b in doc.blocks:
        if any(a <= offset < e for a, e in b.segments):
            return b
    raise AssertionError(f"no block holds raw offset {offset}")


def body(doc: Document, kind: str | None = None) -> list[Block]:
    return [b for b in doc.blocks if b.kind != "footnote" and (kind is None or b.kind == kind)]


# --------------------------------------------------------------------------- line breaks

#: (raw line, reading text expected in the block that holds the end of that line)
JOINS = [
    # compounds: hyphen kept, no space
    (26, "an die Entente-Länder gefesselt!"),
    (541, "das Außenhandels-Monopol, um mich"),
    (1525, "Organisatoren der Prozess-Fälschung!"),
    (1590, "Im ersten Sinowjew-Kamenew-Prozess, im Januar"),
    (2181, "Mitglieder der Zentral-Kontrollkommission"),
    (2223, "das Dementi Sinowjew-Kamenew vom 13. Februar 1932"),
    (2573, "aus Angst vor Partei-Spaltungen"),
    (3117, "die Version Kerenski-Jermolenko erneuern wird!"),
    (3503, "den der Sinowjew-Kamenew-Prozess hinterlassen"),
    (4458, "den ersten Sinowjew-Kamenew-Prozess bestand"),
    (6295, "beider Prozesse, Sinowjew-Kamenew und Pjatakow-Radek"),
    (7322, "Mit Komm.-Gruß!"),
    (7854, "der Trotzkistisch-Sinowjewistische Block"),
    (8461, "traf Pjatakow den Heinrich-Gustav."),
    (9679, "„Troika“ (Sinowjew-Stalin-Kamenew)"),
    (10341, "mit dem Prozess Pjatakow-Radek erschossenen"),
    # lower-case continuations
    (131, "als deutsch-japanischer Agent"),
    (5195, "des totalitär-inquisitorischen Regimes"),
    (7743, "sondern ein A-priori-Schema des Anklageaktes"),
    (9314, "von der individuell-psychologischen und nicht"),
    # suspended hyphens keep "- " before und/oder
    (475, "mir Hand- und Fußfesseln anzulegen"),
    (1523, "alle konkreten Zeit- und Ortsumstände"),
    (2500, "die Luft- und die Dampfsirene, zu heulen"),
    # plain line breaks and justification double spaces
    (4, "durch und durch verlogen. Darin äußert sich ihr reaktionärer Charakter. Die Reaktion"),
    (10, "thermidorianischen Lüge bildet. Bis zum Ende des Jahres 1933 hat mich die Moskauer"),
    (38, "gerade am Tage meiner Ankunft in Frankreich"),  # leading space on the line
    # across a page break
    (2203, "„Blocks“ mit Kamenew und Sinowjew tatsächlich geleitet"),
    (1112, "Vorsitzender: „Worauf gründen Sie Ihre Annahme?“ „In den letzten"),
    # around footnote bodies and link lines
    (85, "trug vorwiegend literarischen Charakter. Die Verleumder verleumdeten"),
    (4146, "existierte von diesem Hotel nur die Erinnerung in alten Reiseführern."),
    (10487, "Stalins Regime basiert auf einer Verschwörung der Regierer gegen die Regierten."),
    (821, "dem Zeugen den Sinn der Bedingungen nicht erklärt?“"),
    (5824, "beginnen im Jahre 1924, hauptsächlich seit Ende 1927."),  # one-line footnote
    (2629, "vor den Kapitulanten immer die gleiche Alternative"),  # footnote + link
    (4438, "In Zeiten der Reaktion ist es bequemer"),  # link line
    (9224, "die bestellte bürokratische „Schöpfung“. Ohne Überzeugung"),  # link line
    # lines that lost their trailing space
    (8896, "An Belastungsmaterial existiert keine Spur."),
    (8903, "einen Bund geschlossen hat zu dem Zwecke, den Krieg"),
    # note markers taken out of the text
    (63, "So können wir nicht handeln.“ Gewiss, das war"),
    (808, "des faschistischen Advokaten W., des Verteidigers"),
    (1329, "Stalin und Quisling Hand in Hand gearbeitet.“"),
    (3345, "Da waren Frieda Rivera, die Frau des, berühmten Malers"),
    (4579, "Tom Mooney und anderer."),
    (8407, "nach Moskau vermerkt hat. Die GPU war gezwungen"),
    (10314, "zum ‚Uralwaggonstroi‘, um dort die"),
    (10453, "fabriziert und in fertiger Form der tschechoslowakischen Polizei überreicht worden."),
    # quotation marks
    (13, "als „Mister Trotzki“ tituliert. In der „Prawda“ vom 8. März 1929"),
    (1055, "das Wesen des sogenannten ‚Trotzkismus‘. Um mich"),
    (8654, "Ich fragte ihn (Stirner): ‚Wie wird Pjatakow fahren können?‘ Er sagte"),
    (6415, "der Liquidierung der‚Dritten Periode‘ befindet sich"),
    (9935, "Postyschews,Tscherwjakows, Tuchatschewskis"),  # a glued comma, not a quote
    (1939, "an der Table d'hote. Die Bedingungen"),  # apostrophes stay
    (8841, "der irländische Schriftsteller O'Flaherty erzählt)."),
    (10246, "der Bosheit und Schlauheit fehlt's an Vernunft!"),
    (10499, "die man in Ignaz Reiss' Nachlass fand"),
    (571, "In der ‚Erklärung‘, die wir Oppositionelle"),  # ’ becomes ‘
]


@pytest.mark.parametrize(("line", "expected"), JOINS)
def test_line_joins(raw: str, doc: Document, line: int, expected: str) -> None:
    block = block_at(doc, line_end(raw, line))
    assert expected in block.text, f"line {line}: {block.text[:300]!r}"


def test_at_least_thirty_join_cases() -> None:
    assert len(JOINS) >= 30


def test_reading_text_has_no_raw_artefacts(doc: Document) -> None:
    text = "\n".join(b.text for b in doc.blocks)
    assert "  " not in text
    assert '"' not in text
    assert "’" not in text
    assert "https://" not in text
    # 12 apostrophes stay (d'hote, j'espère, O'Flaherty, fehlt's, Reiss', ...)
    assert text.count("'") == 12
    assert "Handund" not in text and "Hand-und" not in text


def test_hyphen_rule_never_drops_the_hyphen(raw: str, doc: Document) -> None:
    """Every line-final hyphen reaches the reading text as '-' followed by a word or '- und'."""
    pos, found = 0, 0
    for chunk in raw.split("\n"):
        end = pos + len(chunk.rstrip())
        if chunk.rstrip().endswith("-"):
            found += 1
            block = block_at(doc, end - 1)
            i = block.reading.offsets.index(end - 1)
            after = block.text[i + 1 : i + 6]
            assert after[:1].isalpha() or after.startswith((" und", " oder")), after
        pos += len(chunk) + 1
    assert found == 34  # the notes say 33; the text also has "Komm.- " / "Gruß!"


# --------------------------------------------------------------------------- sections

TOC = [
    ("1", 1, "Vorwort"),
    ("2", 1, "Im „sozialistischen“ Norwegen"),
    ("3", 1, "Hinter geschlossenen Türen"),
    ("3.1", 2, "Um die Internierung"),
    ("3.2", 2, "Der Moskauer Prozess"),
    ("4", 1, "Auf dem Meere"),
    ("4.1", 2, "Eine lehrreiche Episode"),
    ("4.2", 2, "Sinowjew und Kamenew"),
    ("4.3", 2, "Warum beichten sie Verbrechen, die sie nicht begangen haben?"),
    ("4.4", 2, "„Machtgier“"),
    ("4.5", 2, "„Hass gegen Stalin“"),
    ("4.6", 2, "Die Entsendung von „Terroristen“ aus dem Auslande"),
    ("5", 1, "In Mexiko"),
    ("6", 1, "Vor dem neuen Prozess"),
    ("7", 1, "Rede auf dem Meeting im Hippodrom in New York"),
    ("8", 1, "Voruntersuchung in Coyoacan"),
    ("9", 1, "[Schlussrede vor der Untersuchungskommission]"),
    ("9.1", 2, "Warum ist eine Untersuchung notwendig?"),
    ("9.2", 2, "Ist eine Untersuchung politisch zulässig?"),
    ("9.3", 2, "Die Expertise des Professors Charles Beard"),
    ("9.4", 2, "Eine „rein juristische“ Expertise"),
    ("9.5", 2, "Autobiographie"),
    ("9.6", 2, "Meine „juristische“ Lage"),
    ("9.7", 2, "Drei Kategorien von Beweisen"),
    ("9.8", 2, "Mathematische Reihen der Fälschung"),
    ("9.9", 2, "Die politische Basis der Anklage: Terrorismus"),
    ("9.10", 2, "Kirows Ermordung"),
    (
        "9.11",
        2,
        "Wer hat die Liste der „Opfer“ des Terrors zusammengestellt? (Die „Sache“ Molotow)",
    ),
    ("9.12", 2, "Die politische Basis der Anklage: Sabotage"),
    ("9.13", 2, "Die politische Basis der Anklage: Bündnis mit Hitler und dem Mikado"),
    ("9.14", 2, "Kopenhagen"),
    ("9.15", 2, "Radek"),
    ("9.16", 2, "Der „Zeuge“ Wladimir Romm"),
    ("9.17", 2, "Pjatakows Flug nach Norwegen"),
    ("9.18", 2, "Was wurde im letzten Prozess widerlegt?"),
    ("9.19", 2, "Der Staatsanwalt als Fälscher"),
    ("9.19.1", 3, "1."),
    ("9.19.2", 3, "2."),
    ("9.19.3", 3, "3."),
    ("9.20", 2, "Die Theorie der „Maskierung“"),
    ("9.21", 2, "Wozu und weshalb diese Prozesse?"),
    ("10", 1, "Die Enthauptung der Roten Armee"),
    ("11", 1, "Stalin über seine Fälschungen"),
    ("12", 1, "Der Anfang vom Ende"),
]


def test_sections_follow_the_toc(doc: Document) -> None:
    assert len(doc.sections) == 44
    assert [(s.number, s.level, s.title) for s in doc.sections] == TOC
    assert [s.number for s in doc.sections if s.level == 1] == [str(n) for n in range(1, 13)]


def test_closing_speech_is_a_supplied_chapter(doc: Document) -> None:
    speech = doc.section("9")
    assert speech.heading_supplied and speech.level == 1
    assert [s.number for s in doc.sections if s.heading_supplied] == ["9"]
    assert not [b for b in doc.blocks if b.section == "9"]  # no heading block, no text
    first = next(b for b in doc.blocks if b.section == "9.1")
    assert first.kind == "heading" and first.text == "Warum ist eine Untersuchung notwendig?"
    # the chapter before it ends with the announcement of the speech
    last_of_8 = [b for b in body(doc) if b.section == "8"][-1]
    assert last_of_8.text.endswith("Ihr Verdikt wird historische Bedeutung haben.")


def test_headings(raw: str, doc: Document) -> None:
    headings = body(doc, "heading")
    assert len(headings) == 44  # 43 section headings and one subtitle
    titled = [h for h in headings if h.note != "subtitle"]
    assert [h.text for h in titled] == [t for _, _, t in TOC if not t.startswith("[")]
    assert [h.level for h in titled] == [lvl for n, lvl, _ in TOC if n != "9"]
    # two-line headings are one block
    new_york = next(h for h in headings if h.text.endswith("in New York"))
    assert raw.count("\n", new_york.start, new_york.end) == 1
    # the subtitle of "Auf dem Meere"
    subtitle = next(h for h in headings if h.note == "subtitle")
    assert (subtitle.text, subtitle.section, subtitle.level) == ("Abreise aus Norwegen", "4", 2)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("L. Trotzki", "signature"),
        ("Coyoacan, den 5. Juli 1937", "dateline"),
        ("Oslo, den 1. September 1936.", "dateline"),
        ("Verehrte Hörer, Genossen und Freunde!", "salutation"),
        ("Wundersame Reise Pjatakows nach Kjeller", "blockquote"),
        ("Flugplatz Kjeller", "blockquote"),
        ("Kjeller, den 14. II. 1937.", "dateline"),
        ("Direktion", "blockquote"),
        ("Herrn Rechtsanwalt Andreas Steilen", "blockquote"),
        ("E. Slotgate 8, Oslo", "blockquote"),
        ("Gulliksen.", "signature"),
        ("Revolutionäre Situation in Deutschland in den Jahren 1918 bis 1919.", "list_item"),
        ("Vorrevolutionäre Situation in Belgien.", "list_item"),
        ("Friedrich Adler: „Der Moskauer Hexenprozess.“", "list_item"),
        ("a) die Sowjetregierung hatte keine andere Wahl;", "list_item"),
    ],
)
def test_false_positive_headings_have_their_own_kind(doc: Document, text: str, kind: str) -> None:
    matches = [b for b in doc.blocks if b.text == text]
    assert len(matches) == 1, text
    assert matches[0].kind == kind


def test_no_heading_from_footnotes_letters_or_telegrams(doc: Document) -> None:
    heading_texts = {b.text for b in doc.blocks if b.kind == "heading"}
    for text in ("Diplomatie", "Telegramm", "Paris", "Berlin", "President du Conseil"):
        assert text not in heading_texts
        assert not [b for b in doc.blocks if b.text == text]  # not a block of its own either
    telegrams = next(b for b in doc.blocks if b.kind == "footnote" and "Herriot" in b.text)
    assert telegrams.text.startswith("Hier der Text der Telegramme: Telegramm Monsieur E. Herriot")
    assert telegrams.text.endswith("à l'expiration de ce délai. Diplomatie")
    assert telegrams.lang == "fr"


def test_scene_breaks(raw: str, doc: Document) -> None:
    breaks = body(doc, "scene_break")
    assert len(breaks) == 10
    assert all(b.text == "★" for b in breaks)
    lines = [raw.count("\n", 0, b.start) + 1 for b in breaks]
    assert lines == [2509, 3250, 4399, 6809, 6842, 6894, 7250, 8391, 8807, 9268]


def test_datelines(doc: Document) -> None:
    datelines = [(b.section, b.text) for b in body(doc, "dateline")]
    assert datelines == [
        ("1", "Coyoacan, den 5. Juli 1937"),
        ("2", "Oslo, den 1. September 1936."),
        ("4", "28. Dezember 1936."),
        ("4.1", "30. Dezember."),
        ("4.2", "31. Dezember."),
        ("4.3", "1. Januar 1937."),
        ("4.4", "3. Januar."),
        ("4.5", "4. Januar."),
        ("4.5", "5. Januar, siebzehnter Tag des Weges."),
        ("4.6", "6. Januar."),
        ("6", "21. Januar, Coyoacan."),
        ("9.17", "Kjeller, den 14. II. 1937."),
    ]
    # the diary entry goes on in a paragraph after its dateline
    i = next(i for i, b in enumerate(doc.blocks) if b.text == "28. Dezember 1936.")
    assert doc.blocks[i + 1].kind == "paragraph"
    assert doc.blocks[i + 1].text.startswith("Diese Zeilen werden an Bord des norwegischen")


def test_block_counts(doc: Document) -> None:
    kinds = Counter(b.kind for b in doc.blocks)
    assert kinds == {
        "paragraph": 505,
        "dialogue": 62,
        "heading": 44,
        "list_item": 26,
        "footnote": 14,
        "blockquote": 14,
        "dateline": 12,
        "scene_break": 10,
        "signature": 2,
        "salutation": 1,
    }


# --------------------------------------------------------------------------- footnotes


def test_footnotes_are_paired_with_their_markers(raw: str, doc: Document) -> None:
    notes = [i for i, b in enumerate(doc.blocks) if b.kind == "footnote"]
    assert len(notes) == 14
    assert Counter(doc.blocks[i].label for i in notes) == {
        "*": 7,
        "**": 3,
        "***": 1,
        "1": 1,
        "2": 1,
        "3": 1,
    }
    assert len(doc.note_refs) == 15
    paired = [r for r in doc.note_refs if r.footnote_index is not None]
    assert sorted(r.footnote_index for r in paired) == notes  # each body exactly once
    for ref in paired:
        note = doc.blocks[ref.footnote_index]
        assert note.label == ref.label == raw[ref.start : ref.end]
        assert ref.end <= note.start  # the marker comes before its note
        holder = block_at(doc, ref.start - 1)
        assert note.section == holder.section
        # the note follows the block holding its marker (after earlier notes of that block)
        k = doc.blocks.index(holder)
        assert all(b.kind == "footnote" for b in doc.blocks[k + 1 : ref.footnote_index])


def test_orphan_marker_is_unresolved(raw: str, doc: Document) -> None:
    orphans = [r for r in doc.note_refs if r.footnote_index is None]
    assert len(orphans) == 1
    (orphan,) = orphans
    assert orphan.label == "**"
    assert raw[orphan.start - 17 : orphan.end] == ",Uralwaggonstroi'**"


@pytest.mark.parametrize(
    ("marker_line", "label", "note_start"),
    [
        (63, "*", "Diese Zitate sind dem offiziellen Werk entnommen"),
        (808, "*", "Ich sehe keinen Grund"),
        (1066, "**", "Wie ich aus den schriftlichen Angaben meines Sohnes"),
        (1329, "***", "Quisling ist ein „Führer“"),
        (2607, "*", "Siehe darüber mein Buch „Verratene Revolution“"),
        (3345, "1", "Besser bekannt als Frida Kahlo"),
        (3674, "*", "Die letzten Telegramme nennen"),
        (4129, "**", "Hier der Text der Telegramme"),
        (4579, "2", "Im Buch steht „Thom Muni“"),
        (5800, "*", "Edition de Lee. Antwerpen, Onderwijsstr. 33."),
        (8407, "*", "Das „Berliner Tageblatt“ vom 21. Dezember 1935"),
        (9110, "**", "In der englischen Ausgabe stehen diese Worte"),
        (10200, "*", "Durch diesen Stil zeichnet sich die ganze Rede aus."),
        (10454, "3", "Diese Überzeugung des Autors ist inzwischen"),
    ],
)
def test_each_marker_finds_its_note(
    raw: str, doc: Document, marker_line: int, label: str, note_start: str
) -> None:
    refs = [r for r in doc.note_refs if raw.count("\n", 0, r.start) + 1 == marker_line]
    assert len(refs) == 1
    assert refs[0].label == label and refs[0].footnote_index is not None
    assert doc.blocks[refs[0].footnote_index].text.startswith(note_start)


def test_footnote_bodies_exclude_their_labels(raw: str, doc: Document) -> None:
    markers = [a for a in doc.artefacts if a.kind == "note_marker"]
    assert len(markers) == 29  # 15 markers in the text, 14 labels of note bodies
    for note in (b for b in doc.blocks if b.kind == "footnote"):
        assert not note.text.startswith(("*", note.label))
        label = raw[note.start - len(note.label) - 1 : note.start].strip()
        assert label == note.label
    covered = {i for b in doc.blocks for a, e in b.segments for i in range(a, e)}
    assert not [m for m in markers if covered.intersection(range(m.start, m.end))]


def test_reiss_footnote_is_one_block(doc: Document) -> None:
    (reiss,) = [b for b in doc.blocks if b.kind == "footnote" and b.label == "3"]
    assert reiss.text.startswith("Diese Überzeugung des Autors ist inzwischen durch Ignaz Reiss")
    assert "bestätigt worden. Ignaz Reiss, ein polnischer Kommunist" in reiss.text
    assert "Am 4. September 1937 wurde er in der Nähe von Lausanne" in reiss.text
    assert reiss.text.endswith("Jeschow, telefonisch antrieb.")
    assert reiss.section == "12"
    ids = dict(zip(map(id, doc.blocks), assign_ids(doc), strict=True))
    assert ids[id(reiss)] == "crimes-1937:n3"


def test_one_line_footnote_lets_the_text_resume(doc: Document) -> None:
    (note,) = [b for b in doc.blocks if b.text.startswith("Edition de Lee")]
    assert note.text == "Edition de Lee. Antwerpen, Onderwijsstr. 33."
    assert note.section == "9.8"


# --------------------------------------------------------------------------- artefacts


def test_link_lines_are_artefacts(raw: str, doc: Document) -> None:
    links = [a for a in doc.artefacts if a.kind == "link"]
    assert [raw.count("\n", 0, a.start) + 1 for a in links] == [2634, 4440, 4921, 4922, 6195, 9226]
    assert all(raw[a.start : a.end].startswith("https://") for a in links)
    assert all("\n" not in raw[a.start : a.end] for a in links)


def test_page_breaks_are_whitespace(raw: str, doc: Document) -> None:
    breaks = [a for a in doc.artefacts if a.kind == "page_break"]
    assert len(breaks) == 183
    assert all(not raw[a.start : a.end].strip() for a in breaks)


# --------------------------------------------------------------------------- dialogue


def test_dialogue_labels(doc: Document) -> None:
    turns = body(doc, "dialogue")
    labels = Counter(b.label for b in turns)
    assert labels["Wyschinski"] == 16
    assert labels["Romm"] == 10
    assert labels["Bucharzew"] == 4
    assert labels["Muralow"] == 2
    for label in (
        "Advokat W.",
        "Der Advokat W.",
        "Advokat W. (ironisch)",
        "Der Vorsitzende (zum Zeugen)",
        "Vorsitzender",
        "Der Angeklagte R. H. (erregt)",
        "Der Hauptangeklagte R. H.",
        "Staatsanwalt",
    ):
        assert labels[label] >= 1, label
    for b in turns:
        assert b.text.startswith(f"{b.label}:")
    # narrative introductions and reported exchanges are no turns
    assert "Das Wort" not in labels and "Stalins Antwort" not in labels and "Frage" not in labels


def test_run_on_turns_are_cut_off_their_paragraph(doc: Document) -> None:
    i = next(i for i, b in enumerate(doc.blocks) if b.text == "Romm: „Ende Juli 1933.“")
    before, turn, after = doc.blocks[i - 2 : i + 1]
    assert (turn.kind, turn.label, turn.text) == (
        "dialogue",
        "Wyschinski",
        "Wyschinski: „Wann war das?“",
    )
    assert before.text.endswith("in den Bois de Boulogne, wo wir uns mit Trotzki trafen.“")
    assert (after.kind, after.label, after.text) == ("dialogue", "Romm", "Romm: „Ende Juli 1933.“")
    oath = next(b for b in doc.blocks if b.label == "Der Vorsitzende (zum Zeugen)")
    assert oath.text == (
        "Der Vorsitzende (zum Zeugen): „Sind Sie bereit, alles, was Sie ausgesagt haben, "
        "zu beeidigen?“"
    )


def test_quotations_set_off(doc: Document) -> None:
    quotes = [b for b in body(doc, "blockquote") if b.note != "quoted document"]
    assert len(quotes) == 1
    assert quotes[0].section == "9.14"
    assert quotes[0].text.startswith("„ … Sedow sagte mir: ‚Da Sie vor der Reise in die UdSSR")
    report = [b for b in doc.blocks if b.note == "quoted document"]
    assert report[0].text == "Wundersame Reise Pjatakows nach Kjeller"
    assert report[-1].text == "Gulliksen."
    assert len(report) == 15


def test_foreign_language_blocks(doc: Document) -> None:
    foreign = [(b.kind, b.lang, b.text[:25]) for b in doc.blocks if b.lang]
    assert foreign == [
        ("footnote", "fr", "Hier der Text der Telegra"),
        ("list_item", "en", "Max Shachtman: „Behind th"),
        ("list_item", "en", "Francis Heissler: „The fi"),
        ("list_item", "fr", "Victor Serge: „Destin d'u"),
        ("list_item", "fr", "Victor Serge: „16 Fusillé"),
    ]


# --------------------------------------------------------------------------- contract, speed


def test_blocks_map_back_to_raw(raw: str, doc: Document) -> None:
    for b in doc.blocks:
        assert crimes_1937.normalise(raw, b.segments).text == b.text
        for ch, off in zip(b.text, b.reading.offsets, strict=True):
            if ch.isalnum():
                assert raw[off] == ch


def test_parse_is_fast(raw: str) -> None:
    """Well under 2 s of CPU time (process time: other jobs on the machine do not count)."""
    t0 = time.process_time()
    crimes_1937.parse(raw)
    assert time.process_time() - t0 < 2.0
