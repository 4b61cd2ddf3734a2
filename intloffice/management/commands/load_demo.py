from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Create or update the demo content (safe to run again: nothing is duplicated)."

    def handle(self, *args, **options):
        with transaction.atomic():
            loaded = [load() for load in demo_loaders()]
        # One line: what the demo files bring (not what the database holds).
        self.stdout.write(f"Demo content loaded: {'; '.join(loaded)}.")


def demo_loaders():
    """Each app's `demo.load()`, in the order of INSTALLED_APPS.

    An app brings its demo content in a `demo` module of its own, whose load()
    creates or updates it by natural keys, so that loading again creates nothing
    twice. The order of the apps is the order of their dependencies (news releases
    name partners), so it is the order of loading too.
    """
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            yield import_module(f"{config.name}.demo").load
