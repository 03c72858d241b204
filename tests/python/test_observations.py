"""Observations in (lists, numpy, pandas, CSV) and out (frames)."""

import datetime as dt
import gzip
import math

import pytest

import goals
from conftest import FYP_CSV, small_plan_xml


@pytest.fixture
def small():
    return goals.loads(small_plan_xml())


def values_of(plan, measure):
    return [(str(o.period), o.value) for o in plan.measures[measure].observations]


def test_lists_in_one_call(small):
    small.add_observations("gdp", ["2021", "2022", "2023"], [110, 125.5, 140])
    assert values_of(small, "gdp") == [("2021", 110.0), ("2022", 125.5), ("2023", 140.0)]
    assert small.observation_count == 3


def test_period_forms(small):
    small.add_observations(small.measures["gdp"], [2019, "2020-Q1", dt.date(2020, 5, 17), goals.Period("2020-07")],
                           [1, 2, 3, 4])
    # kept in period order: by last day, then first day
    assert values_of(small, "gdp") == [("2019", 1.0), ("2020-Q1", 2.0), ("2020-05-17", 3.0), ("2020-07", 4.0)]


def test_numpy_arrays(small):
    np = pytest.importorskip("numpy")
    periods = np.array([2021, 2022, 2023, 2024])
    small.add_observations("gdp", periods, np.array([1.5, 2.5, 3.5, 4.5]))
    small.add_observations("share", ["2021", "2022"], np.array([60, 70], dtype=np.int32))   # ints convert
    small.add_observations("share", ["2023"], np.array([[80.0]])[:, 0])                   # a strided view
    assert values_of(small, "gdp")[-1] == ("2024", 4.5)
    assert values_of(small, "share") == [("2021", 60.0), ("2022", 70.0), ("2023", 80.0)]


def test_large_numpy_call(small):
    np = pytest.importorskip("numpy")
    days = [dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(20000)]
    values = np.linspace(0, 1, len(days))
    small.add_observations("gdp", days, values)
    obs = small.measures["gdp"].observations
    assert len(obs) == 20000 and obs[-1].value == 1.0 and obs[0].period == goals.Period("2000-01-01")


def test_dataframe(small):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"measure": ["gdp", "share", "gdp", "share"],
                       "period": ["2021", "2021", "2022", "2022"],
                       "value": [110.0, 55.0, 120.0, 56.0],
                       "source": ["NBS", None, "NBS", float("nan")]})
    small.add_observations(df)
    assert values_of(small, "gdp") == [("2021", 110.0), ("2022", 120.0)]
    assert values_of(small, "share") == [("2021", 55.0), ("2022", 56.0)]
    assert small.measures["gdp"].observations[0].source == "NBS"
    assert small.measures["share"].observations[0].source is None


def test_mapping_of_columns(small):
    small.add_observations({"measure": ["gdp"], "period": [2021], "value": [1.0]})
    assert values_of(small, "gdp") == [("2021", 1.0)]


def test_dataframe_all_or_nothing(small):
    pd = pytest.importorskip("pandas")
    small.add_observations("share", ["2022"], [50])
    df = pd.DataFrame({"measure": ["gdp", "gdp", "share"], "period": ["2021", "2022", "2022"],
                       "value": [1.0, 2.0, 3.0]})
    with pytest.raises(goals.DuplicateError, match="share"):
        small.add_observations(df)
    assert values_of(small, "gdp") == []            # the gdp rows were not added either
    df2 = pd.DataFrame({"measure": ["gdp", "nope"], "period": ["2021", "2022"], "value": [1.0, 2.0]})
    with pytest.raises(goals.NotFoundError, match="nope"):
        small.add_observations(df2)
    assert small.observation_count == 1


def test_errors_add_nothing(small):
    with pytest.raises(goals.PeriodError, match=r"periods\[1\]"):
        small.add_observations("gdp", ["2021", "2021-Q5"], [1, 2])
    with pytest.raises(goals.RangeError):
        small.add_observations("gdp", ["2021", "2022"], [1, math.nan])
    with pytest.raises(goals.DuplicateError):
        small.add_observations("gdp", ["2021", "2021"], [1, 2])
    with pytest.raises(ValueError, match="length"):
        small.add_observations("gdp", ["2021", "2022"], [1])
    with pytest.raises(goals.NotFoundError):
        small.add_observations("nope", ["2021"], [1])
    with pytest.raises(TypeError):
        small.add_observations("gdp", ["2021"], ["x"])
    with pytest.raises(goals.PeriodError):
        small.add_observations("gdp", [2021.0], [1])
    with pytest.raises(TypeError):
        small.add_observations(42)
    assert small.observation_count == 0


