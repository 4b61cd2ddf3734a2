"""The snippets and highlights of the site search: the words found by the index's own
rules, marked in escaped text."""

import pytest

from core.search import highlight, search_terms, snippet


def marks(html):
    import re

    return re.findall(r"<mark>(.*?)</mark>", str(html))


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("cafe", "A meeting at the Café Central and at CAFE Noir.", ["Café", "CAFE"]),
        ("Ｃａｆé", "the cafe", ["cafe"]),
        ("кооперация", "Международная КООПЕРАЦИЯ вузов.", ["КООПЕРАЦИЯ"]),
        ("кооперац", "Кооперации и кооперация.", ["Кооперации", "кооперация"]),
        ("елка", "Новогодняя ёлка.", ["ёлка"]),
        ("合作", "两校签署了合作备忘录，合作愉快。", ["合作", "合作"]),
        ("京", "在北京开展", ["京"]),
        ("联合培养", "并商定在北京开展联合培养项目", ["联合培养"]),
        ("Irkutsk 合作", "Irkutsk 合作 irkutskiy", ["Irkutsk", "合作"]),
    ],
)
def test_the_words_of_the_query_are_marked_as_the_index_folds_them(query, text, expected):
    assert marks(highlight(text, search_terms(query))) == expected


def test_a_word_is_marked_whole_and_not_inside_another_word():
    assert marks(highlight("cooperation cooper co-op", search_terms("coop xyz"))) == []
    assert marks(highlight("cafeteria", search_terms("cafe x"))) == []


def test_chinese_characters_that_are_not_next_to_each_other_are_not_marked():
    assert marks(highlight("作为合法", search_terms("作合"))) == []


def test_text_is_escaped_and_only_the_marks_are_html():
    html = str(
        highlight('<script>alert("x")</script> Irkutsk & <b>co</b>', search_terms("irkutsk"))
    )
    assert html == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Irkutsk</mark> "
        "&amp; &lt;b&gt;co&lt;/b&gt;"
    )


def test_a_word_inside_markup_looking_text_is_marked_within_the_escaped_text():
    html = str(highlight("<script>Tomsk</script>", search_terms("tomsk")))
    assert html == "&lt;script&gt;<mark>Tomsk</mark>&lt;/script&gt;"


def test_a_snippet_starts_a_little_before_the_first_match_with_ellipses():
    text = "word " * 100 + "The Tomsk delegation arrived. " + "more " * 100
    html = str(snippet(text, search_terms("tomsk")))
    assert html.startswith("…") and html.endswith("…")
    assert marks(html) == ["Tomsk"]
    assert len(html) < 300


def test_a_snippet_without_a_match_is_the_beginning_of_the_text():
    html = str(snippet("Short text about partners.", search_terms("tomsk")))
    assert html == "Short text about partners."
    assert str(snippet("x " * 300, search_terms("tomsk"))).endswith("…")


def test_a_match_near_the_beginning_needs_no_leading_ellipsis():
    html = str(snippet("Tomsk is a city. " + "more " * 100, search_terms("tomsk")))
    assert html.startswith("<mark>Tomsk</mark> is a city.")
