"""The {person-index} directive's nodes, built from small tables."""

from __future__ import annotations

import pandas as pd
from docutils import nodes

from companion.excerpts import reader_url
from companion.sphinx_people import PersonIndex, entries, initial, person_anchor


def _persons() -> pd.DataFrame:
    rows = [
        ("zinoviev", "Grigory Zinoviev", "Sinowjew", "defendant-1936", "Grigory Zinoviev, chair"),
        ("radek", "Karl Radek", "Radek", "defendant-1937", "Karl Radek, journalist"),
        ("judge-x", "Presiding judge", "der Vorsitzende", "judge", "Unnamed judge"),
    ]
    return pd.DataFrame(
        [
            {
                "person_id": pid,
                "name_en": en,
                "name_de": de,
                "variants": "",
                "roles": roles,
                "description": desc,
                "basis": "crimes-1937:1:p7|ref:https://example.org/zinoviev"
                if pid == "zinoviev"
                else "crimes-1937:1:p9",
                "born": "1883" if pid == "zinoviev" else "",
                "died": "1936" if pid == "zinoviev" else "",
                "wikidata": "",
                "designations": "Vorsitzender" if pid == "judge-x" else "",
            }
            for pid, en, de, roles, desc in rows
        ]
    )


def _mentions() -> pd.DataFrame:
    rows = [
        ("zinoviev", "crimes-1937", "crimes-1937:1:p7", 10, "Sinowjew"),
        ("zinoviev", "crimes-1937", "crimes-1937:1:p7", 50, "Sinowjews"),
        ("zinoviev", "rogovin-emigrants", "rogovin-emigrants:p4", 5, "Zinoviev"),
        ("zinoviev", "crimes-1937", "crimes-1937:1:p9", 90, "Sino-\nwjew"),
        ("radek", "crimes-1937", "crimes-1937:1:p9", 95, "Radek"),
    ]
    return pd.DataFrame(
        [
            {
                "person_id": p,
                "source_id": s,
                "passage_id": pid,
                "start": str(a),
                "end": str(a + 5),
                "surface": f,
            }
            for p, s, pid, a, f in rows
        ]
    )


TITLES = {"crimes-1937": "Stalins Verbrechen", "rogovin-emigrants": "Rogovin"}


def _index() -> list[nodes.Node]:
    roles = {"defendant-1936": "D36", "defendant-1937": "D37", "judge": "J"}
    return PersonIndex(_persons(), _mentions(), TITLES, roles, root="../").nodes()


def test_entries_group_by_source_in_order():
    where = entries(_mentions(), list(TITLES))
    z = where["zinoviev"]
    assert [e.source_id for e in z] == ["crimes-1937", "rogovin-emigrants"]
    assert z[0].mentions == 3
    assert z[0].passages == [("crimes-1937:1:p7", 2), ("crimes-1937:1:p9", 1)]


def test_sections_per_letter_and_anchors():
    out = _index()
    sections = [n for n in out if isinstance(n, nodes.section)]
    titles = [s[0].astext() for s in sections]
    assert titles == ["J", "R", "Z", "Roles"]
    ids = [i for s in sections for n in s.findall(nodes.paragraph) for i in n["ids"]]
    assert {person_anchor(p) for p in ("zinoviev", "radek", "judge-x")} <= set(ids)
    assert initial("van-heijenoort") == "V"


def test_every_passage_is_a_link_with_its_id_as_text():
    doc = nodes.container()
    doc.extend(_index())
    refs = {r.astext(): r["refuri"] for r in doc.findall(nodes.reference) if ":" in r.astext()}
    want = set(_mentions()["passage_id"])
    assert set(refs) == want
    assert all(refs[p] == reader_url(p, "../") for p in want)
    text = doc.astext()
    assert "Stalins Verbrechen (3 mentions in 2 passages)" in text
    assert "crimes-1937:1:p7 ×2" in text
    assert "Sinowjew ×2" in text  # "Sino-\nwjew" is read as "Sinowjew"
    assert "Not named in the sources" in text and "Vorsitzender" in text
    assert "Grigory Zinoviev, chair." in text  # the name is not repeated


def test_each_person_shows_its_basis_and_years():
    doc = nodes.container()
    doc.extend(_index())
    text = doc.astext()
    assert "(1883–1936)" in text
    basis = [n for n in doc.findall(nodes.inline) if "companion-basis" in n["classes"]]
    assert len(basis) == 3
    zinoviev = basis[-1] if "example.org" in basis[-1].astext() else basis[0]
    refs = [r["refuri"] for r in zinoviev.findall(nodes.reference)]
    assert refs == [reader_url("crimes-1937:1:p7", "../"), "https://example.org/zinoviev"]