def test_replace(small):
    small.add_observations("gdp", ["2021"], [1])
    with pytest.raises(goals.DuplicateError):
        small.add_observations("gdp", ["2021"], [2])
    small.add_observations("gdp", ["2021"], [2], replace=True)
    assert values_of(small, "gdp") == [("2021", 2.0)]


def test_derived_measure_refuses(full):
    with pytest.raises(goals.GoalsError):
        full.add_observations("rnd-share", ["2021"], [1.0])
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"measure": ["gdp", "rnd-share"], "period": ["2021", "2021"], "value": [1.0, 2.0]})
    with pytest.raises(goals.InvalidArgumentError, match="derived"):
        full.add_observations(df)
    assert [str(o.period) for o in full.measures["gdp"].observations] == ["2023-Q1"]


def test_other_plans_measure(small, full):
    with pytest.raises(ValueError, match="another plan"):
        small.add_observations(full.measures["gdp"], ["2021"], [1])


def test_load_observations_csv(small, tmp_path):
    csv = tmp_path / "obs.csv"
    csv.write_text("measure,period,value,source,note\ngdp,2021,110,NBS,first\nshare,2021,55,,\n")
    small.load_observations(csv)
    assert values_of(small, "gdp") == [("2021", 110.0)]
    assert small.measures["gdp"].observations[0].note == "first"
    gz = tmp_path / "obs2.csv.gz"
    gz.write_bytes(gzip.compress(b"measure,period,value\ngdp,2022,120\n"))
    small.load_observations(str(gz))
    small.load_observations(b"measure,period,value\ngdp,2023,130\n")
    with open(csv, "rb") as f:
        small.load_observations(f, replace=True)
    assert [p for p, _ in values_of(small, "gdp")] == ["2021", "2022", "2023"]


def test_load_observations_errors_have_position(small, tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("measure,period,value\ngdp,2021,110\ngdp,2022,abc\n")
    with pytest.raises(goals.GoalsError) as info:
        small.load_observations(csv)
    assert (info.value.file, info.value.line) == (str(csv), 3)
    assert info.value.column >= 1
    assert small.observation_count == 0              # all or nothing
    with pytest.raises(goals.GoalsError) as info:
        small.load_observations(b"measure,period,value\nnope,2021,1\n", name="mem.csv")
    assert (info.value.file, info.value.line) == ("mem.csv", 2)
    with pytest.raises(TypeError):
        small.load_observations(42)


def test_fyp_csv_duplicates_the_plan(fyp):
    with pytest.raises(goals.DuplicateError) as info:
        fyp.load_observations(FYP_CSV)
    assert info.value.line == 2
    before = fyp.observation_count
    fyp.load_observations(FYP_CSV, replace=True)
    assert fyp.observation_count == before


def test_observations_frame(full):
    pd = pytest.importorskip("pandas")
    df = full.observations_frame()
    assert list(df.columns) == ["measure", "period", "start", "end", "value", "text", "source", "note", "dimensions"]
    assert len(df) == 6
    assert str(df["value"].dtype) == "float64"
    assert str(df["start"].dtype).startswith("datetime64")
    row = df[(df.measure == "retail-sales") & (df.period == "2022")].iloc[0]
    assert row.value == 260.25 and row.source == "统计公报"
    assert row.end == pd.Timestamp("2022-12-31")
    female = df[df.dimensions.map(bool)]
    assert len(female) == 1 and female.iloc[0].dimensions == {"sex": "female"}
    # the frame goes back in
    plan = goals.loads(small_plan_xml())
    plan.add_observations(pd.DataFrame({"measure": ["gdp"] * 2, "period": df.period[:2],
                                        "value": df.value[:2]}))
    assert [str(o.period) for o in plan.measures["gdp"].observations] == ["2021", "2022"]
