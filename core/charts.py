"""Charts drawn on the server as SVG: figures per day, stacked by series, and sparklines.

No script and no style attribute: the pages keep a strict Content-Security-Policy,
so shapes carry SVG presentation attributes (fill, stroke) that a stylesheet may
still override by class (dark mode, say). Series differ by pattern as well as by
colour (solid, stripes, dots, cross-hatching), so a chart reads in grey too.

The geometry is computed here, in plain numbers; the templates in templates/charts/
only write it out. Nothing here knows what is being counted.
"""

import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.formats import date_format

# The marks given to series in order: a fill pattern id suffix and its colour.
MARKS = [
    ("solid", "#1f5a96"),
    ("stripes", "#b3541e"),
    ("dots", "#2e7d32"),
    ("cross", "#6b6b6b"),
]
# Wider than this many days, a bar stands for a week: a day would be thinner than
# the patterns that tell the series apart.
MOST_DAY_BARS = 92
WIDTH, HEIGHT = 800, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 12, 12, 30
Y_TICKS = 4


def days_between(first, last):
    """Every day from `first` to `last`, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def day_series(days, figures, keys):
    """{key: [figure of each day]} from {(day, key): figure}: 0 on days without one."""
    return {key: [figures.get((day, key), 0) for day in days] for key in keys}


def round_step(value):
    """The smallest of 1, 2 and 5 times a power of ten that is at least `value`, and
    at least 1: the axis counts whole views."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def axis(highest, count=Y_TICKS):
    """The top of the scale and its ticks for figures up to `highest`: at most
    count + 1 round values from 0, the top one at or above `highest`."""
    step = round_step(highest / count)
    top = step * max(1, math.ceil(highest / step))
    return top, list(range(0, top + 1, step))


@dataclass
class Series:
    key: str
    label: str
    values: list
    mark: str = ""
    colour: str = ""

    @property
    def total(self):
        return sum(self.values)


@dataclass
class Bucket:
    """One bar: a day, or a week of days."""

    first: object
    last: object
    figures: list  # one a series, in the series' order
    x: float = 0
    width: float = 0
    segments: list = field(default_factory=list)  # (series, value, y, height)

    @property
    def total(self):
        return sum(self.figures)


def buckets_of(days, series):
    """The bars for `days`: one a day, or one a week (counted back from the last day,
    so that only the oldest may be short) when a day's bar would be too thin."""
    size = 1 if len(days) <= MOST_DAY_BARS else 7
    buckets = []
    end = len(days)
    while end > 0:
        start = max(0, end - size)
        figures = [sum(one.values[start:end]) for one in series]
        buckets.append(Bucket(days[start], days[end - 1], figures))
        end = start
    buckets.reverse()
    return buckets, size


def x_ticks(days):
    """Which days carry a label under the axis, and the label: every day of a week,
    Mondays of a month, the 1st of each month of a quarter or a year (a quarter's 15ths
    too left "1 September 15 September" touching)."""
    if len(days) <= 7:
        chosen = days
    elif len(days) <= 31:
        chosen = [day for day in days if day.weekday() == 0]
    else:
        chosen = [day for day in days if day.day == 1]
    label_format = "MONTH_DAY_FORMAT" if len(days) <= MOST_DAY_BARS else "M"
    return [(day, date_format(day, label_format)) for day in chosen]


def stacked_bars(chart_id, days, series, *, title, description=""):
    """What templates/charts/stacked_bars.html draws: a bar a day (or a week), its
    series stacked in their given order from the axis up, with round ticks.

    `series` are Series with one value a day of `days`; each gets the next mark.
    `title` names the chart for assistive technology: say what it shows and the
    totals, as the picture itself cannot be read out.
    """
    for one, (mark, colour) in zip(series, MARKS, strict=False):
        one.mark, one.colour = mark, colour
    buckets, size = buckets_of(days, series)
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    top, ticks = axis(max((bucket.total for bucket in buckets), default=0))
    baseline = MARGIN_TOP + plot_height
    step = plot_width / max(len(buckets), 1)
    gap = min(step * 0.2, 4) if step >= 4 else 0
    for index, bucket in enumerate(buckets):
        bucket.x = round(MARGIN_LEFT + index * step + gap / 2, 2)
        bucket.width = round(step - gap, 2)
        y = baseline
        for one, value in zip(series, bucket.figures, strict=True):
            height = plot_height * value / top
            y -= height
            if value:
                bucket.segments.append((one, value, round(y, 2), round(height, 2)))
    index_of_day = {day: index for index, day in enumerate(days)}
    ticks_x = [
        (round(MARGIN_LEFT + (index_of_day[day] // size + 0.5) * step, 2), label)
        for day, label in x_ticks(days)
    ]
    ticks_y = [(round(baseline - plot_height * value / top, 2), value) for value in ticks]
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": HEIGHT,
        "left": MARGIN_LEFT,
        "right": WIDTH - MARGIN_RIGHT,
        "baseline": baseline,
        "label_y": baseline + MARGIN_BOTTOM - 8,
        "series": series,
        "buckets": buckets,
        "weekly": size > 1,
        "x_ticks": ticks_x,
        "y_ticks": ticks_y,
        "rows": [
            (day, [one.values[index] for one in series], sum(one.values[index] for one in series))
            for index, day in enumerate(days)
        ],
        "totals": [one.total for one in series],
        "total": sum(one.total for one in series),
    }


def sparkline(values, *, label, width=60, height=20):
    """What templates/charts/sparkline.html draws: a small bar a value, the highest
    at full height; a bar of at least a pixel marks a day with any view at all, and
    a day without one keeps a hairline on the axis so that the days stay countable."""
    top = max(values, default=0) or 1
    step = width / max(len(values), 1)
    bars = []
    for index, value in enumerate(values):
        bar = max(1.0, (height - 2) * value / top) if value else 0
        bars.append((round(index * step, 2), round(height - bar, 2), round(bar, 2)))
    return {
        "width": width,
        "height": height,
        # A gap between bars while there is room for one.
        "bar_width": round(step * 0.75 if step < 3 else step - 1, 2),
        "bars": bars,
        "label": label,
    }
