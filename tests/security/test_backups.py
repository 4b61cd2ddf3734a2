"""Backups: `dumpdata` of the whole content, Unicode included, loads into an empty
database and dumps back identical; migrations apply to an empty database and reverse
cleanly. On SQLite, and on PostgreSQL in the PostgreSQL pass."""

import json
import re

from tests.server import Site, fresh_database, site_environment

CONTENT = """
from datetime import timedelta
from django.contrib.auth.models import Group, User
from django.utils import timezone
from core.models import Office
from news.models import NewsRelease
from partners.models import Agreement, Institution, Ranking, RankingSystem

Office.objects.update(name="国际交流合作处", university="滨州学院", address="黄河五路 391号")
editor = User.objects.create_user("闫倩倩", password="correct horse battery staple",
    is_staff=True, first_name="倩倩", last_name="闫")
editor.groups.add(Group.objects.get(name="News editors"))
institution = Institution.objects.create(
    name="Иркутский национальный исследовательский технический университет",
    other_names="Irkutsk National Research Technical University\\n伊尔库茨克国立技术大学",
    slug="иркутский-технический", city="Иркутск", country="RU", founded_year=1930,
    description="<p>Технический <strong>университет</strong> 🎓</p>", strengths="Авиация")
Ranking.objects.create(institution=institution, system=RankingSystem.objects.first(),
    year=2024, rank_from=301, rank_to=350)
Agreement.objects.create(institution=institution, kind="memorandum",
    signed_on=timezone.localdate() - timedelta(days=400), programmes="Материаловедение")
release = NewsRelease.objects.create(
    title="滨州学院与伊尔库茨克签署备忘录 — Меморандум 🤝 مذكرة تفاهم \\u200b{{ x }}",
    author="闫倩倩", summary="Zoë's 'quoted' & <escaped> summary",
    body="<p>正文 <a href=\\"https://example.edu\\">ссылка</a></p>",
    status="published", cover="news/covers/2026/0123456789abcdef0123456789abcdef.jpg",
    created_by=editor)
release.partners.add(institution)
NewsRelease.objects.filter(pk=release.pk).update(view_count=4242)
NewsRelease.objects.create(title="Черновик", body="<p>draft</p>", status="draft")
"""
DUMP_OPTIONS = [
    "--natural-foreign", "--natural-primary", "--indent", "1",
    # Remade by `migrate` in the target database; sessions are not content.
    "-e", "contenttypes", "-e", "auth.permission", "-e", "sessions",
]  # fmt: skip


def database_site(database_url, folder):
    folder.mkdir(exist_ok=True)
    return Site("", site_environment(database_url, folder))


# Django's serializer keeps milliseconds and writes ".000" for a time with a
# few microseconds but nothing for a whole second, so one instant can be
# written two ways once the microseconds are gone after a restore.
WHOLE_SECOND = re.compile(r'(T\d\d:\d\d:\d\d)\.000(?=Z|[+-]\d\d:\d\d")')


def dump(site, path):
    site.manage("dumpdata", *DUMP_OPTIONS, "--output", str(path))
    text = WHOLE_SECOND.sub(r"\1", path.read_text(encoding="utf-8"))
    return sorted(
        json.loads(text),
        key=lambda entry: (entry["model"], json.dumps(entry, sort_keys=True)),
    )


def test_a_dump_of_the_whole_content_loads_into_an_empty_database_without_loss(tmp_path):
    with (
        fresh_database(tmp_path / "source") as source_url,
        fresh_database(tmp_path / "target") as target_url,
    ):
        source = database_site(source_url, tmp_path / "source")
        source.manage("migrate", "--noinput", "-v", "0")
        source.manage("load_demo")
        source.shell(CONTENT)
        backup = dump(source, tmp_path / "backup.json")

        target = database_site(target_url, tmp_path / "target")
        target.manage("migrate", "--noinput", "-v", "0")
        target.manage("loaddata", str(tmp_path / "backup.json"))
        restored = dump(target, tmp_path / "restored.json")

    assert restored == backup
    models = {entry["model"] for entry in backup}
    assert {"news.newsrelease", "partners.institution", "auth.user", "core.office"} <= models
    release = next(
        e for e in backup if e["model"] == "news.newsrelease" and e["fields"]["view_count"] == 4242
    )
    assert release["fields"]["title"].startswith("滨州学院与伊尔库茨克签署备忘录 — Меморандум 🤝")


def test_migrations_apply_to_an_empty_database_reverse_cleanly_and_apply_again(tmp_path):
    with fresh_database(tmp_path) as database_url:
        site = database_site(database_url, tmp_path)
        site.manage("migrate", "--noinput", "-v", "0")
        site.manage("load_demo")

        # news refers to partners, so it goes first.
        for app in ["news", "partners", "core", "intloffice", "axes"]:
            site.manage("migrate", app, "zero", "--noinput", "-v", "0")
        unapplied = site.manage("showmigrations", "news", "partners", "core", "intloffice", "axes")
        assert "[X]" not in unapplied

        site.manage("migrate", "--noinput", "-v", "0")
        site.manage("load_demo")
        plan = site.manage("showmigrations", "--plan")
        assert "[ ]" not in plan
        assert site.manage("makemigrations", "--check", "--dry-run", "-v", "0") == ""
