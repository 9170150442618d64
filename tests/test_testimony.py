"""Testimony turns of crimes-1937: every attribution pattern and every trap of the
extractor, each on a real passage found by a phrase of its text (never by passage id)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from companion.curated import read_curated
from companion.errors import CuratedTableError
from companion.mentions import all_mentions
from companion.passages import assign_ids
from companion.persons import authority
from companion.testimony import (
    PRE_1937_CHAPTERS,
    Turn,
    exchanges_table,
    extract,
    load_speakers,
    session_date,
    speakers_schema,
    trial_cue,
    turn_offsets,
)
from companion.testimony import (
    testimony_table as make_table,
)
from companion.testimony_evaluation import evaluate, load_gold


@pytest.fixture(scope="module")
def doc(documents):
    return documents["crimes-1937"]


@pytest.fixture(scope="module")
def turns(doc) -> list[Turn]:
    return extract(doc, all_mentions())


@pytest.fixture(scope="module")
def table(doc, turns) -> pd.DataFrame:
    return make_table(doc, turns)


@pytest.fixture(scope="module")
def locate(doc):
    """phrase -> raw offset of its first character (the phrase must occur exactly once)."""
    blocks = [b for b in doc.blocks if b.kind != "footnote"]

    def find(phrase: str) -> int:
        hits = [(b, b.text.find(phrase)) for b in blocks if phrase in b.text]
        assert len(hits) == 1, f"{phrase!r} occurs in {len(hits)} passages"
        block, i = hits[0]
        assert block.text.find(phrase, i + 1) < 0, f"{phrase!r} occurs twice"
        return block.reading.offsets[i]

    return find


@pytest.fixture(scope="module")
def turn_at(doc, turns, locate):
    """phrase -> the turns whose own characters include the phrase's first character."""
    offsets = [turn_offsets(doc, t) for t in turns]

    def at(phrase: str) -> list[Turn]:
        raw = locate(phrase)
        return [t for t, own in zip(turns, offsets, strict=True) if raw in own]

    return at


def one(turn_at, phrase: str) -> Turn:
    found = turn_at(phrase)
    assert len(found) == 1, f"{phrase!r}: {[(t.speaker_id, t.mode) for t in found]}"
    return found[0]


def innermost(turn_at, phrase: str) -> Turn:
    """The shortest turn at a phrase (a Moscow turn reported inside a Drammen answer)."""
    found = turn_at(phrase)
    assert found, f"no turn at {phrase!r}"
    return min(found, key=lambda t: sum(j - i for _, i, j in t.pieces))


def none(turn_at, phrase: str) -> None:
    found = turn_at(phrase)
    assert not found, (
        f"{phrase!r} is no testimony but got {[(t.speaker_id, t.rule) for t in found]}"
    )


# --- dialogue turns -----------------------------------------------------------------------


def test_labelled_dialogue_turn(turn_at):
    turn = one(turn_at, "Ende Juli 1933.“")
    assert (turn.trial, turn.speaker_id, turn.mode, turn.addressee_id) == (
        "moscow-1937",
        "romm",
        "dialogue",
        "vyshinsky",
    )


def test_label_with_stage_direction_and_role_word(turn_at):
    turn = one(
        turn_at, "Sind Sie bereit, alles, was Sie ausgesagt haben"
    )  # Der Vorsitzende (zum Zeugen)
    assert (turn.trial, turn.speaker_id) == ("drammen-1936", "presiding-judge-drammen")


def test_drammen_unlabelled_question_is_the_examiners(turn_at):
    turn = one(turn_at, "Folglich beschäftigt sich der Zeuge auch mit praktischer")
    assert (turn.speaker_id, turn.mode, turn.addressee_id) == ("advokat-w", "dialogue", "trotsky")


def test_drammen_unlabelled_answer_is_the_witnesss(turn_at):
    turn = one(turn_at, "Ich bin ein Anhänger und in gewissem Sinne der Initiator")
    assert (turn.speaker_id, turn.addressee_id) == ("trotsky", "advokat-w")


def test_drammen_answer_over_twelve_paragraphs_is_one_turn(turn_at):
    first = one(turn_at, "Die Frage ist zu nebelhaft gestellt.")
    assert first is one(turn_at, "Welchen Sinn aber hat es für die Angeklagten")
    assert first is one(turn_at, "Ich habe mein Versprechen erfüllt!")
    assert first.speaker_id == "trotsky" and len(first.pieces) == 12
    none(turn_at, "Der Vorsitzende fragt, ob die Parteien")  # the narrative after it


