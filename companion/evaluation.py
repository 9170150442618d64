"""Precision and recall of the mention finder against a hand-annotated gold set.

The gold set lives with the tests, in ``tests/gold/``:

``mentions_gold.csv`` (source_id, start, end, line, surface, person_id, note)
    Mentions annotated by reading the raw text, independently of the finder.
    ``start``/``end`` are offsets into the raw source file, which never changes
    (its checksum is verified), so the gold set survives any rewrite of the
    parsers and any change of passage ids. ``surface`` must equal
    ``raw[start:end]``; ``line`` is the raw line, for people reading the file.
    A span that names two persons (``die zwei Lurjes``) has one row per person.

``mentions_gold_scope.csv`` (source_id, raw_start, raw_end, line_from, line_to, note)
    The raw ranges that were annotated exhaustively: every mention whose start
    lies in one of them is in the gold set. Precision and recall are computed
    over these ranges only (a finder mention outside them is not judged).

Two scores are reported. *Exact*: a finder mention counts only if source,
raw start, raw end and person are all equal to a gold mention. *Lenient*: the
spans need only overlap (same source and person), each gold mention used once.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pandas as pd
import pandera.pandas as pa

from companion import paths
from companion.curated import fail, read_curated
from companion.mentions import all_mentions
from companion.persons import SLUG, authority
from companion.sources import load_manifest, read_source

GOLD_DIR = paths.ROOT / "tests" / "gold"
GOLD_CSV = GOLD_DIR / "mentions_gold.csv"
SCOPE_CSV = GOLD_DIR / "mentions_gold_scope.csv"
EVALUATION_COLUMNS = ["metric", "value", "n"]


def _int_column() -> pa.Column:
    return pa.Column(str, pa.Check.str_matches(r"^[0-9]+$"))


def gold_schema(source_ids: list[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "source_id": pa.Column(str, pa.Check.isin(source_ids)),
            "start": _int_column(),
            "end": _int_column(),
            "line": _int_column(),
            "surface": pa.Column(str, pa.Check.str_length(min_value=1)),
            "person_id": pa.Column(str, pa.Check.str_matches(rf"^{SLUG}$")),
            "note": pa.Column(str),
        },
        strict=True,
    )


def scope_schema(source_ids: list[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "source_id": pa.Column(str, pa.Check.isin(source_ids)),
            "raw_start": _int_column(),
            "raw_end": _int_column(),
            "line_from": _int_column(),
            "line_to": _int_column(),
            "note": pa.Column(str),
        },
        strict=True,
    )


def load_scope(path: Path = SCOPE_CSV) -> pd.DataFrame:
    sources = list(load_manifest())
    df = read_curated(path, scope_schema(sources))
    for col in ("raw_start", "raw_end", "line_from", "line_to"):
        df[col] = df[col].astype(int)
    for i, row in enumerate(df.itertuples(index=False)):
        if not 0 <= row.raw_start < row.raw_end <= len(read_source(row.source_id)):
            raise fail(
                path, i, "raw_end", f"range {row.raw_start}-{row.raw_end} outside the source"
            )
    return df


def load_gold(path: Path = GOLD_CSV, scope: pd.DataFrame | None = None) -> pd.DataFrame:
    """The gold mentions, checked against the raw text, the persons and the scope."""
    sources = list(load_manifest())
    scope = load_scope() if scope is None else scope
    df = read_curated(path, gold_schema(sources))
    for col in ("start", "end", "line"):
        df[col] = df[col].astype(int)
    known = set(authority().persons["person_id"])
    ranges = _ranges(scope)
    for i, row in enumerate(df.itertuples(index=False)):
        raw = read_source(row.source_id)
        if raw[row.start : row.end] != row.surface:
            raise fail(
                path, i, "surface", f"raw[{row.start}:{row.end}] is {raw[row.start : row.end]!r}"
            )
        if row.person_id not in known:
            raise fail(path, i, "person_id", f"unknown person {row.person_id!r}")
        if row.source_id not in ranges or not ranges[row.source_id].contains(row.start):
            raise fail(path, i, "start", "mention outside every range of the scope file")
    return df


@dataclass(frozen=True)
class _Ranges:
    starts: list[int]
    ends: list[int]

    def contains(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def _ranges(scope: pd.DataFrame) -> dict[str, _Ranges]:
    out = {}
    for sid, group in scope.sort_values("raw_start").groupby("source_id"):
        out[sid] = _Ranges(list(group["raw_start"]), list(group["raw_end"]))
    return out


def in_scope(scope: pd.DataFrame, source_id: str, offset: int) -> bool:
    ranges = _ranges(scope).get(source_id)
    return ranges is not None and ranges.contains(offset)


def restrict_to_scope(mentions: pd.DataFrame, scope: pd.DataFrame) -> pd.DataFrame:
    ranges = _ranges(scope)
    keep = [
        sid in ranges and ranges[sid].contains(start)
        for sid, start in zip(mentions["source_id"], mentions["start"], strict=True)
    ]
    return mentions[keep]


def _key(df: pd.DataFrame) -> set[tuple[str, int, int, str]]:
    return set(
        zip(
            df["source_id"],
            df["start"].astype(int),
            df["end"].astype(int),
            df["person_id"],
            strict=True,
        )
    )


def _lenient_matches(predicted: pd.DataFrame, gold: pd.DataFrame) -> int:
    """Greedy one-to-one pairing of overlapping spans of the same source and person."""
    free: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for row in gold.itertuples(index=False):
        free.setdefault((row.source_id, row.person_id), []).append((row.start, row.end))
    matched = 0
    for row in predicted.sort_values("start").itertuples(index=False):
        spans = free.get((row.source_id, row.person_id), [])
        for j, (a, b) in enumerate(spans):
            if a < row.end and row.start < b:
                del spans[j]
                matched += 1
                break
    return matched


@dataclass(frozen=True)
class Comparison:
    """Finder against gold within the scope; the lists are for inspection and tests."""

    predicted: pd.DataFrame
    gold: pd.DataFrame
    false_positives: pd.DataFrame
    false_negatives: pd.DataFrame
    lenient_matches: int

    @property
    def true_positives(self) -> int:
        return len(self.predicted) - len(self.false_positives)

    @property
    def precision(self) -> float:
        return self.true_positives / len(self.predicted) if len(self.predicted) else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / len(self.gold) if len(self.gold) else 1.0

    @property
    def precision_lenient(self) -> float:
        return self.lenient_matches / len(self.predicted) if len(self.predicted) else 1.0

    @property
    def recall_lenient(self) -> float:
        return self.lenient_matches / len(self.gold) if len(self.gold) else 1.0


def compare(
    mentions: pd.DataFrame | None = None,
    gold: pd.DataFrame | None = None,
    scope: pd.DataFrame | None = None,
) -> Comparison:
    scope = load_scope() if scope is None else scope
    gold = load_gold(scope=scope) if gold is None else gold
    mentions = all_mentions() if mentions is None else mentions
    predicted = restrict_to_scope(mentions, scope)
    gold_keys, pred_keys = _key(gold), _key(predicted)
    fp = [k not in gold_keys for k in zip(*_columns(predicted), strict=True)]
    fn = [k not in pred_keys for k in zip(*_columns(gold), strict=True)]
    return Comparison(
        predicted=predicted,
        gold=gold,
        false_positives=predicted[fp],
        false_negatives=gold[fn],
        lenient_matches=_lenient_matches(predicted, gold),
    )


def _columns(df: pd.DataFrame) -> list[list]:
    return [
        list(df["source_id"]),
        [int(x) for x in df["start"]],
        [int(x) for x in df["end"]],
        list(df["person_id"]),
    ]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _rows(c: Comparison, suffix: str = "") -> list[dict]:
    return [
        {
            "metric": f"precision_exact{suffix}",
            "value": round(c.precision, 4),
            "n": len(c.predicted),
        },
        {"metric": f"recall_exact{suffix}", "value": round(c.recall, 4), "n": len(c.gold)},
        {
            "metric": f"f1_exact{suffix}",
            "value": round(_f1(c.precision, c.recall), 4),
            "n": c.true_positives,
        },
        {
            "metric": f"precision_lenient{suffix}",
            "value": round(c.precision_lenient, 4),
            "n": len(c.predicted),
        },
        {
            "metric": f"recall_lenient{suffix}",
            "value": round(c.recall_lenient, 4),
            "n": len(c.gold),
        },
    ]


def evaluation_table(comparison: Comparison | None = None) -> pd.DataFrame:
    """Metric, value, n: overall, then per source (``precision_exact:crimes-1937``).

    ``n`` is the denominator: finder mentions in scope for precision, gold
    mentions for recall, true positives for F1.
    """
    c = comparison or compare()
    scope = load_scope()
    rows = _rows(c)
    for sid in load_manifest():
        sub = Comparison(
            predicted=c.predicted[c.predicted["source_id"] == sid],
            gold=c.gold[c.gold["source_id"] == sid],
            false_positives=c.false_positives[c.false_positives["source_id"] == sid],
            false_negatives=c.false_negatives[c.false_negatives["source_id"] == sid],
            lenient_matches=_lenient_matches(
                c.predicted[c.predicted["source_id"] == sid], c.gold[c.gold["source_id"] == sid]
            ),
        )
        if len(sub.gold):
            rows.extend(_rows(sub, f":{sid}"))
    rows.append({"metric": "scope_ranges", "value": float(len(scope)), "n": len(scope)})
    rows.append(
        {
            "metric": "scope_characters",
            "value": float((scope["raw_end"] - scope["raw_start"]).sum()),
            "n": len(scope),
        }
    )
    return pd.DataFrame(rows, columns=EVALUATION_COLUMNS)


# --------------------------------------------------------------- blind sample

BLIND_DIR = GOLD_DIR / "blind"


def wilson_lower(successes: int, n: int, z: float = 1.96) -> float:
    """Lower bound of the Wilson score interval (95 % by default) for a proportion."""
    if n == 0:
        return 0.0
    p = successes / n
    centre = p + z * z / (2 * n)
    margin = z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return (centre - margin) / (1 + z * z / n)


def gold_script(folder: str, name: str = "compare") -> ModuleType:
    """A comparison script kept beside a blind gold set in tests/gold/<folder>/."""
    import importlib.util

    path = GOLD_DIR / folder / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"gold_{folder}_{name}", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def blind_evaluation_table() -> pd.DataFrame:
    """The blind random sample (tests/gold/blind) against the finder's mentions.

    The comparison itself is the blind annotator's script
    (``tests/gold/blind/compare.py``); this adds the Wilson 95 % lower bounds,
    by mention and, since mentions cluster in passages, by passage (a passage
    counts as right when every mention in it agrees).
    """
    compare_mod = gold_script("blind")
    result = compare_mod.evaluate()
    only_finder, only_gold = compare_mod.disagreements()
    sample = pd.read_csv(BLIND_DIR / "sample.csv", dtype=str, keep_default_na=False)
    wrong_spans = [(m[0], m[1]) for m in only_finder + only_gold]

    def passage_wrong(row: pd.Series) -> bool:
        segs = [tuple(int(x) for x in p.split("-")) for p in row["segments"].split()]
        return any(
            sid == row["source_id"] and any(a <= off < b for a, b in segs)
            for sid, off in wrong_spans
        )

    passages_right = int((~sample.apply(passage_wrong, axis=1)).sum())
    gold, finder, tp = result["gold"], result["finder"], result["exact_tp"]
    rows = [
        {"metric": "sample_passages", "value": float(len(sample)), "n": len(sample)},
        {"metric": "precision_exact", "value": round(result["precision_exact"], 4), "n": finder},
        {"metric": "recall_exact", "value": round(result["recall_exact"], 4), "n": gold},
        {
            "metric": "precision_lenient",
            "value": round(result["precision_lenient"], 4),
            "n": finder,
        },
        {"metric": "recall_lenient", "value": round(result["recall_lenient"], 4), "n": gold},
        {
            "metric": "precision_exact_wilson95_low",
            "value": round(wilson_lower(tp, finder), 4),
            "n": finder,
        },
        {
            "metric": "recall_exact_wilson95_low",
            "value": round(wilson_lower(tp, gold), 4),
            "n": gold,
        },
        {"metric": "passages_all_right", "value": float(passages_right), "n": len(sample)},
        {
            "metric": "passages_all_right_wilson95_low",
            "value": round(wilson_lower(passages_right, len(sample)), 4),
            "n": len(sample),
        },
    ]
    return pd.DataFrame(rows, columns=EVALUATION_COLUMNS)


def blind_testimony_table() -> pd.DataFrame:
    """Testimony extraction (and the testimony gold set) against a blind re-annotation.

    The comparison is the blind annotator's script
    (``tests/gold/blind_testimony/compare.py``): ten sections drawn at random,
    annotated without sight of the extractor or its gold set, turns matched by
    overlapping raw spans. ``system`` says which annotation is compared with
    the blind one; the adjudicated rows count only disagreements that a re-reading
    judged clear. ``stage`` separates the first comparison, made blind
    (``first_comparison.csv``), from the current one: after the first
    comparison the sample was used for error analysis and the extractor's rules
    were revised, so the current numbers are no longer an independent estimate.
    """
    mod = gold_script("blind_testimony")
    adjudication = mod.load_adjudication()
    first = pd.read_csv(GOLD_DIR / "blind_testimony" / "first_comparison.csv")
    first.insert(0, "stage", "first comparison (blind)")
    rows = []
    for comparison in mod.comparisons():
        metrics = {
            **comparison.metrics(),
            **comparison.recall_by_mode(),
            **comparison.adjudicated(adjudication),
        }
        for metric, value in metrics.items():
            rows.append(
                {
                    "stage": "now (sample used for error analysis)",
                    "system": comparison.name,
                    "metric": metric,
                    "value": value,
                }
            )
    now = pd.DataFrame(rows, columns=["stage", "system", "metric", "value"])
    return pd.concat([first, now], ignore_index=True)
