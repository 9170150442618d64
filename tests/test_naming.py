"""Who names whom: naming edges, the network layout and the intended victims, on real
passages found by phrases of their text."""

from __future__ import annotations

import pandas as pd
import pytest

from companion.mentions import all_mentions
from companion.naming import (
    edges_table,
    intended_victims,
    network_layout,
    selection_rows,
    turn_names,
)
from companion.persons import authority
from companion.testimony import extract, turn_offsets
from companion.testimony import testimony_table as make_table
from companion.testimony_evaluation import evaluate, load_gold


@pytest.fixture(scope="module")
def doc(documents):
    return documents["crimes-1937"]


@pytest.fixture(scope="module")
def extracted(doc):
    turns = extract(doc, all_mentions())
    table = make_table(doc, turns)
    names = turn_names(doc, turns, all_mentions())
    return turns, table, names


@pytest.fixture(scope="module")
def named_at(doc, extracted):
    """phrase -> {person: mentions} named by the innermost turn at the phrase."""
    turns, table, names = extracted
    offsets = [turn_offsets(doc, t) for t in turns]
    blocks = [b for b in doc.blocks if b.kind != "footnote"]

    def at(phrase: str) -> tuple[str, dict[str, int]]:
        hits = [(b, b.text.find(phrase)) for b in blocks if phrase in b.text]
        assert len(hits) == 1, phrase
        raw = hits[0][0].reading.offsets[hits[0][1]]
        found = [i for i, own in enumerate(offsets) if raw in own]
        assert found, f"no turn at {phrase!r}"
        k = min(found, key=lambda i: len(offsets[i]))
        turn_id = table.iloc[k]["turn_id"]
        rows = names[names["turn_id"] == turn_id]
        return turns[k].speaker_id, dict(zip(rows["named_id"], rows["mentions"], strict=True))

    return at


def test_the_speaker_naming_himself_does_not_count(named_at):
    speaker, named = named_at("Jedoch habe Romm im Mai 1934")
    assert (speaker, named) == ("romm", {"kirov": 1})  # "Romm" is in the turn, not counted
    speaker, named = named_at("Im November 1932 sei Golzmann, wie er erzählt")
    assert speaker == "holtzman" and "holtzman" not in named


def test_a_name_in_a_nested_quotation_counts_for_the_speaker(named_at):
    speaker, named = named_at("Als ich fragte, weshalb es denn so interessant sei")
    assert speaker == "romm"
    assert {"sedov", "trotsky"} <= set(named)  # "sagte Sedow: ‚… Einstellung Trotzkis …‘"


def test_a_cover_name_names_the_person(named_at):
    speaker, named = named_at("so etwas wie Heinrich oder Gustav")
    assert (speaker, set(named)) == ("pyatakov", {"stirner"})


def test_groups_and_descriptions_are_not_persons(named_at):
    speaker, named = named_at(
        "Dass er Direktiven enthalte für eine Vereinigung mit den Sinowjewisten"
    )
    assert speaker == "romm" and set(named) == {"stalin", "voroshilov"}  # no Zinoviev
    speaker, named = named_at("seine Begegnung mit meinem Sohne habe im Hotel Bristol")
    assert speaker == "holtzman" and named == {}  # "meinem Sohne" names no one


def test_a_footnote_inside_a_turns_span_names_no_one(named_at, doc):
    # Quisling's note is printed inside the raw span of the long answer on the Moscow trial
    speaker, named = named_at("Die Frage ist zu nebelhaft gestellt.")
    assert speaker == "trotsky" and "quisling" not in named
    note = next(b for b in doc.blocks if b.kind == "footnote" and b.text.startswith("Quisling"))
    answer_start = doc.raw.find("Die Frage ist zu nebelhaft")
    assert answer_start < note.start  # the note lies inside the answer's raw span


def test_role_words_are_not_names(named_at):
    speaker, named = named_at("Gegen die Führer.")
    assert (speaker, named) == ("zinoviev", {})