def test_a_gesture_is_no_speech(turn_at):
    none(turn_at, "Advokat W. nickt bejahend mit dem Kopfe.")
    assert one(turn_at, "Sie wollen sagen: einen Befehl?").speaker_id == "trotsky"
    assert one(turn_at, "In den Parteien der Nazis").speaker_id == "trotsky"


# --- direct quotations --------------------------------------------------------------------


def test_colon_attribution(turn_at):
    turn = one(turn_at, "Die wichtigste Weisung Sinowjews bestand darin")  # sagte Reingold aus:
    assert (turn.trial, turn.speaker_id, turn.mode) == ("moscow-1936", "reingold", "direct")


def test_inserted_attribution_joins_both_parts(turn_at):
    turn = one(
        turn_at, "erhielt ich von Trotzki einen Brief"
    )  # „…“, sagte Radek vor Gericht aus, „…“
    assert turn is one(turn_at, "Im Februar 1932")
    assert (turn.speaker_id, turn.rule, len(turn.pieces)) == ("radek", "inserted", 2)
    comma_inside = one(turn_at, "als ich in Paris war,“ erzählt Romm")  # „…,“ erzählt Romm, „…“
    assert comma_inside.speaker_id == "romm"


def test_attribution_after_the_quotation_with_pronoun(turn_at):
    turn = one(turn_at, "Haben Sie Ihre Photographie gegeben?")  # fragt er unvermittelt Pjatakow
    assert (turn.speaker_id, turn.addressee_id) == ("vyshinsky", "pyatakov")


def test_bracketed_statement_noun(turn_at):
    turn = one(turn_at, "so etwas wie Heinrich oder Gustav")  # (Pjatakows Aussage)
    assert (turn.speaker_id, turn.rule) == ("pyatakov", "bracket")


def test_quotation_embedded_in_a_sentence(turn_at):
    turn = one(turn_at, "das Haupt der Trotzkisten in der UdSSR“. Um")
    assert (turn.trial, turn.speaker_id, turn.rule) == ("moscow-1936", "vyshinsky", "embedded")


def test_quotation_attributed_by_context(turn_at):
    assert one(turn_at, "Danach reiste Radek nach Moskau und ich sah ihn").speaker_id == "romm"
    assert one(turn_at, "begaben wir uns in den Bois de Boulogne").speaker_id == "romm"
    question = one(turn_at, "Ist Ihnen bekannt, wo Stirner den Pass hernahm?")
    assert question.speaker_id == "vyshinsky"  # "der Hüter des Gesetzes"


def test_block_quotation_announced_by_the_paragraph_before(turn_at):
    turn = one(turn_at, "Da Sie vor der Reise in die UdSSR stehen")
    assert (turn.speaker_id, turn.rule) == ("holtzman", "blockquote")


def test_statement_read_in_court_is_the_defendants(turn_at):
    turn = one(turn_at, "Bei der Eisenbahn arbeitende Trotzkisten")
    assert turn.speaker_id == "muralov"  # not the judge who reads it, not Boguslavsky


def test_und_weiter_continues_the_turn(turn_at):
    reply = one(turn_at, "Ich bitte um Nachsicht für meine englische Sprache")
    assert reply is one(turn_at, "Ich bin mir dessen klar bewusst")
    assert (reply.trial, reply.speaker_id) == ("dewey-1937", "trotsky")


# --- reported speech ----------------------------------------------------------------------


def test_nach_x_worten(turn_at):
    turn = one(turn_at, "verhielt sich die Sache dagegen anders")  # Nach Bucharzews Worten
    assert (turn.speaker_id, turn.mode) == ("bukhartsev", "reported")


def test_wie_er_erzaehlt_and_subjunctive_continuation_inside_a_drammen_answer(turn_at):
    turn = innermost(turn_at, "Im Vestibül des Hotels Bristol hätte er sich")
    assert (turn.trial, turn.speaker_id, turn.mode) == ("moscow-1936", "holtzman", "reported")
    assert turn is innermost(turn_at, "Im November 1932 sei Golzmann, wie er erzählt")
    outer = max(
        turn_at("Im Vestibül des Hotels Bristol hätte er sich"), key=lambda t: len(t.pieces)
    )
    assert (outer.trial, outer.speaker_id) == ("drammen-1936", "trotsky")


def test_speech_verb_with_subjunctive_clause(turn_at):
    turn = one(turn_at, "seine Begegnung mit meinem Sohne habe im Hotel Bristol")
    assert (turn.speaker_id, turn.mode) == ("holtzman", "reported")


