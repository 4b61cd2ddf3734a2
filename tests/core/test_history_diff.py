"""Readable differences for a record's history: visible text, words, escaping."""

from core.history import diff_html, diff_text, tokens, visible_text


def test_visible_text_drops_markup_and_keeps_blocks_apart():
    html = "<h2>A&nbsp;title</h2><p>One &amp; <b>two</b></p><script>x()</script><p>three</p>"
    assert visible_text(html) == "A title One & two three"


def test_visible_text_keeps_a_pictures_description():
    assert visible_text('<p>Look:<img src="a.jpg" alt="the campus"></p>') == "Look: the campus"


def test_words_are_tokens_and_each_chinese_character_is_one():
    assert tokens("Two words") == ["Two", " ", "words"]
    assert tokens("两校签署") == ["两", "校", "签", "署"]
    assert tokens("签署MoU协议") == ["签", "署", "MoU", "协", "议"]


def test_a_changed_word_is_shown_removed_and_added():
    assert diff_text("the old text", "the new text") == "the <del>old</del> <ins>new</ins> text"


def test_a_chinese_change_shows_only_the_characters_changed():
    assert diff_text("两校签署了合作备忘录", "两校签订了合作备忘录") == (
        "两校签<del>署</del><ins>订</ins>了合作备忘录"
    )


def test_rich_text_is_compared_as_text_never_as_markup():
    diff = diff_html("<p>Old <b>words</b></p>", "<h2>Old</h2><p>words and more</p>")
    assert diff == "Old words<ins> and more</ins>"
    assert "<p>" not in diff and "<b>" not in diff


def test_text_is_escaped_in_and_out_of_the_marks():
    diff = diff_text("<b>a</b> & x", "<i>a</i> & x")
    assert "<b>" not in diff and "<i>" not in diff
    assert "&lt;i&gt;a&lt;/i&gt;" in diff and "&amp;" in diff


def test_html_written_as_text_in_rich_text_stays_text():
    diff = diff_html("<p>a</p>", "<p>a &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    assert "<script>" not in diff and "&lt;script&gt;" in diff


def test_no_change_has_no_marks():
    assert diff_html("<p>same</p>", "<div>same</div>") == "same"
