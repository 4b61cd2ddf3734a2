"""Sort keys that put names in the order each language's readers expect.

Neither database sorts that way by itself: SQLite compares code points, and
PostgreSQL's collation depends on how the cluster was made (and no collation puts
Chinese in pinyin order). So a name's order is computed here, once, and stored as a
key that compares correctly as plain text under any collation: a run of four-digit
lowercase hexadecimal weights, characters every collation orders the same way.

- Chinese characters sort by their pinyin, syllable by syllable (as Chinese
  dictionaries do), then by tone; pypinyin knows which reading a word takes (重庆 is
  chong qing).
- Cyrillic letters sort in Russian alphabetical order, ё as if it had no dots.
- Latin letters sort without accents; digits before letters; a run of spaces or
  punctuation separates words and sorts before any letter ("Ulm Uni" before "Ulma").
- Each language lists its own script first: Cyrillic names before Latin ones in
  Russian, Latin (and pinyin) before Cyrillic elsewhere.
"""

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

RUSSIAN_ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

WORD_BREAK = 0x1
SYLLABLE_END = 0x2
TONE = 0x3  # tones 1 to 5 (5: neutral) follow the syllable's end
DIGIT = 0x10
FIRST_SCRIPT = 0x20
SECOND_SCRIPT = 0x100
OTHER = 0x1000  # anything else, by code point
LARGEST = 0xFFFF

# Keys stop here: names this long are rare, and the primary key breaks any tie.
MAX_LENGTH = 400

HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")


def sort_key(name, language):
    """The key that sorts `name` among others the way readers of `language` expect."""
    weights = []
    for run in HAN.split(name or ""):
        if HAN.fullmatch(run):
            weights.extend(_han_weights(run, language))
        else:
            weights.extend(_text_weights(run, language))
    while weights and weights[0] == WORD_BREAK:
        weights.pop(0)
    return "".join(f"{weight:04x}" for weight in weights)[:MAX_LENGTH]


def _script_bases(language):
    if language == "ru":
        return {"cyrillic": FIRST_SCRIPT, "latin": SECOND_SCRIPT}
    return {"latin": FIRST_SCRIPT, "cyrillic": SECOND_SCRIPT}


def _han_weights(run, language):
    for syllable in lazy_pinyin(run, style=Style.TONE3, neutral_tone_with_five=True):
        letters, tone = syllable[:-1], syllable[-1]
        if not tone.isdigit():  # a character pypinyin has no reading for
            yield min(OTHER + ord(syllable[0]), LARGEST)
            continue
        yield from _text_weights(letters.replace("ü", "v"), language)
        yield SYLLABLE_END
        yield TONE + int(tone)


def _text_weights(text, language):
    bases = _script_bases(language)
    previous = WORD_BREAK
    for character in text.casefold():
        weight = _character_weight(character.replace("ё", "е"), bases)
        if weight is None:
            weight = WORD_BREAK
            if previous == WORD_BREAK:
                continue
        previous = weight
        yield weight


def _character_weight(character, bases):
    if character in RUSSIAN_ALPHABET:
        return bases["cyrillic"] + RUSSIAN_ALPHABET.index(character)
    if character.isdigit() and character.isascii():
        return DIGIT + int(character)
    # é, ü, ß: their base letters (NFKD splits off the accents).
    base = "".join(c for c in unicodedata.normalize("NFKD", character) if c.isalnum())[:1]
    if base in LATIN_ALPHABET and base:
        return bases["latin"] + LATIN_ALPHABET.index(base)
    if base:
        return min(OTHER + ord(base), LARGEST)
    return None
