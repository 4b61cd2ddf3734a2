import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists. A new account gets the password in "
        "DJANGO_SUPERUSER_PASSWORD, or a generated one that is printed once. With "
        "--new-password, the first administrator gets a new password the same way."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default=os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        )
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")
        parser.add_argument(
            "--reset-command",
            default="manage.py ensure_admin --new-password",
            help="The command printed for a forgotten password (`make run` prints its own).",
        )
        parser.add_argument(
            "--new-password",
            action="store_true",
            help="Give the existing administrator a new password, printed once.",
        )

    def handle(self, *args, username, url, reset_command, new_password, **options):
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if new_password:
            if existing is None:
                raise CommandError("There is no administrator account yet: run `make run`.")
            password, shown = self.choose_password()
            existing.set_password(password)
            existing.save(update_fields=["password"])
            self.stdout.write(
                self.style.SUCCESS(f"New password for {existing.get_username()!r}: {shown}")
            )
            self.stdout.write(f"Log in at {url}")
            return
        if existing:
            self.stdout.write(
                f"Log in at {url} as {existing.get_username()!r}. "
                f"Forgot the password? Run: {reset_command}"
            )
            return
        password, shown = self.choose_password()
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Administrator account created: {username!r} with {shown}")
        )
        self.stdout.write(f"Log in at {url}. Forgot the password? Run: {reset_command}")

    @staticmethod
    def choose_password():
        if chosen := os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            return chosen, "the password in DJANGO_SUPERUSER_PASSWORD"
        password = secrets.token_urlsafe(12)
        return password, f"password {password}  (shown only this once; keep it)"
