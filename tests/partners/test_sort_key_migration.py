"""The migration that adds the directory's sort keys fills them for the institutions
already there, from the name each language shows."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("partners", "0008_agreement_documents")]
AFTER = [("partners", "0009_sort_keys")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_the_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_institutions_get_a_sort_key_in_every_language():
    old_apps = migrate(BEFORE)
    Institution = old_apps.get_model("partners", "Institution")
    names = [("q", "Tsinghua", "清华大学"), ("b", "Peking", "北京大学"), ("a", "Anhui", "安徽大学")]
    for slug, english, chinese in names:
        Institution.objects.create(
            slug=slug,
            slug_en=slug,
            name=english,
            name_en=english,
            name_zh_hans=chinese,
            city="City",
            country="CN",
        )
    try:
        new_apps = migrate(AFTER)
        rows = new_apps.get_model("partners", "Institution").objects
        in_chinese_order = list(rows.order_by("sort_key_zh_hans").values_list("slug", flat=True))
        keys = rows.values_list("sort_key_en", "sort_key_zh_hans", "sort_key_ru")
        filled = all(all(row) for row in keys)
    finally:
        migrate_to_the_latest()

    assert filled
    # Pinyin order (an, bei, qing), not the characters' code points (北, 安, 清).
    assert in_chinese_order == ["a", "b", "q"]