def test_edges_aggregate_turns_and_passages():
    names = pd.DataFrame(
        {
            "turn_id": ["t001", "t001", "t002", "t003"],
            "trial": ["moscow-1937"] * 4,
            "speaker_id": ["romm", "romm", "romm", "radek"],
            "named_id": ["sedov", "radek", "sedov", "romm"],
            "mentions": [2, 1, 1, 1],
            "passage_id": ["p:1", "p:1", "p:2", "p:3"],
        }
    )
    edges = edges_table(names)
    row = edges[(edges["speaker_id"] == "romm") & (edges["named_id"] == "sedov")].iloc[0]
    assert (row["mentions"], row["turns"], row["passages"]) == (3, 2, "p:1 p:2")
    assert list(edges.columns) == [
        "trial",
        "speaker_id",
        "named_id",
        "mentions",
        "turns",
        "passages",
    ]


def test_network_layout_is_reproducible_and_complete(extracted):
    _, table, names = extracted
    edges = edges_table(names)
    persons = authority().persons
    nodes, links = network_layout(edges, table, persons)
    again, _ = network_layout(edges, table, persons)
    pd.testing.assert_frame_equal(nodes, again)
    assert nodes["x"].between(0, 1).all() and nodes["y"].between(0, 1).all()
    keys = set(zip(nodes["trial"], nodes["person_id"], strict=True))
    for link in links.itertuples():
        assert (link.trial, link.speaker_id) in keys and (link.trial, link.named_id) in keys
    assert len(links) == len(edges)


def test_selection_rows_cover_nodes_and_edges(extracted):
    _, table, names = extracted
    rows = selection_rows(table, names)
    assert "moscow-1937|romm" in set(rows["key"])
    assert "moscow-1937|romm>sedov" in set(rows["key"])
    assert not rows.duplicated(["key", "turn_id"]).any()


def test_molotov_absent_in_1936_present_in_1937(extracted, doc):
    """The §9.11 argument, derived from the testimony."""
    _, table, names = extracted
    victims = intended_victims(table, names, authority().persons)
    by_trial = victims.groupby("trial")["person_id"].apply(set).to_dict()
    assert "molotov" not in by_trial["moscow-1936"]
    assert "molotov" in by_trial["moscow-1937"]
    assert {"stalin", "voroshilov", "kaganovich"} <= by_trial["moscow-1936"] & by_trial[
        "moscow-1937"
    ]
    assert not {"zinoviev", "pyatakov", "trotsky"} & set(victims["person_id"])  # conspirators
    text = " ".join(b.text for b in doc.blocks if b.section == "9.11")
    assert "keiner der Angeklagten nannte Molotow" in text
    assert "stellen seinen Namen gleich nach Stalin" in text


def test_naming_edges_reach_the_targets(extracted):
    _, table, names = extracted
    metrics = evaluate(table, names, load_gold())
    values = dict(zip(metrics["metric"], metrics["value"], strict=True))
    assert values["edge_precision"] >= 0.9 and values["edge_recall"] >= 0.9
    assert values["naming_precision"] >= 0.9 and values["naming_recall"] >= 0.9


# --- the chapter's views ----------------------------------------------------------------


def _turns() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "turn_id": ["t1", "t2", "t3", "t4", "t5"],
            "trial": ["moscow-1936", "moscow-1936", "moscow-1937", "drammen-1936", "moscow-1937"],
            "speaker_id": ["vyshinsky", "reingold", "vyshinsky", "trotsky", "vyshinsky"],
            "mode": ["dialogue", "direct", "direct", "dialogue", "reported"],
            "passage_id": ["x:9.11:d1", "x:9.11:p2", "x:9.16:p1", "x:3:d1", "x:9.16:p2"],
            "text": [
                "Wann war das?",
                "Stalin und Kirow",
                "Trotzkismus …",
                "Nein.",
                "kein Programm",
            ],
        }
    )


def test_turns_by_proceeding_counts_modes_speakers_and_edges():
    from companion.naming import turns_by_proceeding

    edges = pd.DataFrame({"trial": ["moscow-1936", "moscow-1936", "drammen-1936"]})
    table = turns_by_proceeding(_turns(), edges)
    assert list(table.index) == ["moscow-1936", "moscow-1937", "drammen-1936", "dewey-1937"]
    assert list(table.columns) == [
        "dialogue",
        "direct",
        "reported",
        "all turns",
        "speakers",
        "naming edges",
    ]
    assert table.loc["moscow-1936"].tolist() == [1, 1, 0, 2, 2, 2]
    assert table.loc["moscow-1937"].tolist() == [0, 1, 1, 2, 1, 0]
    assert table.loc["dewey-1937"].tolist() == [0, 0, 0, 0, 0, 0]


