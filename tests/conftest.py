import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.utils import timezone

from core.models import Office


@pytest.fixture(autouse=True)
def isolated_media_and_cache(settings, tmp_path):
    """Each test uploads into its own folder and starts with an empty cache.

    Static files come from the source folders (no collectstatic before tests).
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "documents", "base_url": None},
        },
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "pages")
    }
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, whatever the last request activated
    (a request to /ru/ leaves Russian active in the thread, and the translated fields
    read and query the active language's columns)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def plain_http():
    """The test client and the live server speak plain HTTP, as `DJANGO_SSL_REDIRECT=0`
    configures the site (tests/security/ checks the HTTPS defaults themselves).

    Session-wide, so that it is in force before the live server builds its middleware.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
    ):
        yield


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def office(db):
    return Office.objects.create(
        name="International Exchange & Cooperation Office",
        university="Binzhou University",
        address="Huanghe Road, Binzhou City, Shandong 256600, P.R. China",
        telephone="+86-543-3194976",
        email="intl@example.edu",
    )


STAFF_PASSWORD = "correct horse battery staple"


TRANSLATED_FIELDS = {
    "title", "slug", "summary", "body", "cover_alt",  # news releases
    "name", "city", "description", "strengths", "programmes",  # partners
    "university", "address",  # the office
}  # fmt: skip


def in_default_language(form_data):
    """Admin form data with each translated field under its default-language column.

    The admin edits `title` as title_en, title_zh_hans and title_ru; tests write the
    English one (inline rows too: agreements-0-programmes -> ...-programmes_en).
    """
    translated = {}
    for key, value in form_data.items():
        field = key.rpartition("-")[2]
        if field in TRANSLATED_FIELDS:
            key = f"{key}_en"
        translated[key] = value
    return translated


def make_staff_user(django_user_model, username, *permission_codenames):
    user = django_user_model.objects.create_user(
        username=username, password=STAFF_PASSWORD, is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(codename__in=permission_codenames))
    return user


def make_group_member(django_user_model, username, group_name):
    """A staff user whose only permissions come from a group made by migrations."""
    user = make_staff_user(django_user_model, username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff_user(django_user_model):
    """A staff member who may edit the office's details and nothing else."""
    return make_staff_user(django_user_model, "staff", "view_office", "change_office")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def news_editor(django_user_model):
    """A member of the "News editors" group, as migrations made it."""
    return make_group_member(django_user_model, "editor", "News editors")


@pytest.fixture
def news_editor_client(client, news_editor):
    client.force_login(news_editor)
    return client


@pytest.fixture
def partner_manager(django_user_model):
    """A member of the "Partner managers" group, as migrations made it."""
    return make_group_member(django_user_model, "manager", "Partner managers")


@pytest.fixture
def partner_manager_client(client, partner_manager):
    client.force_login(partner_manager)
    return client


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    host = settings.DATABASES["default"].get("HOST") or "local file"
    return f"database: {engine} ({host})"


@pytest.fixture(scope="session")
def s3_server():
    """One S3-compatible server (moto) for the session; each test gets its own bucket."""
    from tests.objectstorage import MOTO_SERVER, S3Server, require

    require(MOTO_SERVER, "moto_server (pip install moto[server])")
    server = S3Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """Media, documents and pending imports in a new bucket of the S3 server."""
    from tests.objectstorage import close_storage_connections, use_bucket

    name = s3_server.new_bucket()
    use_bucket(settings, monkeypatch, s3_server.endpoint, name)
    yield name
    close_storage_connections()


@pytest.fixture
def redis_server(tmp_path):
    """A Redis server of this test's own, which it may stop and start again."""
    from tests.objectstorage import REDIS_SERVER, RedisServer, require

    require(REDIS_SERVER, "redis-server (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
