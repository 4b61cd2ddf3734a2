"""The page form's place in the tree (parent and position) and its checks: no page
under itself, no two siblings with one address, no top-level page on an address the
site already uses."""

from django import forms
from django.conf import settings
from django.db.models import Max
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from core.languages import content_languages, language_name, localized_name

from . import paths
from .models import URL_PATH_LENGTH, Page

KEEP, FIRST, LAST, AFTER = "keep", "first", "last", "after-"


def indented(page):
    return f"{'— ' * (page.depth - 1)}{page.title}"


class ParentField(forms.ModelChoiceField):
    def label_from_instance(self, page):
        return indented(page)


class PageForm(forms.ModelForm):
    parent = ParentField(
        Page.objects.none(),
        required=False,
        label=_("Parent page"),
        empty_label=_("(top level)"),
        help_text=_(
            "The page this one is under: its address and breadcrumbs follow. Moving a "
            "page moves the pages under it too; their old addresses redirect."
        ),
    )
    position = forms.ChoiceField(
        label=_("Position among its siblings"),
        help_text=_("Where the page comes among the pages with the same parent."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages = list(Page.objects.only("pk", "path", "depth", "numchild", "title"))
        self.pages = {page.pk: page for page in pages}
        self.fields["parent"].queryset = Page.objects.all()
        editing = self.instance.pk is not None
        choices = [(KEEP, _("Where it is now"))] if editing else []
        choices += [(LAST, _("Last")), (FIRST, _("First"))]
        after = [
            (f"{AFTER}{page.pk}", indented(page)) for page in pages if page.pk != self.instance.pk
        ]
        if after:
            choices.append((_("After this page (a page with the same parent)"), after))
        self.fields["position"].choices = choices
        self.fields["position"].initial = KEEP if editing else LAST
        self.initial_parent_pk = self.current_parent_pk() if editing else None
        self.fields["parent"].initial = self.initial_parent_pk

    def current_parent_pk(self):
        instance = self.instance
        if not instance.path or instance.depth <= 1:
            return None
        parent_path = instance.path[: -instance.steplen]
        return next((pk for pk, page in self.pages.items() if page.path == parent_path), None)

    def clean(self):
        data = super().clean()
        parent = data.get("parent")
        instance = self.instance
        if parent is not None and instance.pk is not None and parent.path.startswith(instance.path):
            self.add_error(
                "parent",
                _("A page cannot be moved under itself or under one of the pages below it."),
            )
            return data
        self.check_position(data, parent)
        slugs = self.future_slugs(data)
        self.check_reserved(parent, slugs)
        self.check_siblings(parent, slugs)
        self.check_length(parent, slugs)
        return data

    def check_position(self, data, parent):
        position = data.get("position") or ""
        if not position.startswith(AFTER):
            return
        sibling = self.pages.get(int(position.removeprefix(AFTER)))
        parent_path = parent.path if parent else ""
        if sibling is None or sibling.path[: -sibling.steplen] != parent_path:
            self.add_error("position", _("Choose a page with the same parent, or First or Last."))

    def future_slugs(self, data):
        """The slug of the page's address in each language once saved: its own, else
        made from its title, else the default language's."""
        slugs = {}
        for code in content_languages():
            slug = data.get(localized_name("slug", code))
            title = data.get(localized_name("title", code))
            slugs[code] = slug or (paths.slug_for(title) if title else "")
        default = slugs[settings.LANGUAGE_CODE]
        return {code: slug or default for code, slug in slugs.items()}

    def slug_error(self, code, message):
        field = localized_name("slug", code)
        self.add_error(field if field in self.fields else None, message)

    def check_reserved(self, parent, slugs):
        if parent is not None:
            return
        reserved = paths.reserved_segments()
        for code, slug in slugs.items():
            if slug and slug.lower() in reserved:
                self.slug_error(
                    code,
                    _(
                        "“%(slug)s” is an address the site already uses (%(language)s): "
                        "choose another slug for a top-level page."
                    )
                    % {"slug": slug, "language": language_name(code)},
                )

    def check_siblings(self, parent, slugs):
        siblings = Page.objects.get_children(parent) if parent else Page.objects.get_root_nodes()
        siblings = siblings.exclude(pk=self.instance.pk)
        for sibling in siblings:
            for code, slug in slugs.items():
                # Addresses that differ in case only look like one to readers.
                if slug and sibling.effective_slug(code).lower() == slug.lower():
                    self.slug_error(
                        code,
                        _(
                            "The page “%(title)s” has the same parent and the slug "
                            "“%(slug)s” in %(language)s: the two would share an address."
                        )
                        % {"title": sibling.title, "slug": slug, "language": language_name(code)},
                    )

    def longest_below(self):
        """{language: how many characters the longest address under the page adds to
        the page's own}: a move or a new slug lengthens those addresses too."""
        instance = self.instance
        if instance.pk is None or not instance.numchild:
            return {}
        columns = paths.url_path_columns()
        below = Page.objects.filter(path__startswith=instance.path, depth__gt=instance.depth)
        longest = below.aggregate(**{code: Max(Length(column)) for code, column in columns.items()})
        return {
            code: (longest[code] or 0) - len(getattr(instance, column) or "")
            for code, column in columns.items()
        }

    def check_length(self, parent, slugs):
        below = self.longest_below()
        for code, slug in slugs.items():
            base = getattr(parent, localized_name("url_path", code)) if parent else ""
            length = len(base) + len(slug) + 1
            if length > URL_PATH_LENGTH:
                self.slug_error(
                    code,
                    _("The address would be longer than %(limit)d characters.")
                    % {"limit": URL_PATH_LENGTH},
                )
            elif length + max(below.get(code, 0), 0) > URL_PATH_LENGTH:
                self.slug_error(
                    code,
                    _(
                        "The address of a page under this one would be longer than "
                        "%(limit)d characters: choose a shorter slug or another place."
                    )
                    % {"limit": URL_PATH_LENGTH},
                )

    def placement(self):
        """(target, treebeard position) for where the form puts the page, or None to
        leave it where it is."""
        parent = self.cleaned_data.get("parent")
        position = self.cleaned_data.get("position") or LAST
        moved = self.instance.pk is None or (parent.pk if parent else None) != (
            self.initial_parent_pk
        )
        if position.startswith(AFTER):
            return Page.objects.get(pk=int(position.removeprefix(AFTER))), "right"
        if position == KEEP and not moved:
            return None
        first = position == FIRST
        if parent is not None:
            return parent, "first-child" if first else "last-child"
        root = Page.objects.get_root_nodes().exclude(pk=self.instance.pk).first()
        if root is None:
            return None
        return root, "first-sibling" if first else "last-sibling"