def test_questions_of_a_speaker_and_the_other_turns_by_mode():
    from companion.naming import questions_of

    v = questions_of(_turns(), "vyshinsky")
    assert (v["turns"], v["questions"]) == (3, 1)
    assert v["others_by_mode"].to_dict() == {"direct": 1, "reported": 1}


def test_named_totals_and_times_named():
    from companion.naming import named_totals, times_named

    edges = pd.DataFrame(
        {
            "trial": ["moscow-1936"] * 4 + ["moscow-1937"],
            "speaker_id": ["a", "b", "a", "b", "a"],
            "named_id": ["stalin", "stalin", "sedov", "sedov", "stalin"],
            "mentions": [3, 2, 4, 1, 7],
        }
    )
    totals = named_totals(edges, "moscow-1936")
    assert list(totals.items()) == [("sedov", 5), ("stalin", 5)]  # a tie, by person id
    assert times_named(edges, "moscow-1937", "stalin") == 7
    assert times_named(edges, "moscow-1937", "sedov") == 0


def test_victims_grid_has_both_moscow_trials():
    from companion import data
    from companion.naming import victims_grid

    victims = data.load("intended_victims")
    grid = victims_grid(victims)
    assert list(grid.columns) == ["moscow-1936", "moscow-1937"]
    assert grid.loc["Vyacheslav Molotov", "moscow-1936"] == 0
    assert grid.loc["Vyacheslav Molotov", "moscow-1937"] >= 1
    assert grid.sum(axis=1).is_monotonic_decreasing
    assert int(grid.to_numpy().sum()) == int(victims["turns"].sum())


def test_matching_turns():
    from companion.naming import matching_turns

    turns = _turns()
    assert list(matching_turns(turns, "Stalin|Programm")["turn_id"]) == ["t2", "t5"]
    assert list(matching_turns(turns, "Stalin|Programm", speakers=["vyshinsky"])["turn_id"]) == [
        "t5"
    ]


def test_every_trial_has_a_title():
    from companion.naming import TRIAL_TITLES
    from companion.testimony import TRIALS

    assert list(TRIAL_TITLES) == list(TRIALS)


def test_trial_matrix_labels_and_orders_one_proceeding():
    from companion.naming import trial_matrix
    from companion.views import Labels

    edges = pd.DataFrame(
        {
            "trial": ["moscow-1936", "moscow-1936", "moscow-1936", "moscow-1937"],
            "speaker_id": ["reingold", "olberg", "reingold", "radek"],
            "named_id": ["stalin", "stalin", "kirov", "stalin"],
            "mentions": [2, 5, 1, 9],
        }
    )
    who = Labels({"stalin": "Joseph Stalin", "reingold": "Isak Reingold"})
    sub, named, speakers = trial_matrix(edges, "moscow-1936", who)
    assert len(sub) == 3 and set(sub["named"]) == {"Joseph Stalin", "kirov"}
    assert list(named.items()) == [("Joseph Stalin", 7), ("kirov", 1)]
    assert list(speakers.items()) == [("olberg", 5), ("Isak Reingold", 3)]
    assert trial_matrix(edges, "dewey-1937", who)[0].empty


def test_blind_comparison_selects_the_stage():
    from companion.naming import blind_comparison

    staged = pd.DataFrame(
        {
            "stage": ["first comparison (blind)"] * 2 + ["now (not blind)"] * 2,
            "system": ["extractor", "gold", "extractor", "gold"],
            "metric": ["recall_reported"] * 4,
            "value": [0.3, 0.3, 0.7, 0.6],
        }
    )
    stage, metrics = blind_comparison(staged)
    assert stage == "now (not blind)" and metrics["recall_reported"] == 0.7
    assert blind_comparison(staged, "gold")[1]["recall_reported"] == 0.6
    stage, metrics = blind_comparison(staged, stage="first")
    assert stage == "first comparison (blind)" and metrics["recall_reported"] == 0.3
    with pytest.raises(ValueError, match="no comparison stage"):
        blind_comparison(staged, stage="later")


def test_blind_comparison_of_the_committed_table():
    from companion import data
    from companion.naming import blind_comparison

    _stage, metrics = blind_comparison(data.load("testimony_evaluation_blind"))
    assert metrics.index.is_unique
    for metric in ("recall_dialogue", "recall_direct", "recall_reported", "system_turns"):
        assert metric in metrics.index
