"""Readership in the admin: views per day and language of the whole site or of one
release over a chosen period, the most read releases of that period, the same
figures as CSV, and a sparkline of the last 30 days in the list of releases."""

import csv
from datetime import timedelta

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.charts import Series, day_series, days_between, sparkline, stacked_bars
from core.languages import content_languages, language_name

from .models import NewsRelease
from .models.readership import LANGUAGE_NOT_RECORDED
from .readership import most_read_ids, views_per_day_and_language, views_per_day_of

PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 30
SPARKLINE_DAYS = 30
SPARKLINE_WIDTH, SPARKLINE_HEIGHT = 48, 16
MOST_READ_ROWS = 20
# A spreadsheet runs a cell starting with one of these as a formula: such a title
# is written with a leading apostrophe, which shows it as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def period_of(request):
    """The number of days asked for in ?days=, or the default for anything else."""
    asked = request.GET.get("days", "")
    return int(asked) if asked in {str(days) for days in PERIODS} else DEFAULT_PERIOD


def days_of(period):
    """The days of the period, ending today in the office's time zone."""
    today = timezone.localdate()
    return days_between(today - timedelta(days=period - 1), today)


def language_series(days, figures):
    """A series a content language, then the views counted before figures were kept
    per language, in the order the chart stacks them."""
    keys = [*content_languages(), LANGUAGE_NOT_RECORDED]
    values = day_series(days, figures, keys)
    return [Series(key, language_label(key), values[key]) for key in keys]


def language_label(key):
    return language_name(key) if key != LANGUAGE_NOT_RECORDED else gettext("Not recorded")


def safe_cell(text):
    return f"'{text}" if str(text).startswith(FORMULA_STARTS) else text


def url_name(opts, action):
    return f"{opts.app_label}_{opts.model_name}_{action}"


class ReadershipChangeList(ChangeList):
    """The list of releases, each row with its views of the last days, read for the
    whole page in one query."""

    def get_results(self, request):
        super().get_results(request)
        days = days_of(SPARKLINE_DAYS)
        figures = views_per_day_of([release.pk for release in self.result_list], days[0], days[-1])
        for release in self.result_list:
            per_day = figures.get(release.pk, {})
            release.recent_views = [per_day.get(day, 0) for day in days]


class ReadershipAdminMixin:
    """For the release's ModelAdmin: the readership pages, its URLs and its column."""

    def get_urls(self):
        view = self.admin_site.admin_view
        own = [
            path("readership/", view(self.readership_view), name=url_name(self.opts, "readership")),
            path(
                "readership.csv",
                view(self.readership_csv),
                name=url_name(self.opts, "readership_csv"),
            ),
            path(
                "<path:object_id>/readership/",
                view(self.readership_view),
                name=url_name(self.opts, "release_readership"),
            ),
            path(
                "<path:object_id>/readership.csv",
                view(self.readership_csv),
                name=url_name(self.opts, "release_readership_csv"),
            ),
        ]
        return own + super().get_urls()

    def get_changelist(self, request, **kwargs):
        return ReadershipChangeList

    @admin.display(description=_("views"), ordering="view_count")
    def views(self, release):
        """The release's total and, under it, a sparkline of its last 30 days that
        leads to its readership page (one column: the list has no room for two)."""
        views = getattr(release, "recent_views", None)
        if views is None:  # a list made without ReadershipChangeList
            return release.view_count
        recent = sum(views)
        label = ngettext(
            "%(count)d view in the last 30 days", "%(count)d views in the last 30 days", recent
        ) % {"count": recent}
        name = url_name(self.opts, "release_readership")
        url = reverse(f"admin:{name}", args=[quote(release.pk)])
        spark = sparkline(views, label=label, width=SPARKLINE_WIDTH, height=SPARKLINE_HEIGHT)
        chart = render_to_string("charts/sparkline.html", {"spark": spark})
        return format_html(
            '<span class="views-total">{}</span><a class="readership-spark" href="{}">{}</a>',
            release.view_count,
            url,
            chart,
        )

    def readership_release(self, request, object_id):
        """The release of a readership page, or None for the whole site; 404 for an
        unknown one, 403 for a user who may not view releases."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if object_id is None:
            return None
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404
        return release

    def readership_figures(self, release, period):
        days = days_of(period)
        figures = views_per_day_and_language(
            days[0], days[-1], release_id=None if release is None else release.pk
        )
        return days, language_series(days, figures)

    def readership_view(self, request, object_id=None):
        release = self.readership_release(request, object_id)
        period = period_of(request)
        days, series = self.readership_figures(release, period)
        if release is None:
            title = gettext("Readership of the news")
        else:
            title = gettext("Readership of “%(title)s”") % {"title": release.title}
        total = sum(one.total for one in series)
        summary = ngettext(
            "%(count)d view in the last %(days)d days",
            "%(count)d views in the last %(days)d days",
            total,
        ) % {"count": total, "days": period}
        by_language = "; ".join(f"{one.label}: {one.total}" for one in series)
        chart = stacked_bars(
            "readership-chart",
            days,
            series,
            title=f"{gettext('Views per day')}: {summary}",
            description=by_language,
        )
        csv_name = "release_readership_csv" if release else "readership_csv"
        csv_args = [quote(release.pk)] if release else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": summary,
            "release": release,
            "period": period,
            "periods": PERIODS,
            "chart": chart,
            "summary": summary,
            "csv_url": reverse(f"admin:{url_name(self.opts, csv_name)}", args=csv_args),
            "most_read": None if release else self.most_read(days),
        }
        return TemplateResponse(request, "admin/news/newsrelease/readership.html", context)

    def most_read(self, days):
        """The most read releases of the days, with their views in them."""
        ranked = most_read_ids(days[0], days[-1], MOST_READ_ROWS)
        releases = NewsRelease.objects.only("pk", "title", "status", "release_time").in_bulk(
            [pk for pk, _views in ranked]
        )
        return [(releases[pk], views) for pk, views in ranked if pk in releases]

    def readership_csv(self, request, object_id=None):
        """The figures of the readership page as CSV: a row a day, a column a language
        and the total. UTF-8 with a byte order mark, without which Excel reads it in
        the computer's legacy code page and garbles Chinese and Russian."""
        release = self.readership_release(request, object_id)
        period = period_of(request)
        days, series = self.readership_figures(release, period)
        about = "site" if release is None else f"release-{release.pk}"
        filename = f"readership-{about}-{period}-days-{days[-1].isoformat()}.csv"
        response = HttpResponse(
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
        response.write("\ufeff")
        writer = csv.writer(response)
        heading = [gettext("Day"), *(one.label for one in series), gettext("Total")]
        if release is not None:
            heading.insert(0, gettext("Release"))
        writer.writerow(heading)
        for index, day in enumerate(days):
            figures = [one.values[index] for one in series]
            row = [day.isoformat(), *figures, sum(figures)]
            if release is not None:
                row.insert(0, safe_cell(release.title))
            writer.writerow(row)
        return response