def test_gab_an_with_infinitive(turn_at):
    turn = one(turn_at, "im Dezember 1935 mit einem deutschen Flugzeug zu mir nach Oslo")
    assert (turn.speaker_id, turn.mode) == ("pyatakov", "reported")


def test_indirect_question(turn_at):
    drammen = one(turn_at, "ob die Parteien noch weitere Fragen an den Zeugen haben")
    assert (drammen.speaker_id, drammen.mode) == ("presiding-judge-drammen", "reported")
    follow_up = one(turn_at, "Ob es nicht irgendwelche Schwierigkeiten bei der Landung")
    assert follow_up.speaker_id == "vyshinsky"  # continues "fragte der Staatsanwalt …, ob"


def test_reported_protest_of_the_norwegian_prosecutor(turn_at):
    turn = one(turn_at, "diese Frage gehöre nicht zur Sache")
    assert (turn.trial, turn.speaker_id) == ("drammen-1936", "prosecutor-norway")


# --- reported speech: rules added after the blind check (tests/gold/blind_testimony) -------
# Each rule is tested on passages outside the ten blind sections (4, 4.1, 4.2, 4.5, 9.2, 9.9,
# 9.13, 9.16, 9.17, 9.21) where the book has one; the passages marked "blind" come from the
# blind sample, which after the first comparison served for error analysis.


def test_statement_noun_as_source_of_an_impersonal_verb(turn_at):
    # "Aus den Geständnissen Pjatakows, die durch die Aussagen seiner Untergebenen … bestätigt
    # werden, geht hervor, dass: a) …"
    turn = one(turn_at, "a) die Pläne neuer Fabriken")
    assert (turn.trial, turn.speaker_id, turn.mode, turn.rule) == (
        "moscow-1937",
        "pyatakov",
        "reported",
        "source",
    )
    assert one(turn_at, "f) mit dem Material Raubbau") is turn
    none(turn_at, "wie aus ihren eigenen Worten hervorgeht")  # Berman and David: two owners
    kamenev = one(turn_at, "dass sie gerade deshalb zum Gedanken des Terrors")  # blind (B01)
    assert (kamenev.trial, kamenev.speaker_id) == ("moscow-1936", "kamenev")


def test_quoted_words_in_the_narration_of_a_witnesss_account(turn_at):
    # after "Wie Mratschkowski erzählt, …": "Im Dezember 1934 erhielt Mratschkowski durch
    # Dreizer einen Brief von Trotzki, der „die Beschleunigung …“ forderte."
    turn = one(turn_at, "Im Dezember 1934 erhielt Mratschkowski durch Dreizer")
    assert (turn.trial, turn.speaker_id, turn.mode, turn.rule) == (
        "moscow-1936",
        "mrachkovsky",
        "reported",
        "quoted",
    )
    assert turn is not one(turn_at, "wieder die Notwendigkeit betont")  # a turn of its own
    none(turn_at, "Das selbe bestätigt Dreizer")  # content by reference only
    # blind: the witness may be named in any case; an echo of his quoted words is none
    assert one(turn_at, "Die nächste Begegnung Romms mit Sedow").speaker_id == "romm"
    none(turn_at, "die „Unterschrift zu leisten“")
    none(turn_at, "den er „seit 1928 nicht gesehen hatte“")


def test_conversations_narrated_from_testimony_are_no_turn(turn_at):
    # blind: Radek with Romm in 1932, Sedov with Romm in Paris, Pyatakov with Bukhartsev
    none(turn_at, "in Erfüllung der Direktive Trotzkis, sich der")
    none(turn_at, "er wolle mir (Romm) eine Begegnung mit Trotzki vermitteln")
    none(turn_at, "dass er „dort war und ihn gesehen hat“")
    none(turn_at, "Im Gespräch habe ich selbstverständlich erklärt")  # the author as subject


def test_a_verb_of_saying_with_a_noun_phrase_gives_no_content(turn_at):
    none(turn_at, "Golzmann hat bekanntlich seine Verbindung mit der Gestapo")


