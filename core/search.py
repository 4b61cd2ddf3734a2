"""The words a text is found by, made the same way for what is indexed and what is
asked, and turned into a query for SQLite's FTS5 or PostgreSQL's full-text search.

Both engines split text into words at spaces and punctuation, which does not work
for Chinese: it has no spaces, and most of its words are two characters long (合作,
留学). So the splitting happens here, once, in Python, and the engines only index
the words it writes out, separated by spaces (see docs/search.md):

- a word in Latin, Cyrillic or another alphabet is written casefolded and without
  accents, so КООПЕРАЦИЯ, Кооперация and кооперация are one word, and so are
  Café and cafe;
- a run of Chinese (or Japanese, or Korean) characters is written as its
  overlapping pairs of characters (国际交流 gives 国际 际交 交流), so that a word of
  any length is the phrase of its pairs, and each character once more on its own at
  the end of the document, for one-character words (京).
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import format_html, format_html_join

# Scripts written without spaces between words: CJK radicals and symbols' letters,
# kana, bopomofo, the unified ideographs with their extensions, Hangul.
CJK = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
# A run of CJK characters, or a word of letters and digits in any other script
# (an underscore separates words, as it does for the engines' own tokenizers).
WORD = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+")
IS_CJK = re.compile(rf"[{CJK}]")

# A query is read up to this length, and up to this many of its terms are used:
# enough for any real search, and a bound on the work a hostile one can ask for.
QUERY_MAX_LENGTH = 100
QUERY_MAX_TERMS = 12
# The last word of a query, when it is in an alphabet and at least this long, also
# finds the longer words it begins (кооперац finds кооперация and кооперации; the
# reader may not have finished typing). Shorter beginnings would match too much,
# and each beginning costs the engines about three times a whole word, so the other
# words are whole words.
PREFIX_MIN_LENGTH = 3


def fold(text):
    """Text without case or accents: NFKC (full-width letters become plain ones),
    casefolded, combining marks removed."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def words_of(text):
    """The words and the CJK runs of `text`, folded, in order."""
    return WORD.findall(fold(text))


