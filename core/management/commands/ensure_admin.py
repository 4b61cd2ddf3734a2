import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists. A new account gets the password in "
        "DJANGO_SUPERUSER_PASSWORD, or a generated one that is printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default=os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        )
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username, url, **options):
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing:
            self.stdout.write(
                f"Administrator account: log in at {url} as {existing.get_username()!r} "
                f"(forgot the password? run: .venv/bin/python manage.py changepassword "
                f"{existing.get_username()})"
            )
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        if os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            shown = "the password in DJANGO_SUPERUSER_PASSWORD"
        else:
            shown = f"password {password}  (shown only this once; keep it)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Administrator account created: log in at {url} as {username!r} with {shown}"
            )
        )
