"""Who names whom in the testimony: naming edges, the network, the intended victims.

Named persons of a turn
-----------------------
The persons a turn names are the mentions of :mod:`companion.mentions` (names,
cover names such as ``Heinrich oder Gustav``, initials such as ``L. D.`` or
``Advokat W.``) whose first raw character belongs to the turn's own characters
-- its reading text, so that a footnote printed inside the span of a long
answer (Quisling's note in the Drammen testimony) names no one for the
speaker. Because the turn includes everything it quotes, a person named in a
quotation nested in the turn (Sedov's words in Romm's answer, Koht's speech in
Trotsky's) counts for the turn's speaker. Not counted:

* the speaker naming himself (``Golzmann`` in ``ihn, Golzmann, habe …``,
  ``Trotzki`` in Trotsky's own answers);
* groups and descriptions, which the name authority does not treat as
  mentions (``Sinowjewisten``, ``Trotzkisten``, ``mein Sohn``, ``der
  Justizminister``); a type use of a name (``den Konstads aller Länder``) is a
  mention there and counts here.

An *edge* is one trial × speaker × named person, with the number of mentions,
of turns and the passages they stand in (``naming_edges.csv``).

The network (``naming_network_nodes.csv``, ``naming_network_links.csv``)
------------------------------------------------------------------------
One graph per trial: persons are nodes, an edge joins a speaker and a person he
names, with the number of mentions as weight. The layout
(:func:`component_layout`) puts the largest connected part of the graph, laid out
by ``networkx.spring_layout`` with a fixed seed (so it is reproducible), in the
upper part of the unit square and the small separate parts (a speaker who names
no one) side by side along the bottom; the chapter only draws it.

Intended victims (``intended_victims.csv``)
-------------------------------------------
The §9.11 argument ("Wer hat die Liste der ‚Opfer' des Terrors
zusammengestellt?") is that the defendants of 1936 never named Molotov among
the leaders they meant to kill and those of 1937 did. The table derives the
lists from the testimony: a person is named as an intended victim in a Moscow
trial when a turn of that trial names him and the turn speaks of killing or
terror (``ermorden``, ``Mord``, ``Attentat``, ``Terror``, ``Schlag gegen``,
``Akte … gegen``, ``gegen die Genossen``, ``umbringen``, ``ausrotten``), and the
name authority counts him among the Soviet leadership without a defendant's
role (Stalin, Kirov, Molotov …, not Zinoviev or Pyatakov, who are named there
as conspirators, nor Trotsky).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import networkx as nx
import pandas as pd

from companion.model import Document
from companion.testimony import MODES, MOSCOW, TRIALS, Turn, turn_offsets

NAME_COLUMNS = ["turn_id", "trial", "speaker_id", "named_id", "mentions", "passage_id"]
EDGE_COLUMNS = ["trial", "speaker_id", "named_id", "mentions", "turns", "passages"]
NODE_COLUMNS = ["trial", "person_id", "name", "x", "y", "kind", "turns_spoken", "times_named"]
LINK_COLUMNS = [
    "trial",
    "edge_id",
    "speaker_id",
    "named_id",
    "speaker_name",
    "named_name",
    "x",
    "y",
    "x2",
    "y2",
    "mentions",
    "turns",
]
VICTIM_COLUMNS = ["trial", "person_id", "name", "turns", "speakers", "mentions", "passages"]

#: words of killing and terror that make a turn speak of intended victims
TARGET_CUE = re.compile(
    r"ermord|Ermordung|\bMord|Attentat|[Tt]error|Schlag\s+gegen|\bAkte\b|umzubringen|umbring"
    r"|auszurotten|ausrott|gegen\s+die\s+(?:Genossen|Führer|Leitung)"
)
LEADERSHIP_ROLE = "soviet-leadership"
SEED = 1937


def turn_names(doc: Document, turns: list[Turn], mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per turn and named person (``testimony_names.csv``)."""
    mine = mentions[mentions["source_id"] == doc.source_id]
    by_start = defaultdict(list)
    for r in mine.itertuples(index=False):
        by_start[int(r.start)].append(r.person_id)
    rows = []
    for n, turn in enumerate(turns, 1):
        counts: dict[str, int] = defaultdict(int)
        for offset in sorted(turn_offsets(doc, turn)):
            for person in by_start.get(offset, ()):
                if person != turn.speaker_id:
                    counts[person] += 1
        for person, k in sorted(counts.items()):
            rows.append(
                {
                    "turn_id": f"t{n:03d}",
                    "trial": turn.trial,
                    "speaker_id": turn.speaker_id,
                    "named_id": person,
                    "mentions": k,
                    "passage_id": turn.pieces[0][0],
                }
            )
    return pd.DataFrame(rows, columns=NAME_COLUMNS)


