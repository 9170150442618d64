"""Contributors' workflow for the aligned translation: batches out, translations and verdicts in.

python -m companion.translate export crimes-1937 --section 3.1 --out batch.jsonl
python -m companion.translate import batch.jsonl --translator c1
python -m companion.translate review-export crimes-1937 --out review.jsonl
python -m companion.translate review-import review.jsonl --reviewer c2
python -m companion.translate check            # every check of companion.translation

``export`` writes one JSON line per sentence segment of each passage not yet
translated (``passage_id``, ``seg``, ``de_start``, ``de_end``, ``de``); a
translator adds ``en`` and, where needed, ``note`` to each line and may join
neighbouring segments of a passage (one line with the first ``de_start`` and
the last ``de_end``), never split one. ``import`` checks the batch (every
passage complete, the spans as exported or joined), then writes the rows into
``data/translations/<source_id>.en.csv`` in passage order, replacing rows of
the same passages.

``review-export`` writes the segments that have no verdict yet, with German,
English and note; a second reader adds ``verdict`` (``ok`` or ``revised``),
with ``en`` (the revised English) and ``reason`` for ``revised``, and may
rewrite the ``note``. ``review-import`` records the verdict and the reviewer
and refuses a reviewer who translated the segment.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from companion.errors import DataError
from companion.segments import sentence_spans
from companion.translation import (
    COLUMNS,
    TranslationError,
    check_all,
    read_translation,
    translation_path,
)


def _passages() -> pd.DataFrame:
    from companion.passages import load_passages

    return load_passages()


def export_batch(
    source_id: str, passage_ids: list[str] | None, sections: list[str] | None
) -> list[dict]:
    passages = _passages()
    done = set(read_translation(source_id)["passage_id"])
    rows = passages[passages.source_id == source_id]
    if passage_ids:
        rows = rows[rows.passage_id.isin(passage_ids)]
    if sections:
        rows = rows[rows.section.isin(sections)]
    lines = []
    for p in rows.itertuples(index=False):
        if p.passage_id in done or not p.text.strip():
            continue
        for n, (a, b) in enumerate(sentence_spans(p.text), 1):
            lines.append(
                {
                    "passage_id": p.passage_id,
                    "seg": n,
                    "de_start": a,
                    "de_end": b,
                    "de": p.text[a:b],
                }
            )
    return lines


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}:{n}: not a JSON line: {exc}") from None
    return out


def _write(source_id: str, df: pd.DataFrame) -> None:
    order = {pid: i for i, pid in enumerate(_passages().passage_id)}
    df = df.assign(_o=df.passage_id.map(order)).sort_values(["_o", "seg"]).drop(columns="_o")
    path = translation_path(source_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    df[list(COLUMNS)].astype(str).to_csv(path, index=False, lineterminator="\n")


def import_batch(path: Path, translator: str) -> int:
    lines = _read_jsonl(path)
    passages = _passages()
    by_source: dict[str, list[dict]] = {}
    for n, item in enumerate(lines, 1):
        pid = item.get("passage_id", "")
        if pid not in passages.index:
            raise DataError(f"{path}:{n}: unknown passage id {pid!r}")
        if not str(item.get("en", "")).strip():
            raise DataError(f"{path}:{n}: {pid} seg {item.get('seg')}: no English")
        by_source.setdefault(passages.loc[pid, "source_id"], []).append(item)
    for source_id, items in by_source.items():
        new = []
        for pid in dict.fromkeys(i["passage_id"] for i in items):
            group = sorted(
                (i for i in items if i["passage_id"] == pid), key=lambda i: int(i["de_start"])
            )
            text = passages.loc[pid, "text"]
            bounds = {a for a, _ in sentence_spans(text)}, {b for _, b in sentence_spans(text)}
            for seg, i in enumerate(group, 1):
                a, b = int(i["de_start"]), int(i["de_end"])
                if a not in bounds[0] or b not in bounds[1]:
                    raise DataError(
                        f"{path}: {pid}: span {a}-{b} does not start and end at sentence bounds"
                    )
                new.append(
                    {
                        "passage_id": pid,
                        "seg": seg,
                        "de_start": a,
                        "de_end": b,
                        "en": " ".join(str(i["en"]).split()),
                        "note": " ".join(str(i.get("note", "") or "").split()),
                        "translator": translator,
                        "reviewer": "",
                        "reviewed": "",
                    }
                )
        old = read_translation(source_id)
        old = old[~old.passage_id.isin({r["passage_id"] for r in new})]
        _write(source_id, pd.concat([old, pd.DataFrame(new)], ignore_index=True))
    return len(lines)


def review_export(source_id: str, reviewer: str | None) -> list[dict]:
    passages = _passages()
    df = read_translation(source_id)
    out = []
    for r in df[df.reviewed == ""].itertuples(index=False):
        if reviewer and r.translator == reviewer:
            continue
        de = passages.loc[r.passage_id, "text"][r.de_start : r.de_end]
        out.append({"passage_id": r.passage_id, "seg": r.seg, "de": de, "en": r.en, "note": r.note})
    return out


def review_import(path: Path, reviewer: str) -> int:
    lines = _read_jsonl(path)
    passages = _passages()
    sources = {passages.loc[i["passage_id"], "source_id"] for i in lines}
    for source_id in sources:
        df = read_translation(source_id)
        key = {
            (r.passage_id, r.seg): k
            for k, r in zip(df.index, df.itertuples(index=False), strict=True)
        }
        for n, item in enumerate(lines, 1):
            if passages.loc[item["passage_id"], "source_id"] != source_id:
                continue
            k = key.get((item["passage_id"], int(item["seg"])))
            if k is None:
                raise DataError(f"{path}:{n}: no segment {item['passage_id']} seg {item['seg']}")
            if df.at[k, "translator"] == reviewer:
                raise DataError(
                    f"{path}:{n}: {item['passage_id']} seg {item['seg']}: reviewer translated it"
                )
            verdict = item.get("verdict")
            if verdict == "ok":
                df.at[k, "reviewed"] = "ok"
            elif verdict == "revised":
                reason = " ".join(str(item.get("reason", "")).split())
                if not reason or not str(item.get("en", "")).strip():
                    raise DataError(f"{path}:{n}: a revision needs 'en' and 'reason'")
                df.at[k, "en"] = " ".join(str(item["en"]).split())
                df.at[k, "reviewed"] = f"revised: {reason}"
            else:
                raise DataError(f"{path}:{n}: verdict must be 'ok' or 'revised', not {verdict!r}")
            if "note" in item:
                df.at[k, "note"] = " ".join(str(item["note"] or "").split())
            df.at[k, "reviewer"] = reviewer
        _write(source_id, df)
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("export")
    ex.add_argument("source_id")
    ex.add_argument("--passages", nargs="*")
    ex.add_argument("--section", nargs="*")
    ex.add_argument("--out", type=Path, required=True)
    im = sub.add_parser("import")
    im.add_argument("batch", type=Path)
    im.add_argument("--translator", required=True)
    rx = sub.add_parser("review-export")
    rx.add_argument("source_id")
    rx.add_argument("--reviewer")
    rx.add_argument("--out", type=Path, required=True)
    ri = sub.add_parser("review-import")
    ri.add_argument("batch", type=Path)
    ri.add_argument("--reviewer", required=True)
    sub.add_parser("check")
    args = ap.parse_args(argv)
    try:
        if args.cmd in ("export", "review-export"):
            if args.cmd == "export":
                lines = export_batch(args.source_id, args.passages, args.section)
            else:
                lines = review_export(args.source_id, args.reviewer)
            args.out.write_text(
                "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8"
            )
            print(f"{len(lines)} segments -> {args.out}")
        elif args.cmd == "import":
            print(f"{import_batch(args.batch, args.translator)} segments imported")
        elif args.cmd == "review-import":
            print(f"{review_import(args.batch, args.reviewer)} verdicts recorded")
        else:
            problems = check_all()
            for p in problems:
                print(p)
            print(f"{len(problems)} problem(s)")
            return 1 if problems else 0
    except (DataError, TranslationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
