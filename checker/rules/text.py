"""Text-level rules (``text-*``): untranslated segments, duplicated
captions, Unicode hygiene and Vietnamese orthography conventions. They need
no glossary; the untranslated segments come from
:attr:`CheckContext.untranslated` (checker/language.py)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..matcher import Verdict
from ..model import Severity
from ..normalise import NOTE as NFC_NOTE, nfc_map
from ..vietnamese import (
    iy_key, iy_words, new_style_and_iy_words, to_new_style, to_old_style, tone_style_words,
)
from .base import Option, Rule


def _line_no(doc, offset: int) -> int:
    return doc.line_col(offset)[0]


def _quote(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --------------------------------------------------------------------------
# Repeated captions


_NUMBERING = re.compile(r"\s*\(\d{1,2}\)\s*")
_PERIODIC = re.compile(r"(.{3,}?)(?:\s*\1)+\s*")


def caption_repeats(ctx):
    """(copies, glued) for the untranslated lines of a document.

    ``copies``: segment → the earlier segment it repeats, for a caption
    written again on the next non-blank line (lines 28 and 30 of a page
    with one photo captioned twice). ``glued``: segment → (caption, count,
    start of the second copy) for captions run together on one line
    ("Forum scene (1)Forum scene (2)Forum scene (3)")."""
    text = ctx.doc.text
    copies, glued = {}, {}
    lines = [s for s in ctx.untranslated if s.kind == "line"]
    for prev, seg in zip(lines, lines[1:]):
        if text[prev.start:prev.end] != text[seg.start:seg.end]:
            continue
        between = text[prev.end:seg.start]
        if between.strip() == "":
            copies[seg] = copies.get(prev, prev)
    for seg in lines:
        caption = text[seg.start:seg.end]
        parts = [p for p in _NUMBERING.split(caption) if p]
        if len(parts) >= 2 and len(set(parts)) == 1:
            glued[seg] = (parts[0], len(parts), seg.start + caption.find(parts[0], len(parts[0])))
            continue
        match = _PERIODIC.fullmatch(caption) if len(caption) <= 300 else None  # captions are short
        if match:
            unit = match.group(1)
            glued[seg] = (unit, caption.count(unit), seg.start + caption.find(unit, len(unit)))
    return copies, glued


class TextDuplicate(Rule):
    """
    ## What it does
    Flags an untranslated caption repeated on the next line (the image's
    alternative text and its caption both kept), and captions run together
    on one line ("Forum scene (1)Forum scene (2)Forum scene (3)"). The
    first copy is reported once by `text-untranslated`; each further copy
    is reported here, so a repeated caption is one finding, not several.

    ## Why is this bad?
    The reader sees the same foreign caption twice; after translation only
    one should remain.

    ## Example
    ```
    View from the hotel

    View from the hotel
    ```

    ## Use instead
    ```
    Quang cảnh nhìn từ khách sạn
    ```
    """

    name = "text-duplicate"
    category = "untranslated"
    problem = "duplicate-caption"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        copies, glued = caption_repeats(ctx)
        for seg, first in copies.items():
            yield self.finding(
                doc, seg.start, seg.end,
                f"caption repeated from line {_line_no(doc, first.start)}: "
                f"'{_quote(doc.text[seg.start:seg.end])}'; keep one copy (and translate it)",
            )
        for seg, (caption, count, second) in glued.items():
            yield self.finding(
                doc, second, seg.end,
                f"caption '{_quote(caption.strip())}' repeated {count} times on one line "
                "(captions of several photos run together)",
            )


class TextUntranslated(Rule):
    """
    ## What it does
    Flags lines and sentences of a Vietnamese document written in another
    language: English captions ("Meeting between Prime Minister …", "View
    from the hotel"), English sentences inside a Vietnamese paragraph, and
    Japanese or other non-Latin text. Only text without Vietnamese marks is
    examined; it is reported when, once names, acronyms (GDP, ODA, JETRO),
    company names (B&Company), e-mail and web addresses, phone numbers and
    numbers are set aside, what remains is English function words or words
    that cannot be Vietnamese syllables. A foreign title in quotes or
    brackets, a title in title case, an "Artist - Title" credit, a phrase
    inside a Vietnamese sentence and a foreign line the document also
    quotes in Vietnamese prose are left alone. Single-word lines
    ("Summary") are not judged, except headings: a heading without marks
    made of common English words that are not names the document uses
    (`### Input/Output`, not `## Raspberry Pi`) is reported, the words
    judged by their English and Vietnamese frequencies (wordfreq). Table
    rows are judged cell by cell; a line that is only a link (a reading
    list, a citation) is the title of a resource and is left alone. Each
    span gets one finding with one language: a line, a heading, a cell or a
    sentence, never a line and a sentence inside it. A document that is
    mostly not Vietnamese is not examined at all.

    ## Why is this bad?
    Machine translation leaves image captions, alternative text and
    headings in the source language; a Vietnamese reader cannot read them.

    ## Example
    ```
    Meeting between Prime Minister Pham Minh Chinh and representatives of Japanese local governments
    ```

    ## Use instead
    ```
    Thủ tướng Phạm Minh Chính gặp đại diện các chính quyền địa phương Nhật Bản
    ```
    """

    name = "text-untranslated"
    category = "untranslated"
    severity = Severity.ERROR

    def check(self, doc, ctx):
        segments = ctx.untranslated
        if not segments:
            return
        copies, _glued = caption_repeats(ctx)
        repeated_at: dict = {}
        for seg, first in copies.items():
            repeated_at.setdefault(first, []).append(_line_no(doc, seg.start))
        sources = [(m.start, m.end) for m in ctx.term_matches if m.verdict is Verdict.SOURCE]
        for seg in segments:
            if any(s <= seg.start and seg.end <= e for s, e in sources):
                continue  # a glossary source form: term-variant reports it with its translation
            text = doc.text[seg.start:seg.end]
            where = {"line": "line", "sentence": "sentence", "script": "text", "cell": "table cell",
                     "heading": "heading"}[seg.kind]
            message = f"{seg.language} {where} left untranslated: '{_quote(text)}'"
            if seg in repeated_at:
                lines = ", ".join(map(str, repeated_at[seg]))
                message += f" (repeated on line {lines})"
            yield self.finding(doc, seg.start, seg.end, message)


# --------------------------------------------------------------------------
# Unicode


_COMBINING = "\u0300-\u036f"
_DECOMPOSED_WORD = re.compile(rf"(?:[^\W\d_]|[{_COMBINING}])*[{_COMBINING}](?:[^\W\d_]|[{_COMBINING}])*")
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
_ODD_CHAR = re.compile(f"{_ODD_CLASS}{_ODD_CLASS}*")
# Icelandic eth, which looks like Đ/đ; Vietnamese đ only starts a word
# (Icelandic ð never does: "Sigurður" is left alone).
_ETH = re.compile(r"(?<![^\W\d_])[Ðð][^\W\d_]*")
# Cyrillic letters that look like Latin ones, inside a Latin word ("IIА-109"
# with a Cyrillic А). Greek is left alone: "μm" is a unit.
_HOMOGLYPHS = str.maketrans("АВЕКМНОРСТХаеорсухіјѕІЈЅ", "ABEKMHOPCTXaeopcyxijsIJS")
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_MIXED_SCRIPT = re.compile(
    rf"[{_LATIN}]*(?:[{_LATIN}][\u0400-\u04ff]|[\u0400-\u04ff][{_LATIN}])[{_LATIN}\u0400-\u04ff]*"
)


def _char_name(char: str) -> str:
    return _INVISIBLE.get(char) or _ODD_SPACES.get(char) or f"control character U+{ord(char):04X}"


class TextUnicode(Rule):
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


# --------------------------------------------------------------------------
# Tone-mark placement and i/y


class TextToneStyle(Rule):
    """
    ## What it does
    Flags a document that mixes the old and new placement of the tone mark
    in open oa/oe/uy syllables ("hòa"/"hoà", "khỏe"/"khoẻ", "thủy"/"thuỷ",
    "Thanh Hóa"/"Thanh Hoá"): the minority placement is reported, with the
    word in the majority placement as suggestion (on a tie, the placement
    used first wins). The mix is one problem: its first word is a warning
    that counts the others, which are reported as info with their fixes. Option `style` fixes the house style instead (`old`:
    hòa, `new`: hoà). Likewise, as info, the i/y spellings of the same
    syllable ("kỹ"/"kĩ", "lý"/"lí", "hy"/"hi"; option `iy`): names, which
    keep their own spelling, are not compared.

    ## Why is this bad?
    Both placements are correct Vietnamese, but one document should use
    one: mixed placement looks unedited, and "hòa" and "hoà" are different
    strings to search and to translation memories.

    ## Example
    ```
    hòa bình ... hoà giải ... tỉnh Thanh Hóa
    ```

    ## Use instead
    ```
    hòa bình ... hòa giải ... tỉnh Thanh Hóa
    ```
    """

    name = "text-tone-style"
    category = "orthography"
    severity = Severity.WARNING
    fixable = True
    options = (
        Option("style", "consistent", "tone placement in oa/oe/uy: the document's majority, or a house style",
               choices=("consistent", "old", "new")),
        Option("iy", "consistent", "i/y spelling (kỹ/kĩ): the document's majority per syllable, or a house style",
               choices=("consistent", "i", "y")),
    )

    def check(self, doc, ctx):
        style = ctx.option(self.name, "style")
        if style != "new":
            new_words, iy = new_style_and_iy_words(doc.text)  # one scan for both
        else:
            new_words, iy = [], iy_words(doc.text)
        yield from self._tone(doc, style, new_words)
        yield from self._iy(doc, ctx, iy)

    def _tone(self, doc, style, new_words):
        text = doc.text
        # the new placement is rare: without it a consistent document needs
        # no scan for the old one
        new = [span + ("new",) for span in new_words]
        if style == "consistent" and not new:
            return
        old = [span + ("old",) for span in tone_style_words(text, "old")] if style != "old" else []
        if style == "consistent":
            if not old:
                return
            first = min(old[0], new[0])[2]
            if len(old) != len(new):
                style = "old" if len(old) > len(new) else "new"
                reason = f"this document mostly writes the {style} placement ({len(old)} old, {len(new)} new)"
            else:
                style = first
                reason = f"this document uses both equally and first the {style} one"
        else:
            reason = f"the house style is the {style} placement"
        wrong = new if style == "old" else old
        convert = to_old_style if style == "old" else to_new_style
        # Mixing is one problem per document: the first word is the warning,
        # the others are info, each with its fix.
        for i, (start, end, placement) in enumerate(wrong):
            word = text[start:end]
            more = f" ({len(wrong) - 1} more such word(s) reported as info)" if i == 0 and len(wrong) > 1 else ""
            yield self.finding(
                doc, start, end,
                f"'{word}' has the tone mark in the {placement} placement; {reason}: '{convert(word)}'{more}",
                convert(word), severity=None if i == 0 else Severity.INFO)

    def _iy(self, doc, ctx, words):
        text = doc.text
        if not words:
            return
        house = ctx.option(self.name, "iy")
        # iy_key once per distinct spelling, not once per word
        keys = {pair: iy_key(*pair) for pair in {(onset, vowel) for _, _, onset, vowel in words}}
        if house == "consistent":
            # a mix needs one syllable (onset and tone) spelt with both i and y:
            # without one, the document is consistent and nothing is reported
            bases: dict[tuple, set] = {}
            for key in keys.values():
                if key is not None:
                    bases.setdefault(key[:2], set()).add(key[2])
            if all(len(found) < 2 for found in bases.values()):
                return
        spellings: dict[tuple, list] = {}
        for start, end, onset, vowel in words:
            key = keys[onset, vowel]
            if key is None:
                continue
            spellings.setdefault(key[:2], []).append((start, end, key[2]))
        for (onset, tone), found in spellings.items():
            counts = Counter(v for _, _, v in found)
            if house != "consistent":
                keep = house
                reason = f"the house style writes '{house}'"
            else:
                if len(counts) < 2:
                    continue
                keep = found[0][2] if counts["i"] == counts["y"] else counts.most_common(1)[0][0]
                reason = f"this document writes it with '{keep}' {counts[keep]} time(s)"
            for start, end, vowel in found:
                if vowel == keep:
                    continue
                word = text[start:end]
                fixed = onset + unicodedata.normalize("NFC", keep + tone)
                yield self.finding(
                    doc, start, end, f"'{word}' is spelt with '{vowel}'; {reason}: '{fixed}'", fixed,
                    severity=Severity.INFO)