def edges_table(names: pd.DataFrame) -> pd.DataFrame:
    """``naming_edges.csv``: trial × speaker × named person."""
    if names.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS)
    order = {t: i for i, t in enumerate(TRIALS)}
    grouped = (
        names.groupby(["trial", "speaker_id", "named_id"], sort=False)
        .agg(
            mentions=("mentions", "sum"),
            turns=("turn_id", "nunique"),
            passages=("passage_id", lambda s: " ".join(dict.fromkeys(s))),
        )
        .reset_index()
    )
    grouped["_t"] = grouped["trial"].map(order)
    grouped = grouped.sort_values(
        ["_t", "speaker_id", "mentions", "named_id"], ascending=[True, True, False, True]
    )
    return grouped.drop(columns="_t").reset_index(drop=True)[EDGE_COLUMNS]


def _names(persons: pd.DataFrame) -> dict[str, str]:
    return dict(zip(persons["person_id"], persons["name_en"], strict=True))


def _scaled(
    pos: dict[str, tuple[float, float]], box: tuple[float, float, float, float]
) -> dict[str, tuple[float, float]]:
    """Positions scaled into ``box`` (x0, y0, x1, y1), rounded to four places."""
    x0, y0, x1, y1 = box
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]

    def scale(v: float, lo: float, hi: float, a: float, b: float) -> float:
        return round(a + (v - lo) / (hi - lo) * (b - a), 4) if hi > lo else round((a + b) / 2, 4)

    return {
        n: (scale(p[0], min(xs), max(xs), x0, x1), scale(p[1], min(ys), max(ys), y0, y1))
        for n, p in pos.items()
    }


def _ordered(graph: nx.Graph, nodes: set[str]) -> nx.Graph:
    """A copy of the subgraph on ``nodes`` with sorted nodes and edges: a subgraph *view*
    iterates over a set, whose order changes between runs, and the layout with it."""
    sub = nx.Graph()
    sub.add_nodes_from(sorted(nodes))
    edges = sorted((min(u, v), max(u, v), d["weight"]) for u, v, d in graph.edges(nodes, data=True))
    sub.add_weighted_edges_from(edges)
    return sub


def component_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """The largest connected component by a seeded spring layout in the upper part of the
    unit square; the smaller components (a speaker who names no one, a judge and the one
    defendant he asks about) side by side in a band along the bottom."""
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    main = _ordered(graph, parts[0])
    k = 2.0 / max(1.0, len(main) ** 0.5)
    pos = nx.spring_layout(main, weight="weight", seed=SEED, k=k, iterations=300)
    top = 0.22 if len(parts) > 1 else 0.0
    xy = _scaled({n: (float(p[0]), float(p[1])) for n, p in pos.items()}, (0.0, top, 1.0, 1.0))
    rest = parts[1:]
    total = sum(len(c) for c in rest)
    left = 0.0
    for part in rest:
        width = len(part) / total
        sub = _ordered(graph, part)
        local = nx.spring_layout(sub, seed=SEED) if len(sub) > 1 else {next(iter(part)): (0.0, 0.0)}
        box = (left + 0.1 * width, 0.02, left + 0.9 * width, 0.14)
        xy.update(_scaled({n: (float(p[0]), float(p[1])) for n, p in local.items()}, box))
        left += width
    return xy