def pairs(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def search_document(*texts):
    """The one searchable form of `texts`: their words separated by spaces, CJK runs
    as overlapping pairs of characters and, at the end, each CJK character once.

    The single characters come last and only once, so that the pairs of a run keep
    consecutive positions (a phrase query needs them) and PostgreSQL, which keeps
    at most 16,383 positions a document, spends few on them.
    """
    words, characters = [], {}
    for text in texts:
        for word in words_of(text or ""):
            if IS_CJK.match(word):
                words.extend(pairs(word))
                characters.update(dict.fromkeys(word))
            else:
                words.append(word)
    return " ".join([*words, *characters])


class Term:
    """One thing a query asks for: a word, a word's beginning, or a phrase of CJK pairs."""

    def __init__(self, word, last=False):
        self.is_cjk = bool(IS_CJK.match(word))
        self.tokens = pairs(word) if self.is_cjk and len(word) > 1 else [word]
        self.is_prefix = last and not self.is_cjk and len(word) >= PREFIX_MIN_LENGTH

    def __eq__(self, other):
        return (self.tokens, self.is_prefix) == (other.tokens, other.is_prefix)

    def __hash__(self):
        return hash((tuple(self.tokens), self.is_prefix))


def search_terms(query):
    """The terms of a query, each made by the same rules as search_document(); all
    of them must be found. Anything that is not a word (quotes, operators, control
    characters) is dropped, so no query can be read as the engines' own syntax."""
    words = words_of(query[:QUERY_MAX_LENGTH])[:QUERY_MAX_TERMS]
    terms = [Term(word, last=index == len(words) - 1) for index, word in enumerate(words)]
    return list(dict.fromkeys(terms))


def fts5_query(terms):
    """An FTS5 MATCH expression: each token quoted (so OR, NEAR or NOT are words),
    a phrase as tokens joined by +, a beginning with *, the terms ANDed."""
    return " AND ".join(
        " + ".join(f'"{token}"' for token in term.tokens) + (" *" if term.is_prefix else "")
        for term in terms
    )


def tsquery(terms):
    """A PostgreSQL tsquery for to_tsquery('simple', ...): a phrase as tokens joined
    by <-> (followed by), a beginning as :*, the terms ANDed."""
    return " & ".join(
        " <-> ".join(f"'{token}'" for token in term.tokens) + (":*" if term.is_prefix else "")
        for term in terms
    )


# A snippet shows about this many characters of a text, starting a little before the
# first match, so that the reader sees the words around it.
SNIPPET_LENGTH = 220
SNIPPET_LEAD = 60
# Only the beginning of a long text is looked at for a snippet.
SNIPPET_SOURCE_LENGTH = 10_000
ELLIPSIS = "…"


def term_text(term):
    """The CJK run a phrase term stands for: 交流 流合 合作 is 交流合作."""
    return term.tokens[0] + "".join(token[-1] for token in term.tokens[1:])


@lru_cache(maxsize=8192)
def fold_word(word):
    """fold(), remembered: a text says most of its words many times."""
    return fold(word)


def matched_spans(text, terms, first_only=False):
    """The (start, end) of each place in `text` where one of `terms` is found, by the
    same rules as the index: a word equal to a term once both are folded (or
    beginning with it, for a beginning), a CJK term anywhere in a CJK run."""
    spans = []
    words = {term.tokens[0]: term for term in terms if not term.is_cjk}
    runs = [term_text(term) for term in terms if term.is_cjk]
    for match in WORD.finditer(text):
        word = match.group()
        if IS_CJK.match(word):
            # Folded one character at a time, so that positions stay those of `text`.
            folded = "".join(fold_word(c)[:1] or c for c in word)
            for run in runs:
                start = folded.find(run)
                while start != -1:
                    spans.append((match.start() + start, match.start() + start + len(run)))
                    start = folded.find(run, start + 1)
            continue
        folded = fold_word(word)
        term = words.get(folded)
        if term is None:
            term = next((t for t in terms if t.is_prefix and folded.startswith(t.tokens[0])), None)
        if term is not None:
            spans.append(match.span())
        if first_only and spans:
            break
    return merge(spans)


def merge(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked(text, spans, offset=0):
    """`text` escaped, with each span (positions in the text `offset` before it) in
    <mark>: safe HTML."""
    pieces, position = [], 0
    for start, end in spans:
        start, end = max(start - offset, 0), min(end - offset, len(text))
        if end <= position:
            continue
        pieces.append((text[position:start], text[start:end]))
        position = end
    marks = format_html_join("", "{}<mark>{}</mark>", pieces)
    return format_html("{}{}", marks, text[position:])


def highlight(text, terms):
    """The whole of `text`, escaped, with the words of `terms` in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    return marked(text, matched_spans(text, terms))


def snippet(text, terms, length=SNIPPET_LENGTH):
    """About `length` characters of `text` around the first match of `terms`, escaped,
    the matched words in <mark>, with an ellipsis where the text goes on; the
    beginning of the text when nothing in it matches (the object was found by
    another language's text, or its title)."""
    text = " ".join(unicodedata.normalize("NFC", text or "")[:SNIPPET_SOURCE_LENGTH].split())
    first = matched_spans(text, terms, first_only=True)
    start = 0
    if first and first[0][1] > length:
        start = first[0][0] - SNIPPET_LEAD
        # From the beginning of a word, where there are spaces to find one.
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space > start - 20 else start
    end = start + length
    if end < len(text):
        space = text.find(" ", end - 20, end + 1)
        end = space if space != -1 else end
    # The words are looked for again in the window only, which is short.
    window = text[start:end].strip()
    html = marked(window, matched_spans(window, terms) if first else [])
    before = ELLIPSIS if start > 0 else ""
    after = ELLIPSIS if end < len(text) else ""
    return format_html("{}{}{}", before, html, after)