def test_bare_subjunctive_naming_the_speaker(turn_at):
    turn = one(turn_at, "Pjatakow sei angeblich Mitte Dezember 1935")
    assert (turn.trial, turn.speaker_id, turn.rule) == ("moscow-1937", "pyatakov", "subjunctive")
    olberg = one(turn_at, "Olberg, der sich in Berlin befand")
    assert (olberg.trial, olberg.speaker_id) == ("moscow-1936", "olberg")
    none(turn_at, "Alle drei seien unabhängig")  # three defendants together
    none(turn_at, "in den Köpfen Sinowjews und Kamenews sei tatsächlich")  # "Nehmen wir an"
    # blind: the Konjunktiv-I sentence before it that names no one joins the turn
    landed = one(turn_at, "Das Flugzeug sei um drei Uhr")
    assert landed is one(turn_at, "Pjatakow sei bei mir etwa um halb vier")
    assert landed.speaker_id == "pyatakov"
    none(turn_at, "Wenn man selbst annimmt")  # irrealis, inside the author's statement


def test_stellt_sich_heraus(turn_at):
    # positive cases only in the blind sample
    erregt = one(turn_at, "Pjatakow, stellt sich heraus, ist zu sehr erregt")
    assert (erregt.speaker_id, erregt.rule) == ("pyatakov", "heraus")
    assert one(turn_at, "dass Romm im Sommer 1931").speaker_id == "romm"
    stirner = one(turn_at, "„Heinrich-Gustav“ hieß, stellt sich heraus")  # after the Vernehmung
    assert stirner.speaker_id == "bukhartsev"
    assert stirner is not one(turn_at, "Stirner, nach Bucharzews Bericht")
    none(turn_at, "Stirner, stellt sich heraus, ist gar nicht")  # no participant
    # outside the blind sample: the author, a non-participant, things
    none(turn_at, "Es stellt sich heraus, Jakir")
    none(turn_at, "dass das Kopenhagener Hotel Bristol im Jahre 1917")
    none(turn_at, "dass der Mensch, der vor den Augen der Regierung")


def test_requests_and_questions_in_court(turn_at):
    # positive cases only in the blind sample
    request = one(turn_at, "sein wertvolles Dokument zu den Gerichtsakten")
    assert (request.speaker_id, request.rule) == ("vyshinsky", "request")
    question = one(turn_at, "worauf das Gespräch mit Sedow")
    assert (question.trial, question.speaker_id, question.rule) == (
        "moscow-1937",  # Romm, whom the sentence names, testified in 1937
        "vyshinsky",
        "question",
    )
    none(turn_at, "für die Passfrage nicht")  # negated
    bukhartsev = one(turn_at, "bat, sich keine Sorgen zu machen")  # Stirner's request, reported
    assert bukhartsev.speaker_id == "bukhartsev"
    none(turn_at, "Der Staatsanwalt verlangt nichts Näheres")


def test_statement_noun_with_a_light_verb(turn_at):
    turn = one(turn_at, "die Episode spiele im Juli 1933")  # blind: "die Bemerkung gemacht, …"
    assert (turn.speaker_id, turn.mode) == ("romm", "reported")


def test_reported_testimony_inside_the_authors_quoted_statement(turn_at):
    # blind: "motivierte ich mit folgenden Worten: „Es handelt sich um Aussagen Pjatakows. Er
    # berichtete, dass …“" -- "Er" is the owner of the statement the sentence before names
    turn = one(turn_at, "dass er mich im Dezember 1935 in Norwegen")
    assert (turn.trial, turn.speaker_id) == ("moscow-1937", "pyatakov")
    assert turn is one(turn_at, "Pjatakow sei angeblich aus Berlin nach Oslo")
    none(turn_at, "Hat Pjatakow meine Frau gesehen")
    none(turn_at, "Der Moskauer Prozess erscheint im Spiegel")  # read, but holds no testimony


def test_reported_content_stops_before_trotskys_own_words(turn_at, doc):
    def words(turn: Turn) -> str:
        blocks = dict(zip(assign_ids(doc), doc.blocks, strict=True))
        return " ".join(blocks[p].text[i:j] for p, i, j in turn.pieces)

    mrachkovsky = one(turn_at, "dass man mich nur durch ihn hätte erreichen können")
    assert words(mrachkovsky).endswith("erreichen können")  # ", und der Staatsanwalt …"
    radek = one(turn_at, "jegliche Teilnahme an der Verschwörung geleugnet")
    assert words(radek).startswith("Im August 1936")  # not "Uns interessiert hier …:"
    assert words(radek).endswith("geleugnet")  # ", das heißt, nach der Charakteristik …"
    # blind
    assert words(one(turn_at, "Bucharzew mit Trotzki in Verbindung stand")).endswith("stand“")
    assert words(one(turn_at, "sich auf Einzelheiten nicht einließ")).endswith("zu machen")
    assert words(one(turn_at, "ein Teil meines Programms sei")).endswith("versorgen“")
    assert words(one(turn_at, "meine Vertrauensperson war")).startswith("Stirner")
    none(turn_at, "ist reinste Erfindung")
    none(turn_at, "eine der wenigen Antworten")
    none(turn_at, "(Verhandlung vom 23. Januar)")
    none(turn_at, "Dieser Name sagt mir absolut nichts")


