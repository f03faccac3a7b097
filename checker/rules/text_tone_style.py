"""The ``text-tone-style`` rule: old and new tone placement (or i and y) mixed in one document."""

from __future__ import annotations

import unicodedata
from collections import Counter

from ..model import Severity
from ..vietnamese import iy_key, iy_words, new_style_and_iy_words, to_new_style, to_old_style, tone_style_words
from .base import DocumentRule, Option


class TextToneStyle(DocumentRule):
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
