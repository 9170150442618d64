"""The name authority: persons.csv, roles.csv, name_rules.csv and their validation."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from companion.errors import CuratedTableError
from companion.mentions import search_layer, surface_pattern
from companion.persons import (
    NAME_RULES_CSV,
    PERSONS_CSV,
    ROLES_CSV,
    authority,
    load_authority,
    normalise_surface,
    split_list,
)
from companion.sources import read_source
from tests.conftest import SOURCE_IDS


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def copies(tmp_path: Path) -> dict[str, list[dict[str, str]]]:
    return {
        "persons": _rows(PERSONS_CSV),
        "rules": _rows(NAME_RULES_CSV),
        "roles": _rows(ROLES_CSV),
    }


def _load(tmp_path: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    load_authority(
        persons_path=_write(tmp_path / "persons.csv", tables["persons"]),
        rules_path=_write(tmp_path / "name_rules.csv", tables["rules"]),
        roles_path=_write(tmp_path / "roles.csv", tables["roles"]),
    )


def _row_of(rows: list[dict[str, str]], person_id: str) -> int:
    return next(i for i, r in enumerate(rows) if r["person_id"] == person_id)


# --- the committed tables -----------------------------------------------------------------


def test_committed_authority_is_valid():
    auth = load_authority()
    assert len(auth.persons) >= 400
    assert auth.persons["person_id"].is_unique
    assert set(auth.rules["rule"]) == {"stop", "context", "source", "antecedent", "default"}


REQUIRED = {
    # August 1936
    "zinoviev", "kamenev", "smirnov-ivan", "mrachkovsky", "holtzman", "olberg",
    "berman-yurin", "david-fritz", "lurye-moissei", "lurye-nathan", "reingold",
    "dreitser", "bakayev", "yevdokimov",
    # January 1937 and its witnesses
    "radek", "pyatakov", "sokolnikov", "serebryakov", "muralov", "boguslavsky",
    "drobnis", "shestov", "arnold", "rataichak", "livshitz", "romm", "bukhartsev",
    "loginov", "stirner",
    # court, prosecution, police
    "vyshinsky", "presiding-judge-moscow", "ulrikh", "yagoda", "yezhov",
    # Drammen
    "presiding-judge-drammen", "prosecutor-norway", "advokat-w", "r-h",
    "herr-h-lawyer", "herr-h-acquaintance", "lie-trygve", "lie-jonas", "knudsen-konrad",
    # Dewey commission
    "dewey", "la-follette", "stolberg", "ruhle", "tresca", "ross-edward",
    "israel-edward", "beals", "finnerty", "goldman-albert",
    # the letter, Der Monat footnote authors, Cliff, Rogovin
    "adler-raissa", "frank-1930", "blumkin", "borkenau", "shub-boris", "shub-david",
    "lowenthal", "hook", "kohn", "carr", "brandler", "zeigner", "cuno", "dimitrov",
    "tito", "munzenberg", "kun-bela", "trepper", "sedov", "sedov-sergei", "sedova",
}  # fmt: skip


def test_the_brief_persons_are_present():
    missing = REQUIRED - set(authority().persons["person_id"])
    assert not missing


def test_ids_are_ascii_slugs_and_roles_come_from_the_list():
    auth = authority()
    roles = set(auth.roles["role"])
    for row in auth.persons.itertuples(index=False):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row.person_id)
        assert set(split_list(row.roles)) <= roles
        assert row.wikidata == "" or re.fullmatch(r"Q[1-9]\d*", row.wikidata)


def test_moscow_judge_and_ulrikh_are_two_documented_records():
    auth = authority()
    judge = auth.person("presiding-judge-moscow")
    ulrikh = auth.person("ulrikh")
    assert judge["variants"] == ""  # never named: no mention can be found
    assert "Ulrikh" in judge["description"] and "presiding-judge-moscow" in ulrikh["description"]
    assert split_list(ulrikh["variants"]) == ["Ulrich"]


def test_every_variant_occurs_in_some_source():
    """variants lists surface forms found in the sources, not guesses."""
    claims = authority().claims
    texts = [search_layer(" ".join(read_source(sid).split()))[0] for sid in SOURCE_IDS]
    pattern = surface_pattern(claims)
    seen = {normalise_surface(m.group()) for t in texts for m in pattern.finditer(t)}
    for surface in set(claims) - seen:  # forms only found inside a longer one (Ross)
        inner = surface_pattern([surface])
        assert any(inner.search(t) for t in texts), (surface, claims[surface])


def test_shared_surfaces_all_have_rules():
    auth = authority()
    shared = auth.shared_surfaces()
    assert {"Lie", "Lurje", "Lurjes", "H.", "Frank", "Bauer", "Okudschawa", "Shub"} <= set(shared)
    ruled = {normalise_surface(s) for s in auth.rules["surface"]}
    assert set(shared) <= ruled


# --- validation errors name file, row and column ----------------------------------------------


def test_missing_person_id_is_named(tmp_path, copies):
    i = _row_of(copies["persons"], "romm")
    copies["persons"][i]["person_id"] = ""
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    msg = str(err.value)
    assert f"persons.csv:{i + 2}" in msg and "'person_id'" in msg


def test_duplicate_person_id_is_named(tmp_path, copies):
    i = _row_of(copies["persons"], "olberg")
    copies["persons"][i]["person_id"] = "romm"
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    msg = str(err.value)
    assert "persons.csv" in msg and "'person_id'" in msg
    assert f"persons.csv:{i + 2}" in msg  # the second occurrence is named


def test_unknown_role_is_named(tmp_path, copies):
    i = _row_of(copies["persons"], "radek")
    copies["persons"][i]["roles"] = "defendant-1937|spy"
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    msg = str(err.value)
    assert f"persons.csv:{i + 2}" in msg and "'roles'" in msg and "spy" in msg


def test_shared_variant_without_rule_is_named(tmp_path, copies):
    i = _row_of(copies["persons"], "olberg")
    copies["persons"][i]["variants"] += "|Romm"  # Romm now claimed by two persons, no rule
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    msg = str(err.value)
    second = max(i, _row_of(copies["persons"], "romm"))  # the later of the two claimants
    assert f"persons.csv:{second + 2}" in msg and "'variants'" in msg
    assert "Romm" in msg and "name_rules.csv" in msg


def test_shared_variant_with_a_rule_is_accepted(tmp_path, copies):
    i = _row_of(copies["persons"], "olberg")
    copies["persons"][i]["variants"] += "|Romm"
    copies["rules"].append(
        {"surface": "Romm", "rule": "default", "person_id": "romm", "source_id": "",
         "before": "", "after": "", "note": "Romm is the witness"}
    )  # fmt: skip
    _load(tmp_path, copies)


def test_rule_for_a_surface_nobody_claims_is_named(tmp_path, copies):
    copies["rules"].append(
        {"surface": "Nobody", "rule": "default", "person_id": "", "source_id": "",
         "before": "", "after": "", "note": "no such variant"}
    )  # fmt: skip
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    assert f"name_rules.csv:{len(copies['rules']) + 1}" in str(err.value)
    assert "'surface'" in str(err.value)


def test_rule_with_bad_regex_or_kind_or_person_is_named(tmp_path, copies):
    rules = copies["rules"]
    rules[0]["before"] = "(unclosed"
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    assert "name_rules.csv:2" in str(err.value) and "'before'" in str(err.value)
    rules[0]["before"] = ""
    rules[1]["rule"] = "guess"
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    assert "name_rules.csv:3" in str(err.value) and "'rule'" in str(err.value)
    rules[1]["rule"] = "context"
    rules[1]["person_id"] = "romm"  # Romm does not claim "Lurje"
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    assert "name_rules.csv:3" in str(err.value) and "'person_id'" in str(err.value)


def test_bad_role_list_is_named(tmp_path, copies):
    copies["roles"][3]["role"] = "Defendant 1937"
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    assert "roles.csv:5" in str(err.value) and "'role'" in str(err.value)


def test_every_person_has_a_basis_of_known_passages_or_references():
    from companion.passages import load_passages
    from companion.persons import basis_items, check_basis, load_persons

    persons = load_persons()
    check_basis(persons, set(load_passages().index))
    for cell in persons["basis"]:
        ids, refs = basis_items(cell)
        assert ids or refs
        assert all(url.startswith(("https://", "http://")) for url in refs)


def test_a_row_without_basis_is_named(tmp_path, copies):
    i = _row_of(copies["persons"], "radek")
    copies["persons"][i]["basis"] = ""
    with pytest.raises(CuratedTableError) as err:
        _load(tmp_path, copies)
    assert f"persons.csv:{i + 2}" in str(err.value) and "'basis'" in str(err.value)


def test_an_unknown_passage_in_a_basis_is_named(copies):
    import pandas as pd

    from companion.persons import check_basis

    persons = pd.DataFrame(copies["persons"])
    i = _row_of(copies["persons"], "romm")
    persons.loc[i, "basis"] = "crimes-1937:99:p1|ref:https://example.org/romm"
    with pytest.raises(CuratedTableError) as err:
        check_basis(
            persons,
            {"crimes-1937:1:p1"}
            | set(persons["basis"].str.split("|").explode()) - {"crimes-1937:99:p1"},
        )
    assert f":{i + 2}:" in str(err.value) and "crimes-1937:99:p1" in str(err.value)
