import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from core.models import Office

pytestmark = pytest.mark.django_db


def test_load_demo_twice_creates_nothing_twice():
    call_command("load_demo")
    call_command("load_demo")
    assert Office.objects.count() == 1
    assert "Huanghe Road" in Office.current().address


def test_ensure_admin_prints_a_generated_password_once(capsys, monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    call_command("ensure_admin")
    first = capsys.readouterr().out
    password = first.split("with password ")[1].split()[0]
    assert len(password) >= 12
    assert authenticate(username="admin", password=password) is not None

    call_command("ensure_admin")
    second = capsys.readouterr().out
    assert password not in second
    assert "'admin'" in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_ensure_admin_takes_the_password_from_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long chosen passphrase 42")
    call_command("ensure_admin")
    assert "a long chosen passphrase 42" not in capsys.readouterr().out
    assert authenticate(username="admin", password="a long chosen passphrase 42") is not None


def test_generated_passwords_differ_between_installations(monkeypatch, capsys):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    call_command("ensure_admin")
    first = capsys.readouterr().out.split("with password ")[1].split()[0]
    get_user_model().objects.all().delete()
    call_command("ensure_admin")
    second = capsys.readouterr().out.split("with password ")[1].split()[0]
    assert first != second
