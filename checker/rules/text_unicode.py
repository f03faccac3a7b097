"""The ``text-unicode`` rule: invisible, decomposed or look-alike characters."""

from __future__ import annotations

import re
import unicodedata

from ..model import Severity
from ..normalise import NOTE as NFC_NOTE
from ..normalise import nfc_map
from ..patterns import regex
from .base import DocumentRule, Option

_COMBINING = "\u0300-\u036f"
_DECOMPOSED_WORD = regex(rf"(?:[^\W\d_]|[{_COMBINING}])*[{_COMBINING}](?:[^\W\d_]|[{_COMBINING}])*")
_INVISIBLE = {
    "\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
    "\u2060": "word joiner", "\ufeff": "zero-width no-break space (BOM)", "\u00ad": "soft hyphen",
    "\u180e": "Mongolian vowel separator", "\u200e": "left-to-right mark", "\u200f": "right-to-left mark",
    "\ufffd": "replacement character (a character was lost in a conversion)",
}
_ODD_SPACES = {
    "\u00a0": "no-break space", "\u1680": "Ogham space", "\u2000": "en quad", "\u2001": "em quad",
    "\u2002": "en space", "\u2003": "em space", "\u2004": "three-per-em space", "\u2005": "four-per-em space",
    "\u2006": "six-per-em space", "\u2007": "figure space", "\u2008": "punctuation space",
    "\u2009": "thin space", "\u200a": "hair space", "\u202f": "narrow no-break space",
    "\u205f": "medium mathematical space", "\u3000": "ideographic space", "\u000b": "vertical tab",
    "\u000c": "form feed", "\u0085": "next-line control", "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
_CONTROL = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
# One scan finds the invisible characters, the odd spaces and any Cyrillic
# letter (a possible look-alike, checked in Python). Written "[…][…]*", not
# "[…]+": a pattern that starts with a plain class lets the engine skip ahead
# to the next candidate character, which makes the scan three times faster.
_ODD_CLASS = "[" + "".join(_INVISIBLE) + "".join(_ODD_SPACES) + _CONTROL + "\u0400-\u04ff]"
_ODD_CHAR = regex(f"{_ODD_CLASS}{_ODD_CLASS}*")
# Icelandic eth, which looks like Đ/đ; Vietnamese đ only starts a word
# (Icelandic ð never does: "Sigurður" is left alone).
_ETH = regex(r"(?<![^\W\d_])[Ðð][^\W\d_]*")
# Cyrillic letters that look like Latin ones, inside a Latin word ("IIА-109"
# with a Cyrillic А). Greek is left alone: "μm" is a unit.
_HOMOGLYPHS = str.maketrans("АВЕКМНОРСТХаеорсухіјѕІЈЅ", "ABEKMHOPCTXaeopcyxijsIJS")
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_MIXED_SCRIPT = regex(
    rf"[{_LATIN}]*(?:[{_LATIN}][\u0400-\u04ff]|[\u0400-\u04ff][{_LATIN}])[{_LATIN}\u0400-\u04ff]*"
)


def _char_name(char: str) -> str:
    return _INVISIBLE.get(char) or _ODD_SPACES.get(char) or f"control character U+{ord(char):04X}"


class TextUnicode(DocumentRule):
    """
    ## What it does
    Flags text that looks right but is encoded wrong: letters with
    decomposed marks (not Unicode NFC, as some Vietnamese input methods
    type them), invisible characters (zero-width space, soft hyphen, BOM
    inside the text, stray control characters), unusual spaces (no-break,
    thin, ideographic), the Icelandic `Ð`/`ð` (U+00D0/U+00F0) typed for
    `Đ`/`đ`, and Cyrillic letters inside a Latin word ("IIА" with a Cyrillic А). The
    suggestion is the normalised text (an invisible character is removed).
    A file with decomposed marks is checked as its NFC form (every rule
    sees "bệnh", positions stay those of the file) and gets one note, at
    its first decomposed word; `mtlint fix` applying it writes the whole
    file in NFC.

    What a reader cannot see (decomposed marks, invisible characters,
    unusual spaces) is reported as info by default, so that a reviewer's
    list keeps to visible errors while `mtlint fix` can still normalise
    every one; set the option `invisible` to `warning` where the text must
    be clean for search or a translation memory. The eth, a Cyrillic
    letter in a Latin word and the replacement character `�` (a character
    lost in a conversion) change what is read: warnings or errors.

    ## Why is this bad?
    These characters are invisible to a reviewer but break search, sorting,
    spell-checking, glossary matching and translation memories: "bệnh"
    typed with a combining circumflex does not match "bệnh".

    ## Example
    ```
    vùng ÐBSCL             (U+00D0, the Icelandic eth)
    kiến<U+200B>thức       (a zero-width space)
    Bê<U+0323>nh viện      (ê followed by a combining dot below)
    ```

    ## Use instead
    ```
    vùng ĐBSCL
    kiến thức
    Bệnh viện
    ```
    """

    name = "text-unicode"
    category = "orthography"
    severity = Severity.WARNING
    fixable = True
    options = (
        Option("invisible", "info", "severity of what a reader cannot see: decomposed marks, zero-width "
               "and control characters, unusual spaces", choices=("info", "warning", "error")),
    )

    def check(self, doc, ctx):
        text = doc.text
        invisible = Severity.parse(ctx.option(self.name, "invisible"))
        mapping = nfc_map(doc)
        if mapping is not None:  # checked as NFC: one note for the file
            yield self._nfc_note(doc, mapping, invisible)
        if not unicodedata.is_normalized("NFC", text):
            for match in _DECOMPOSED_WORD.finditer(text):
                fixed = unicodedata.normalize("NFC", match.group())
                if fixed != match.group():
                    yield self.finding(
                        doc, match.start(), match.end(),
                        f"'{fixed}' is written with decomposed marks (not Unicode NFC)", fixed,
                        severity=invisible)
        cyrillic = False
        for match in _ODD_CHAR.finditer(text):
            chars = match.group()
            start, end = match.start(), match.end()
            if "\u0400" <= chars[0] <= "\u04ff" or "\u0400" <= chars[-1] <= "\u04ff":
                cyrillic = True
                continue
            if start == 0 and chars[0] == "\ufeff":
                start += 1
                chars = chars[1:]
                if not chars:
                    continue
            if chars == "\u200d" and not (_is_letter(text, start - 1) and _is_letter(text, end)):
                continue  # joins an emoji sequence
            names = sorted({_char_name(c) for c in chars})
            if all(c in _ODD_SPACES for c in chars):
                replacement = "\n" if chars[0] in "\u2028\u2029\u0085" else " "
            else:
                replacement = "".join(" " if c in _ODD_SPACES else "" for c in chars)
            severity = Severity.ERROR if "\ufffd" in chars else invisible
            yield self.finding(doc, start, end, f"{', '.join(names)} in the text", replacement,
                               severity=severity)
        for match in (_ETH.finditer(text) if "Ð" in text or "ð" in text else ()):
            word = match.group()
            fixed = ("Đ" if word[0] == "Ð" else "đ") + word[1:]
            yield self.finding(
                doc, match.start(), match.end(),
                f"'{word}' starts with the Icelandic eth (U+{ord(word[0]):04X}), not the Vietnamese "
                f"'{fixed[0]}'", fixed, severity=Severity.ERROR)
        for match in (_MIXED_SCRIPT.finditer(text) if cyrillic else ()):
            word = match.group()
            fixed = word.translate(_HOMOGLYPHS)
            if re.search(r"[\u0370-\u03ff\u0400-\u04ff]", fixed):
                fixed = None
            yield self.finding(
                doc, match.start(), match.end(),
                f"'{word}' mixes Latin letters with look-alike Cyrillic ones", fixed)

    def _nfc_note(self, doc, mapping, severity):
        """The file's note: at the word of its first decomposed character,
        which the suggestion writes in NFC; ``mtlint fix`` applying it
        normalises the whole file (checker/fixer.py)."""
        text = doc.text
        first = None
        for count, (start, end, _, _) in enumerate(mapping.changes()):
            if not text[start].isspace():  # the first one in prose (not blanked code)
                break
            first = first or (start, end)
            if count == 1000:
                start, end = first
                break
        else:
            start, end = first or (0, 0)
        while start > 0 and (text[start - 1].isalpha() or unicodedata.combining(text[start - 1])):
            start -= 1
        while end < len(text) and (text[end].isalpha() or unicodedata.combining(text[end])):
            end += 1
        word = unicodedata.normalize("NFC", mapping.raw[mapping.to_raw(start):mapping.to_raw(end, True)])
        lines = len(mapping.changed_lines)
        return self.finding(
            doc, start, end,
            f"{NFC_NOTE}: {lines} line{'s have' if lines != 1 else ' has'} letters written with decomposed "
            f"marks, the first in '{word}'; the file is checked as NFC and `mtlint fix` rewrites it in NFC",
            word or None, severity=severity)


def _is_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalpha()
