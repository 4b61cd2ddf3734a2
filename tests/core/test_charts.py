"""The chart geometry of core.charts: days without figures are drawn as 0, the scale
ends on a round number above the highest bar, and a year is drawn a week a bar."""

from datetime import date

from core.charts import Series, axis, day_series, days_between, sparkline, stacked_bars


def test_days_without_figures_are_zero_and_every_day_is_there():
    days = days_between(date(2026, 2, 27), date(2026, 3, 2))
    assert days == [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2)]
    figures = {(date(2026, 2, 28), "a"): 3, (date(2026, 3, 2), "b"): 1}
    assert day_series(days, figures, ["a", "b"]) == {"a": [0, 3, 0, 0], "b": [0, 0, 0, 1]}


def test_the_scale_ends_on_a_round_number_at_or_above_the_highest_figure():
    assert axis(0) == (1, [0, 1])
    assert axis(3) == (3, [0, 1, 2, 3])
    assert axis(17) == (20, [0, 5, 10, 15, 20])
    assert axis(1030) == (1500, [0, 500, 1000, 1500])


def test_bars_stack_their_series_and_a_year_is_drawn_a_week_a_bar():
    days = days_between(date(2025, 1, 1), date(2025, 12, 31))
    series = [Series("a", "A", [1] * 365), Series("b", "B", [2] * 365)]
    chart = stacked_bars("c", days, series, title="t")
    assert chart["weekly"] and len(chart["buckets"]) == 53
    assert chart["buckets"][0].figures == [1, 2]  # the oldest week: one day
    assert chart["buckets"][-1].figures == [7, 14]
    (first, *_), (second, *_) = chart["buckets"][-1].segments
    assert (first.key, second.key) == ("a", "b")
    assert len(chart["rows"]) == 365 and chart["totals"] == [365, 730]
    assert [label for _x, label in chart["x_ticks"]][:2] == ["Jan", "Feb"]


def test_a_sparkline_has_a_bar_for_each_day_with_views():
    spark = sparkline([0, 5, 10], label="15 views", width=30, height=12)
    heights = [height for _x, _y, height in spark["bars"]]
    assert heights == [0, 5, 10]
