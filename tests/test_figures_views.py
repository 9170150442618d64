"""Chart-ready views of the repression figures (companion.figures_views)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from companion import figures_views as V
from companion import paths
from companion.excerpts import excerpt_text
from companion.figures import REASON_CODES, load_candidates, load_figures


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return load_figures()


@pytest.fixture(scope="module")
def candidates() -> pd.DataFrame:
    return load_candidates()


def row(**values) -> dict:
    base = {
        "value_low": float("nan"),
        "value_high": float("nan"),
        "base_value": float("nan"),
        "qualifier": "exact",
        "bound": "exact",
        "unit": "persons",
    }
    return base | values


# ----------------------------------------------------------------- wording


@pytest.mark.parametrize(
    ("values", "approximate", "expected"),
    [
        (row(value_low=800.0, value_high=800.0), False, "800"),
        (row(value_low=600.0, value_high=600.0, qualifier="about", bound="about"), False, "≈ 600"),
        (row(value_low=242.0, qualifier="at_least", bound="at_least"), False, "≥ 242"),
        (row(value_low=3000.0, qualifier="more_than", bound="more_than"), False, "> 3,000"),
        (row(value_high=1000.0, qualifier="at_most", bound="at_most"), False, "≤ 1,000"),
        (
            row(value_low=25000.0, value_high=30000.0, qualifier="range", bound="range"),
            True,
            "≈ 25,000–30,000",
        ),
        (
            row(value_low=10.0, value_high=10.0, base_value=16.0, qualifier="fraction"),
            False,
            "10 of 16",
        ),
        (
            row(value_low=1.0, value_high=1.0, base_value=10.0, qualifier="fraction", unit="share"),
            False,
            "1 in 10",
        ),
        (
            row(value_low=70.0, qualifier="percent", bound="more_than", unit="percent"),
            False,
            "> 70 %",
        ),
        (row(qualifier="qualitative", bound=""), False, "in words only"),
    ],
)
def test_stated_repeats_the_figure_in_the_texts_terms(values, approximate, expected):
    assert V.stated(values, approximate) == expected


def test_approximation_is_read_from_the_qualifier_or_the_figures_words():
    assert V.is_approximate("range", "about 25,000 to 30,000")
    assert V.is_approximate("about", "etwa dreißig")
    assert not V.is_approximate("exact", "Six hundred")
    assert not V.is_approximate("more_than", "more than 3,000")
    assert not V.is_approximate("qualitative", "")


def test_axis_domain_leaves_room_for_open_ended_rays():
    assert V.axis_domain([10, 842, 30000], "log") == (5.0, 50000.0)
    lo, hi = V.axis_domain([14, 200], "linear")
    assert lo == 0 and hi > 200
    with pytest.raises(ValueError):
        V.axis_domain([], "log")
    with pytest.raises(ValueError):
        V.axis_domain([1], "sqrt")


# ----------------------------------------------------------------- marks on a value axis


def test_every_numeric_count_is_one_mark_drawn_as_its_words_say(figures, candidates):
    marks = V.figure_marks(figures, candidates)
    counted = figures[
        (figures["unit"] == "persons")
        & (figures["value_low"].notna() | figures["value_high"].notna())
    ]
    assert sorted(marks["figure_id"]) == sorted(counted["figure_id"])
    assert list(marks.columns) == V.MARK_COLUMNS
    expected_kind = {
        "exact": "point",
        "about": "point",
        "range": "range",
        "at_least": "ray_right",
        "more_than": "ray_right",
        "at_most": "ray_left",
        "less_than": "ray_left",
    }
    by_id = figures.set_index("figure_id")
    for m in marks.itertuples():
        assert m.mark == expected_kind[m.bound], m.figure_id
        source = by_id.loc[m.figure_id]
        own = source["value_low"] if not math.isnan(source["value_low"]) else source["value_high"]
        assert m.x == own, m.figure_id  # the figure's own number, never a sum
        if m.mark == "range":
            assert m.x2 == source["value_high"]
        elif m.mark == "ray_right":
            assert m.x2 == m.axis_max > m.x
        elif m.mark == "ray_left":
            assert m.x2 == m.axis_min < m.x
        else:
            assert math.isnan(m.x2)
        assert m.axis_min < m.x < m.axis_max
        assert m.quote and m.passage_id and m.reported_by


def test_the_about_range_is_approximate_and_exact_counts_are_not(figures, candidates):
    marks = V.figure_marks(figures, candidates, source_id="rogovin-emigrants").set_index(
        "figure_id"
    )
    hungarians = marks.loc["r-hungarians-ussr"]
    assert hungarians["approximate"] and hungarians["mark"] == "range"
    assert hungarians["stated"] == "≈ 25,000–30,000"
    assert hungarians["qualifier_text"] == "about (a range)"
    assert not marks.loc["r-bulgarian-communists-perished", "approximate"]
    assert marks.loc["r-bulgarian-emigrants", "stated"] == "> 3,000"
    assert marks.loc["r-sed-prominent-kpd-perished", "stated"] == "≥ 242"


def test_marks_of_one_period(figures, candidates):
    kirov = V.figure_marks(
        figures, candidates, source_id="crimes-1937", period="after Kirov's murder", scale="linear"
    )
    assert set(kirov["period"]) == {"after Kirov's murder"}
    assert set(kirov["source_id"]) == {"crimes-1937"}
    assert "ray_right" in set(kirov["mark"])
    assert kirov["order"].is_monotonic_increasing
    assert kirov["axis_min"].iloc[0] == 0


# ----------------------------------------------------------------- shares


def test_shares_keep_the_counts_and_never_multiply_out(figures):
    shares = V.shares_table(figures).set_index("figure_id")
    assert shares.loc["r-hungarian-first-cc-killed", "stated"] == "10 of 16"
    assert shares.loc["r-mongolia-every-tenth", "stated"] == "1 in 10"
    assert shares.loc["r-dietrich-70-percent", "stated"] == "> 70 %"
    assert shares.loc["r-dietrich-70-percent", "open_end"] == "right"
    bulgarians = shares.loc["r-bulgarian-emigrants-persecuted"]
    assert (bulgarians["numerator"], bulgarians["denominator"]) == (1, 3)  # never 1,000 persons
    assert "> 3,000" in bulgarians["base_stated"]
    assert bulgarians["count_label"] == "1 in 3 of > 3,000"
    assert shares.loc["r-dietrich-leningrad-remaining", "count_label"] == "12 of 103"
    by_id = figures.set_index("figure_id")
    for fid, s in shares.iterrows():
        assert s["proportion"] == pytest.approx(s["numerator"] / s["denominator"])
        assert 0 < s["proportion"] <= 1
        assert s["numerator"] == by_id.loc[fid, "value_low"]
        assert s["quote"] and s["reported_by"]


def test_the_destroyed_panel_holds_the_k_of_n_killed(figures):
    shares = V.shares_table(figures)
    destroyed = shares[shares["panel"] == "destroyed"]
    assert set(destroyed["figure_id"]) == {
        "r-hungarian-first-cc-killed",
        "r-hungarian-commissars-killed",
        "r-mongolia-politburo-killed",
    }
    assert (destroyed["measure"].isin(V.DEATH_MEASURES)).all()
    remaining = shares.set_index("figure_id").loc["r-dietrich-leningrad-remaining"]
    assert remaining["panel"] == "share" and remaining["measure"] == "remaining"


def test_committed_shares_table_is_the_view_of_the_committed_figures(figures):
    committed = pd.read_csv(
        paths.DERIVED / "emigrant_shares.csv", dtype=str, keep_default_na=False
    ).set_index("figure_id")
    fresh = V.shares_table(figures).set_index("figure_id")
    assert list(committed.index) == list(fresh.index)
    assert list(committed["stated"]) == list(fresh["stated"])


# ----------------------------------------------------------------- reporters and sequences


def test_every_figure_has_a_reporter_and_a_reason_to_doubt(figures, candidates):
    table = V.reporters_table(figures, candidates)
    assert len(table) == len(figures)
    assert (table["reported_by"].str.strip() != "").all()
    assert (table["uncertainty"].str.strip() != "").all()
    carried = table[table["attribution"] == V.ATTRIBUTION_TEXT["carried_over"]]
    for r in carried.itertuples():
        assert r.attribution_passage_id in r.uncertainty
    second = V.reporters_table(figures, candidates, second_hand_only=True)
    assert len(second) == (figures["report_kind"] != "author").sum()
    full = V.full_table(figures, candidates)
    assert (full["uncertainty"].str.strip() != "").all()
    assert (full["reported_by"].str.strip() != "").all()


def test_reporter_units_place_each_figure_once(figures):
    units = V.reporter_units(figures)
    assert sorted(units["figure_id"]) == sorted(figures["figure_id"])
    assert not units.duplicated(["source_id", "report_kind", "position"]).any()


def test_dietrichs_memorandum_in_the_order_of_the_text(figures):
    seq = V.reported_sequence(figures, "Isaak Dietrich")
    assert list(seq["step"]) == list(range(1, len(seq) + 1))
    assert seq["reported_by"].str.startswith("Isaak Dietrich").all()
    assert seq.iloc[0]["figure_id"] == "r-dietrich-registered-arrested"
    ids = list(seq["figure_id"])
    assert ids.index("r-dietrich-leningrad-group") < ids.index("r-dietrich-leningrad-remaining")
    with pytest.raises(KeyError):
        V.reported_sequence(figures, "Nobody")


def test_base_and_part(figures):
    pair = V.base_and_part(figures, "r-dietrich-leningrad-remaining")
    assert list(pair["role"]) == ["whole", "part"]
    assert list(pair["value"]) == [103, 12]
    assert list(pair["stated"]) == ["103", "12 of 103"]
    with pytest.raises(KeyError):
        V.base_and_part(figures, "r-yugoslav-communists-arrested")


def test_key_figures_one_per_group_by_the_stated_rule(figures):
    keys = V.key_figures(figures)
    emigrant = figures[figures["source_id"] == "rogovin-emigrants"]
    assert list(keys["country"]) == list(dict.fromkeys(emigrant["country"]))
    by_id = figures.set_index("figure_id")
    for k in keys.itertuples():
        assert by_id.loc[k.figure_id, "country"] == k.country
        group = emigrant[emigrant["country"] == k.country]
        numeric_victims = group[
            ~group["measure"].isin(V.NOT_REPRESSION)
            & (group["value_low"].notna() | group["value_high"].notna())
        ]
        if len(numeric_victims):
            first = numeric_victims.sort_values("start", key=pd.to_numeric).iloc[0]
            assert k.figure_id == first["figure_id"], k.country
    keyed = keys.set_index("country")["figure_id"]
    assert keyed["Germany"] == "r-dietrich-registered-arrested"
    assert keyed["Mongolia"] == "r-mongolia-every-tenth"


def test_every_quote_can_be_shown_as_an_excerpt(figures):
    for r in figures.itertuples():
        assert excerpt_text(r.passage_id, r.quote) == r.quote


# ----------------------------------------------------------------- audit and HTML


def test_candidate_audit_counts_every_candidate_once(candidates):
    audit = V.candidate_audit(candidates)
    assert audit["candidates"].sum() == len(candidates)
    assert "undecided" not in set(audit["decision"])
    reasons = V.not_figure_reasons(candidates)
    assert reasons["candidates"].sum() == (candidates["decision"] == "not_figure").sum()
    assert set(reasons["reason_code"]) <= set(REASON_CODES)


def test_restatements_of_the_kirov_figures(candidates):
    rep = V.restatements(candidates, ["c-kirov-white-guards-executed"])
    assert len(rep) >= 1 and set(rep["figure_id"]) == {"c-kirov-white-guards-executed"}


def test_table_html_escapes_and_links_passage_ids():
    df = pd.DataFrame({"Passage": ["rogovin-emigrants:p2", "<b>"], "Quote": ["a & b", "x"]})
    markup = V.table_html(df, passage_columns=["Passage"], min_width=900)
    assert "min-width:900px" in markup
    assert 'href="../book/sources/rogovin-emigrants.html#rogovin-emigrants:p2"' in markup
    assert "a &amp; b" in markup and "&lt;b&gt;" in markup and "<b>" not in markup


# ----------------------------------------------------------------- charts


def _layers(spec: dict) -> list[dict]:
    return spec.get("spec", spec)["layer"]


def test_value_chart_draws_every_mark_kind_on_one_axis(figures, candidates):
    marks = V.figure_marks(figures, candidates, source_id="rogovin-emigrants")
    spec = V.value_chart(marks, "country", "Community").to_dict()
    assert spec["facet"]["row"]["field"] == "measure_label"
    layers = _layers(spec)
    assert len(layers) == 9  # range, ray, two arrowheads, filled, hollow, about, two labels
    filters = " ".join(str(layer.get("transform", "")) for layer in layers)
    for kind in ("range", "ray_right", "ray_left", "more_than", "approximate"):
        assert kind in filters
    x = layers[0]["encoding"]["x"]
    assert x["scale"]["type"] == "log"
    assert x["scale"]["domain"] == [marks["axis_min"].iloc[0], marks["axis_max"].iloc[0]]
    assert layers[0]["encoding"]["color"]["field"] == "country"
    assert {t["field"] for t in layers[0]["encoding"]["tooltip"]} >= {"quote", "passage_id"}


def test_value_chart_without_facets_on_a_linear_axis(figures, candidates):
    period = "after Kirov's murder"
    marks = V.figure_marks(figures, candidates, "crimes-1937", period=period, scale="linear")
    spec = V.value_chart(
        marks, "reported_by", "Reported by", y="passage_id", scale="linear", facet=False
    )
    spec = spec.to_dict()
    assert "facet" not in spec
    assert spec["layer"][0]["encoding"]["y"]["field"] == "passage_id"
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "linear"


def test_describe_marks_names_every_mark(figures, candidates):
    marks = V.figure_marks(figures, candidates, source_id="crimes-1937")
    text = V.describe_marks(marks)
    assert text.count("; ") == len(marks) - 1
    for r in marks.itertuples():
        assert f"{r.group} ({r.country}), {r.stated} ({r.qualifier_text})" in text


def test_share_chart_fills_the_stated_share_of_a_grey_whole():
    shares = pd.read_csv(paths.DERIVED / "emigrant_shares.csv", keep_default_na=False)
    spec = V.share_chart(shares).to_dict()
    layers = spec["layer"]
    assert layers[0]["mark"]["color"] == "#e6e6e6"  # the whole
    assert layers[1]["encoding"]["x2"]["field"] == "proportion"
    assert "open_end" in str(layers[2]["transform"])
    text = V.describe_shares(shares)
    for r in shares.itertuples():
        assert r.count_label in text


def test_the_audit_tables_are_the_views_of_the_candidates(candidates):
    from companion import data

    audit = data.load("figure_candidate_audit")
    pd.testing.assert_frame_equal(audit, V.candidate_audit(candidates), check_dtype=False)
    assert audit["candidates"].sum() == len(candidates)
    reasons = data.load("figure_not_figure_reasons")
    pd.testing.assert_frame_equal(reasons, V.not_figure_reasons(candidates), check_dtype=False)
    assert reasons["candidates"].sum() == (candidates["decision"] == "not_figure").sum()
