from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app's demo module has a load() that creates or updates its demo content by
# natural keys, so that running the command again creates nothing twice. Order
# matters: news releases link to partners.
DEMO_MODULES = ["intloffice.demo", "partners.demo", "news.demo"]


class Command(BaseCommand):
    help = "Create or update the demo content (safe to run again: nothing is duplicated)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                loaded = import_module(module_name).load()
                self.stdout.write(f"Demo content loaded: {loaded}")
