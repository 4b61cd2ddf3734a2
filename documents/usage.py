"""Where a document is attached, found without naming the apps that attach it.

Pages, releases, programmes and agreements attach documents through a many-to-many
field to Document; each such field is a reverse relation on Document, so the admin
can say where a document is used (its list, its form, before a deletion) while this
app imports none of those above it.
"""

from django.db.models import Count, ManyToManyRel
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst


def attaching_relations(model):
    """The reverse many-to-many relations of the models that attach documents."""
    return [
        relation
        for relation in model._meta.related_objects
        if isinstance(relation, ManyToManyRel) and not relation.model._meta.auto_created
    ]


def annotate_usage(queryset):
    """Each document with `uses_<name>`: how many of each attaching model use it."""
    counts = {
        f"uses_{relation.name}": Count(relation.name, distinct=True)
        for relation in attaching_relations(queryset.model)
    }
    return queryset.annotate(**counts)


def usage_counts(document):
    """[(verbose name, count)] of what uses the document, from annotate_usage()."""
    counts = []
    for relation in attaching_relations(type(document)):
        count = getattr(document, f"uses_{relation.name}", None)
        if count is None:
            count = getattr(document, relation.get_accessor_name()).count()
        if count:
            meta = relation.related_model._meta
            name = meta.verbose_name if count == 1 else meta.verbose_name_plural
            counts.append((name, count))
    return counts


def users_of(document, limit=50):
    """[(verbose name, object, admin address or None)] of what uses the document."""
    found = []
    for relation in attaching_relations(type(document)):
        meta = relation.related_model._meta
        for obj in getattr(document, relation.get_accessor_name()).all()[:limit]:
            try:
                url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            except NoReverseMatch:
                url = None
            found.append((capfirst(meta.verbose_name), obj, url))
    return found