# --- traps --------------------------------------------------------------------------------


def test_staatsanwalt_changes_referent(turn_at):
    assert one(turn_at, "Inwiefern?").speaker_id == "prosecutor-norway"  # chapter 3
    assert one(turn_at, "Radek ist einer der bedeutendsten").speaker_id == "vyshinsky"


def test_vorsitzende_changes_referent(turn_at):
    assert (
        one(turn_at, "Worauf gründen Sie Ihren Verdacht?").speaker_id == "presiding-judge-drammen"
    )
    moscow = one(turn_at, "Und letzten Endes haben Sie den Misserfolg")
    assert (moscow.trial, moscow.speaker_id) == ("moscow-1937", "presiding-judge-moscow")


def test_a_name_before_the_colon_is_not_always_the_speaker(turn_at):
    # "Hier korrigiert Radek … unvorsichtigerweise Romm: „Im ersten Brief Trotzkis“, sagt er"
    assert one(turn_at, "figurieren die Namen Stalin und Woroschilow nicht").speaker_id == "radek"


def test_private_conversations_are_no_testimony(turn_at):
    none(turn_at, "Im Testament hat Wladimir Iljitsch (Lenin) gewarnt")  # sagte mir Sinowjew
    none(turn_at, "wird die Partei sagen")  # erklärte mir Kamenew
    none(turn_at, "er wolle mir (Romm) eine Begegnung mit Trotzki vermitteln")  # Sedov, in Paris


def test_letters_and_the_railway_station_exchange_are_no_testimony(turn_at):
    none(turn_at, "Ich verwerfe die Sinowjewiade und die Pjatakowiade")
    none(turn_at, "Der Versand der Briefe über die Kapitulation ist Leichtsinn")
    none(turn_at, "Mit L. D. habe ich endgültig gebrochen")


def test_hypothetical_and_imagined_speech(turn_at):
    none(turn_at, "Ihr wollt Trotzki entehren und vernichten")  # sagte wahrscheinlich Kamenew
    none(turn_at, "Das geht Sie nichts an; Pjatakow weiß selbst")  # hätte … sagen können
    none(turn_at, "Sie, Herr Ankläger, haben soeben nach der Photographie")


def test_documents_are_no_testimony(turn_at):
    none(turn_at, "bekam die Instruktion, Woroschilow zu ermorden")  # lautet der Anklageakt
    none(turn_at, "Teile Ihnen mit, dass heute offiziell bestätigt wurde")  # Knudsen's telegram
    none(turn_at, "Es wäre eine Kinderei zu glauben")  # the Bulletin, read by Vyshinsky
    none(turn_at, "den internationalen Regeln entsprechend, das ganze Jahr")  # the embassy report


def test_several_speakers_together_are_no_turn(turn_at):
    none(turn_at, "sie hätten ein „paralleles“")  # sagten Pjatakow und Radek … aus
    none(turn_at, "keinesfalls eine Ausnahme, sondern „System“")  # Olberg und andere


def test_speech_before_the_trials(turn_at):
    none(turn_at, "In der Frage der bürokratischen Apparatschraube")  # Im Juli 1926
    none(turn_at, "von geheimen Absichten der Wiederherstellung")  # Jan 1935, "im ersten Prozess"


def test_a_repeated_quotation_is_the_same_turn(turn_at):
    # "Wyschinski stellte, wie wir soeben vernahmen, dem Zeugen direkt die Frage: „…“"
    turns = turn_at("Was hat Ihnen nun Radek über den Inhalt des Briefes mitgeteilt?“ Als ob")
    assert not turns
    none(turn_at, "Trotzkistische, gegen die Partei gerichtete Arbeit“ – und basta")


def test_nested_speech_of_a_non_participant_stays_inside_the_turn(turn_at):
    turn = one(
        turn_at, "Das ergibt sich aus der Einstellung Trotzkis"
    )  # Sedow's words, quoted by Romm
    assert turn.speaker_id == "romm"
    none(turn_at, "Das ergibt sich aus Trotzkis Einstellung auf die Niederlage")  # antwortet Sedow


