"""The site with every password verification written to a file, so that the lockout
tests can count how many guesses were really checked. With
TEST_UNSERIALISED_LOGINS=1 the middleware that serialises login attempts is left
out: the control that shows the count would see attempts slip past."""

import os

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intloffice.settings")


class CountingPasswordHasher(PBKDF2PasswordHasher):
    def verify(self, password, encoded):
        with open(os.environ["TEST_PASSWORD_CHECKS_FILE"], "a") as checks:
            checks.write("checked\n")
        return super().verify(password, encoded)


settings.PASSWORD_HASHERS = [f"{__name__}.CountingPasswordHasher"]
if os.environ.get("TEST_UNSERIALISED_LOGINS") == "1":
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if not name.endswith("OneLoginAttemptAtATimeMiddleware")
    ]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
