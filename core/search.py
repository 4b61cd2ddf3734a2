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