def test_the_closing_speech_is_commentary_not_a_turn(turn_at):
    none(turn_at, "Das gesamte Gewebe des Prozesses ist verfault.")


def test_the_last_trial_in_chapters_written_before_january_1937(turn_at, doc):
    turn = one(turn_at, "ein sichtbarer Grund, ein objektiver")  # §4.2, written Dec 1936
    assert turn.trial == "moscow-1936"
    datelines = [b.text for b in doc.blocks if b.kind == "dateline" and b.section.startswith("6")]
    assert datelines == ["21. Januar, Coyoacan."]  # chapter 6 predates the trial of 23 January
    assert {"4", "6"} <= PRE_1937_CHAPTERS and "7" not in PRE_1937_CHAPTERS


# --- sessions, trials, exchanges, the table -----------------------------------------------


def test_sessions(turn_at):
    assert one(turn_at, "Deshalb ist die einzige Kampfmethode").session == "1936-08-19"
    assert one(turn_at, "Gegen die Führer.“").session == "1936-08-19"  # the exchange carries it
    assert one(turn_at, "Bei Oslo.“").session == "1937-01-27"  # "vom 27."
    assert one(turn_at, "Die wichtigste Weisung Sinowjews").session == ""  # preliminary inquiry
    assert session_date("in der Sitzung vom 22. August", "moscow-1936") == "1936-08-22"
    assert session_date("am 22. August", "moscow-1937") == ""  # not a day of that trial


def test_trial_cues():
    assert trial_cue("im Prozess Pjatakow-Radek (am 28. Januar 1937)") == "moscow-1937"
    assert trial_cue("Während des Prozesses der 16") == "moscow-1936"
    assert trial_cue("am 25. Januar") == "moscow-1937" and trial_cue("am 5. Januar") == ""


def test_exchanges_put_the_prosecutors_questions_beside_the_answers(table):
    exchanges = exchanges_table(table)
    row = exchanges[exchanges["question"].str.contains("Wann war das")].iloc[0]
    assert (row["questioner_id"], row["answerer_id"]) == ("vyshinsky", "romm")
    assert row["answer"] == "„Ende Juli 1933.“"
    assert set(exchanges["questioner_id"]) <= {"vyshinsky", "presiding-judge-moscow"}


def test_table_offsets_and_text(doc, table):
    assert list(table["turn_id"]) == [f"t{i:03d}" for i in range(1, len(table) + 1)]
    assert set(table["mode"]) == {"dialogue", "direct", "reported"}
    ids = dict(zip(assign_ids(doc), doc.blocks, strict=True))
    for row in table.itertuples():
        assert row.passage_id in ids
        raw = " ".join(doc.raw[row.start : row.end].split())
        first_word = re.findall(r"\w+", row.text)[0]
        assert first_word in raw, row.turn_id


def test_speakers_table_is_checked(tmp_path):
    persons = authority().persons
    speakers = load_speakers(persons=persons)
    assert "holtzman" in speakers.participants["moscow-1936"]
    assert "romm" in speakers.participants["moscow-1937"]
    assert speakers.trials_of("vyshinsky") == ("moscow-1936", "moscow-1937")
    bad = tmp_path / "testimony_speakers.csv"
    bad.write_text("trial,kind,surface,person_id,note\nmoscow-1936,participant,,nobody-known,x\n")
    with pytest.raises(CuratedTableError, match="nobody-known"):
        load_speakers(bad, persons)
    read_curated(bad, speakers_schema())  # the schema itself accepts the row


# --- evaluation against the gold set ------------------------------------------------------


def test_evaluation_reaches_the_targets(table, doc, turns):
    from companion.naming import turn_names

    metrics = evaluate(table, turn_names(doc, turns, all_mentions()), load_gold())
    values = dict(zip(metrics["metric"], metrics["value"], strict=True))
    for metric in ("speaker_precision", "speaker_recall", "edge_precision", "edge_recall"):
        assert values[metric] >= 0.9, (metric, values[metric])


def test_gold_set_covers_every_moscow_turn_and_locates_its_phrases(doc):
    gold = load_gold()
    assert {"moscow-1936", "moscow-1937"} <= set(gold["trial"])
    assert len(gold) >= 150
    for row in gold.itertuples():
        raw = " ".join(doc.raw[row.start : row.end].split())
        head = re.findall(r"\w+", row.from_phrase)[:3]
        assert " ".join(head) in " ".join(re.findall(r"\w+", raw)), row.gold_id
