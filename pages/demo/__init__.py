"""The demo page tree, one TOML file a page in pages/ (docs/demo.md), in the order of
the file names, a parent before its children. A page is found by its English path
(`path = "study-with-us/incoming-exchange"`), so loading again updates the pages and
creates none twice; a page staff moved elsewhere is left where they put it.

Documents are named by their file name (`documents = ["exchange-student-guide.pdf"]`)
and attached when the documents demo has them; one it lacks is skipped. A page whose
file names a `cover_palette` (one of core.demo.pictures.PALETTES) gets a drawn cover.
"""

from pathlib import Path

from core.demo import columns, read_folder
from core.demo.pictures import cover_image
from documents.models import Document

from ..models import Page

PAGES = Path(__file__).parent / "pages"


def add_cover(page, path, palette):
    """A drawn cover for a page whose file names a palette (`cover_palette`), unless
    the page has a cover already."""
    if palette and not page.cover:
        upload = cover_image(f"page:{path}", palette)
        # Stored first, so that its renditions wait for the first page to show it.
        page.cover.save(upload.name, upload, save=False)


def load():
    files = read_folder(PAGES)
    for name, data in files.items():
        path = data.pop("path")
        documents = data.pop("documents", [])
        cover_palette = data.pop("cover_palette", None)
        fields = columns(data, f"{name}.toml")
        parent_path, _slash, slug = path.rpartition("/")
        fields["slug_en"] = slug
        page = Page.objects.filter(url_path_en=path).first()
        if page is None:
            page = Page(status=Page.Status.PUBLISHED)
            placement = None
            if parent_path:
                parent = Page.objects.filter(url_path_en=parent_path).first()
                if parent is None:
                    raise ValueError(f"{name}.toml: no page at {parent_path} to go under")
                placement = (parent, "last-child")
            for field, value in fields.items():
                setattr(page, field, value)
            add_cover(page, path, cover_palette)
            page.add_to_tree(placement)
        else:
            for field, value in fields.items():
                setattr(page, field, value)
            add_cover(page, path, cover_palette)
            page.save()
        found = Document.objects.filter(
            original_name__in=documents, visibility=Document.Visibility.PUBLIC
        )
        page.documents.set(found)
    return f"{len(files)} pages"
