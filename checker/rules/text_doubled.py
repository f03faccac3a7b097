"""Rule ``text-doubled``: a word written twice in a row (``ít hơn hơn``) and
a coordination of a word with itself (``bảo mật và bảo mật``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import contains

from ..model import Severity
from ..patterns import regex
from ..vietnamese import is_syllable, lower
from ..vocabulary import dictionary_word
from .base import DocumentRule, Option

# Function words that Vietnamese never doubles: two in a row are a typo or
# a machine-translation artifact ("ít hơn hơn" for "fewer than"). Words that
# do reduplicate (từ từ, rất rất, đều đều, không không, ra ra vào vào, đi đi
# về về, người người, ngày ngày) are not listed.
_FUNCTION_WORDS = frozenset("""
hơn của và các những là được với cho trong để bởi tại theo hoặc thì mà đã sẽ
đang này nếu rằng cũng vẫn có như trên dưới khi nhưng vì cùng qua bằng
""".split())

_W = r"[^\W\d_]+"
_CONJUNCTIONS = frozenset(("và", "hoặc", "hay", "lẫn", "cùng", "với"))
_CONJ = "|".join(sorted(_CONJUNCTIONS))
_TRAILING = ".,;:!?…)]}\"'”’»"


_PREV_WORD = regex(rf"({_W})[ \t]+$")


def _prev_word(text: str, start: int) -> str:
    match = _PREV_WORD.search(text[max(0, start - 30):start])
    return match.group(1) if match else ""


_SENTENCE_START = regex(r"(?:^|[.!?:…\n]\s*)$")
_PAIR_AFTER = regex(rf"[ \t]+({_W})[ \t]+\1(?![^\W\d_])")
_PAIR_BEFORE = regex(rf"(?<![^\W\d_])({_W})[ \t]+\1[ \t]+$")


def _starting_a_word(words: str) -> str:
    """A pattern for ``words`` not preceded by a letter, the look-behind
    written after the words rather than before them: the regex engine then
    jumps from one occurrence of their first letter to the next, instead of
    trying the look-behind at every position of the text."""
    return rf"{re.escape(words)}(?<![^\W\d_].{{{len(words)}}})"


def _paired(text: str, start: int, end: int) -> bool:
    """True inside an AABB reduplication: "đi đi về về", "ra ra vào vào"."""
    return bool(_PAIR_AFTER.match(text, end, min(len(text), end + 40))
                or _PAIR_BEFORE.search(text[max(0, start - 40):start]))


def _true_positions(flags) -> Iterator[int]:
    """The positions of the true values of ``flags`` (bools made at C
    speed, one per word), found by searching a bytes object of them for
    the few true ones: compress over count made an integer for every word
    only to drop almost all of them."""
    found = bytes(flags)
    i = found.find(1)
    while i != -1:
        yield i
        i = found.find(1, i + 1)


class TextDoubled(DocumentRule):
    """
    ## What it does
    Shows a function word written twice in a row (`ít hơn hơn`, `của của`,
    `các các`), a phrase of two or more syllables repeated (`tiến hành
    tiến hành`) and a phrase coordinated with itself (`bảo mật và bảo
    mật`, `hướng dẫn và hướng dẫn`). Findings are info; set the option
    `function_words = warning` to fail on doubled function words.

    ## Why is this bad?
    A doubled function word is a slip a reader stumbles on. In machine
    translation, the coordinated duplicate is typical: two English words
    ("privacy and security", "tutorials and guides") had one Vietnamese
    rendering, and the sentence now says the same thing twice. Vietnamese
    reduplication (`từ từ`, `ngày ngày`, `người người`, `xanh xanh`) is
    never reported, nor is a repeat that forms a word with the syllable
    before it (`thiết bị bị hỏng`). A coordinated duplicate can be meant
    (`vận dụng và vận dụng cao`), so it is info: compare with the source.

    ## Example
    ```
    bộ nhớ ít hơn hơn một triệu lần
    cung cấp mức độ bảo mật và bảo mật cao
    ```

    ## Use instead
    ```
    bộ nhớ ít hơn một triệu lần
    cung cấp mức độ bí mật và an toàn cao
    ```
    """

    name = "text-doubled"
    category = "orthography"
    severity = Severity.INFO
    options = (
        Option("function_words", "info",
               "severity of a doubled function word: 'info' (default) or 'warning'. Native news has "
               "one such typo per 90,000 words, all real, but they count against the noise budget",
               choices=("info", "warning")),
    )

    def check(self, doc, ctx):
        text = doc.text
        level = Severity.WARNING if ctx.option(self.name, "function_words") == "warning" else Severity.INFO
        low = ctx.lowered  # shared with text-casing
        if len(low) != len(text):
            low = lower(text)
        # Candidates from a split into words (fast); positions from a
        # regular expression for each (rare) candidate.
        words = low.split()
        doubled, phrases = set(), set()
        # The positions where a word equals one of the next three (None past
        # the end), found in one scan at C speed (map; ``in`` on the tuple
        # of the next three): doubled function words (the next word) and
        # phrases of two or three words written twice start there. Such a
        # scan touches every word of the document: one instead of one per
        # distance.
        padded = words + [None] * 3
        next_three = zip(padded[1:], padded[2:], padded[3:])
        for i in _true_positions(map(contains, next_three, words)):
            word = words[i]
            if word == words[i + 1] and word in _FUNCTION_WORDS:
                doubled.add(word)
            for n in (2, 3):
                if words[i:i + n] == words[i + n:i + 2 * n]:
                    phrases.add(" ".join(words[i:i + n]))
        for word in sorted(doubled):
            for match in re.finditer(rf"{_starting_a_word(word)}[ \t]{{1,2}}{word}(?![^\W\d_])", low):
                yield from self._doubled(doc, text, match.start(), match.end(), word, level)
        last = len(words) - 1
        for i in _true_positions(map(_CONJUNCTIONS.__contains__, words)):
            if i >= 2 and i < last:
                # both lengths need the word after the conjunction (stripped)
                # to repeat the one 3 or 2 words before it: one test spares
                # building the lists for almost every conjunction
                first = words[i + 1].rstrip(_TRAILING)
                if first != words[i - 2] and first != words[i - 3]:
                    continue
                for n in (3, 2):
                    after = [w.rstrip(_TRAILING) for w in words[i + 1:i + 1 + n]]
                    if words[max(0, i - n):i] == after and len(after) == n:
                        phrases.add(" ".join(after))
                        break
        for phrase in sorted(phrases):
            if not all(is_syllable(s) for s in phrase.split()):
                continue
            pattern = rf"{_starting_a_word(phrase)}[ \t](?:({_CONJ})[ \t])?{re.escape(phrase)}(?![^\W\d_])"
            for match in re.finditer(pattern, low):
                if text[match.start():match.end()] != match.group():
                    continue  # capitalised: a name ("Việt Nam và Việt Nam")
                if match.group(1):
                    message = (f"'{phrase}' is coordinated with itself ('{match.group()}'): two source "
                               "words probably got one rendering; check the original")
                    suggestion = None
                else:
                    message = f"'{phrase}' is written twice"
                    suggestion = phrase
                yield self.finding(doc, match.start(), match.end(), message, suggestion, severity=Severity.INFO)

    def _doubled(self, doc, text, start, end, word, level):
        first = text[start:start + len(word)]
        if text[end - len(word):end] != word:
            return  # the second copy is capitalised: a name
        if not first.islower() and not _SENTENCE_START.search(text[max(0, start - 4):start]):
            return  # "Hữu Bằng bằng lòng": a name, then the word
        prev = _prev_word(text, start)
        # "thiết bị bị hỏng": the first copy ends a word; "từ từ",
        # "đi đi về về": reduplication.
        if prev and dictionary_word(f"{prev} {first}".lower()):
            return
        if dictionary_word(f"{word} {word}") or _paired(text, start, end):
            return
        yield self.finding(doc, start, end, f"'{word}' is written twice", first, severity=level)
