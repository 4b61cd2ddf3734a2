from django.core.management.base import BaseCommand

from core.search_index import indexed_kinds


class Command(BaseCommand):
    help = (
        "Make the site search's shared index again for every kind it holds: after rows "
        "were written without save() (a bulk import, an update())."
    )

    def handle(self, *args, **options):
        for kind in indexed_kinds():
            kind.rebuild()
            self.stdout.write(f"{kind.name}: {kind.model._default_manager.count()} indexed")