def network_layout(
    edges: pd.DataFrame, testimony: pd.DataFrame, persons: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node positions and link segments per trial (seeded spring layout, scaled to 0–1)."""
    names = _names(persons)
    nodes, links = [], []
    for trial in TRIALS:
        sub = edges[edges["trial"] == trial]
        spoken = testimony[testimony["trial"] == trial].groupby("speaker_id").size()
        graph = nx.Graph()
        graph.add_nodes_from(sorted(spoken.index))
        for r in sub.itertuples(index=False):
            if graph.has_edge(r.speaker_id, r.named_id):
                graph[r.speaker_id][r.named_id]["weight"] += int(r.mentions)
            else:
                graph.add_edge(r.speaker_id, r.named_id, weight=int(r.mentions))
        if graph.number_of_nodes() == 0:
            continue
        xy = component_layout(graph)
        named = sub.groupby("named_id")["mentions"].sum()
        for person in sorted(graph.nodes):
            turns = int(spoken.get(person, 0))
            times = int(named.get(person, 0))
            kind = "both" if turns and times else ("speaker" if turns else "named")
            nodes.append(
                {
                    "trial": trial,
                    "person_id": person,
                    "name": names.get(person, person),
                    "x": xy[person][0],
                    "y": xy[person][1],
                    "kind": kind,
                    "turns_spoken": turns,
                    "times_named": times,
                }
            )
        for r in sub.itertuples(index=False):
            links.append(
                {
                    "trial": trial,
                    "edge_id": f"{trial}|{r.speaker_id}>{r.named_id}",
                    "speaker_id": r.speaker_id,
                    "named_id": r.named_id,
                    "speaker_name": names.get(r.speaker_id, r.speaker_id),
                    "named_name": names.get(r.named_id, r.named_id),
                    "x": xy[r.speaker_id][0],
                    "y": xy[r.speaker_id][1],
                    "x2": xy[r.named_id][0],
                    "y2": xy[r.named_id][1],
                    "mentions": int(r.mentions),
                    "turns": int(r.turns),
                }
            )
    return pd.DataFrame(nodes, columns=NODE_COLUMNS), pd.DataFrame(links, columns=LINK_COLUMNS)


def intended_victims(
    testimony: pd.DataFrame, names: pd.DataFrame, persons: pd.DataFrame
) -> pd.DataFrame:
    """``intended_victims.csv``: leaders named as targets in testimony, per Moscow trial."""
    roles = {r.person_id: set(str(r.roles).split("|")) for r in persons.itertuples()}
    leaders = {
        p
        for p, rs in roles.items()
        if LEADERSHIP_ROLE in rs and not any(r.startswith("defendant") for r in rs)
    }
    speaking = testimony[testimony["trial"].isin(MOSCOW)]
    targeted = speaking[speaking["text"].map(lambda t: bool(TARGET_CUE.search(t)))]
    hits = names[names["turn_id"].isin(targeted["turn_id"]) & names["named_id"].isin(leaders)]
    label = _names(persons)
    rows = []
    for (trial, person), group in hits.groupby(["trial", "named_id"], sort=False):
        rows.append(
            {
                "trial": trial,
                "person_id": person,
                "name": label.get(person, person),
                "turns": group["turn_id"].nunique(),
                "speakers": " ".join(sorted(set(group["speaker_id"]))),
                "mentions": int(group["mentions"].sum()),
                "passages": " ".join(dict.fromkeys(group["passage_id"])),
            }
        )
    table = pd.DataFrame(rows, columns=VICTIM_COLUMNS)
    if table.empty:
        return table
    table["_t"] = table["trial"].map({t: i for i, t in enumerate(MOSCOW)})
    table = table.sort_values(["_t", "turns", "person_id"], ascending=[True, False, True])
    return table.drop(columns="_t").reset_index(drop=True)


def selection_rows(testimony: pd.DataFrame, names: pd.DataFrame, limit: int = 160) -> pd.DataFrame:
    """The quoted turns behind each node and edge of the network, for the chart's table:
    one row per (key, turn), key = a person (as speaker or as named) or an edge id."""
    text = testimony.set_index("turn_id")
    rows = []

    def row(key: str, turn_id: str) -> dict:
        t = text.loc[turn_id]
        quote = t["text"] if len(t["text"]) <= limit else t["text"][: limit - 1].rstrip() + "…"
        return {
            "key": key,
            "trial": t["trial"],
            "turn_id": turn_id,
            "speaker_id": t["speaker_id"],
            "mode": t["mode"],
            "passage_id": t["passage_id"],
            "text": quote,
        }

    for r in testimony.itertuples(index=False):
        rows.append(row(f"{r.trial}|{r.speaker_id}", r.turn_id))
    for r in names.itertuples(index=False):
        rows.append(row(f"{r.trial}|{r.named_id}", r.turn_id))
        rows.append(row(f"{r.trial}|{r.speaker_id}>{r.named_id}", r.turn_id))
    out = pd.DataFrame(rows).drop_duplicates(["key", "turn_id"])
    return out.reset_index(drop=True)


# --- views for the chapter (notebooks/who-names-whom.md) ---------------------------------

#: The proceedings as the chapter names them.
TRIAL_TITLES = {
    "moscow-1936": "Moscow, August 1936 (trial of the 16)",
    "moscow-1937": "Moscow, January 1937 (trial of the 17)",
    "drammen-1936": "Drammen district court, December 1936",
    "dewey-1937": "Dewey commission, Coyoacán, April 1937",
}


def turns_by_proceeding(turns: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """Per proceeding (rows in the order of :data:`TRIALS`, by id): turns per mode,
    ``all turns``, distinct ``speakers`` and ``naming edges``."""
    counts = pd.crosstab(turns["trial"], turns["mode"]).reindex(
        index=list(TRIALS), columns=list(MODES), fill_value=0
    )
    counts["all turns"] = counts.sum(axis=1)
    speakers = turns.groupby("trial")["speaker_id"].nunique()
    counts["speakers"] = speakers.reindex(list(TRIALS)).fillna(0).astype(int)
    counts["naming edges"] = (
        edges.groupby("trial").size().reindex(list(TRIALS)).fillna(0).astype(int)
    )
    return counts.rename_axis(index="trial", columns=None)


def questions_of(turns: pd.DataFrame, speaker_id: str) -> dict[str, object]:
    """A speaker's turns: how many, how many ask a question (hold a ``?``), and the
    others by mode (a Series, most frequent first)."""
    own = turns[turns["speaker_id"] == speaker_id]
    asks = own["text"].str.contains("?", regex=False)
    return {
        "turns": len(own),
        "questions": int(asks.sum()),
        "others_by_mode": own.loc[~asks, "mode"].value_counts(),
    }


def named_totals(edges: pd.DataFrame, trial: str) -> pd.Series:
    """Mentions received per named person in one proceeding, most named first (ties by
    person id)."""
    totals = edges[edges["trial"] == trial].groupby("named_id")["mentions"].sum()
    return totals.sort_values(ascending=False, kind="stable")


def times_named(edges: pd.DataFrame, trial: str, person_id: str) -> int:
    """How often the testimony of one proceeding names ``person_id``."""
    hit = (edges["trial"] == trial) & (edges["named_id"] == person_id)
    return int(edges.loc[hit, "mentions"].sum())


def victims_grid(victims: pd.DataFrame) -> pd.DataFrame:
    """Turns naming each leader as a target, one column per Moscow trial; leaders by
    the turns in both trials together, most first."""
    grid = victims.pivot_table(
        index="name", columns="trial", values="turns", aggfunc="sum", fill_value=0
    )
    grid = grid.reindex(columns=list(MOSCOW), fill_value=0).astype(int)
    order = grid.sum(axis=1).sort_values(ascending=False, kind="stable").index
    return grid.loc[order].rename_axis(index="name", columns=None)


def matching_turns(
    turns: pd.DataFrame, pattern: str, speakers: list[str] | None = None
) -> pd.DataFrame:
    """The turns whose text matches the regular expression ``pattern``, of the given
    speakers (all speakers where ``None``), in the order of the text."""
    hit = turns["text"].str.contains(pattern, regex=True)
    if speakers is not None:
        hit &= turns["speaker_id"].isin(speakers)
    return turns[hit]


def trial_matrix(
    edges: pd.DataFrame, trial: str, label: Callable[[str], str]
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The naming edges of one proceeding for a speaker × named-person heat map: the rows
    with ``speaker`` and ``named`` labelled by ``label``, and the mentions per named
    person and per speaker (by label, most first)."""
    sub = edges[edges["trial"] == trial].copy()
    sub["speaker"] = sub["speaker_id"].map(label)
    sub["named"] = sub["named_id"].map(label)
    named = sub.groupby("named")["mentions"].sum().sort_values(ascending=False)
    speakers = sub.groupby("speaker")["mentions"].sum().sort_values(ascending=False)
    return sub, named, speakers


def blind_comparison(
    blind: pd.DataFrame, system: str = "extractor", stage: str = "now"
) -> tuple[str, pd.Series]:
    """(stage, metrics) of ``system`` (``extractor`` or ``gold``) against the blind
    re-annotation (``testimony_evaluation_blind.csv``): metric -> value.

    ``stage`` selects the comparison by the start of its name: ``first`` is the
    comparison made blind, ``now`` the current one, made after the sample was used
    for error analysis (so not an independent estimate)."""
    chosen = blind[blind["stage"].str.startswith(stage)]
    if chosen.empty:
        raise ValueError(f"no comparison stage starting with {stage!r}")
    name = str(chosen["stage"].iloc[0])
    rows = chosen[chosen["system"] == system]
    return name, rows.set_index("metric")["value"]
