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
