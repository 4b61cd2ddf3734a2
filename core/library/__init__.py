"""The media library: every image uploaded through the rich-text editor, with its
description, so that a photo is uploaded once and used wherever it is needed.

models.py holds the item, usage.py the registry of the fields that may show an
image (apps add theirs from AppConfig.ready(): core imports no app) and the search
for where an item is used, views.py the editor's picker, admin.py the library list.
"""
