"""``text-stray-english``: English words and phrases left inside Vietnamese
sentences (the line as a whole is Vietnamese, so ``text-untranslated``,
which judges lines and sentences without marks, does not see them)."""

from __future__ import annotations

import re

from ..language import _TITLE_SMALL_WORDS, ENGLISH_FUNCTION_WORDS, english_frequency, is_stray_word, prose_names
from ..model import Severity
from ..patterns import regex
from ..vietnamese import _VIETNAMESE_MARKED, is_syllable
from .base import DocumentRule, Option

# --------------------------------------------------------------------------
# English labels: "**Note:** Bạn có thể …"

_LABEL = regex(
    r"[ \t]*(?:>[ \t]*)*(?:[-*+][ \t]+|\d{1,2}[.)][ \t]+)?(?:\S{1,2}[ \t]+)??"  # quote, list marker, an emoji
    r"(?P<open>\*\*|__|\*|_)?(?P<label>[A-Z][a-z]+)(?P<mid>\*\*|__|\*|_)?[ \t]*:(?P<close>\*\*|__|\*|_)?"
    r"(?=[ \t]+\S)"
)
_COLON = regex(":")
_LABEL_REACH = 40
#: Vietnamese for the labels machine translation most often leaves.
LABELS = {
    "note": "Lưu ý", "notes": "Ghi chú", "tip": "Mẹo", "tips": "Mẹo", "warning": "Cảnh báo",
    "important": "Quan trọng", "caution": "Thận trọng", "example": "Ví dụ", "examples": "Ví dụ",
    "hint": "Gợi ý", "summary": "Tóm tắt", "answer": "Đáp án", "question": "Câu hỏi",
    "task": "Nhiệm vụ", "step": "Bước", "source": "Nguồn", "remember": "Ghi nhớ", "reminder": "Ghi nhớ",
    "solution": "Lời giải", "challenge": "Thử thách", "assignment": "Bài tập", "result": "Kết quả",
    "output": "Kết quả", "input": "Đầu vào", "definition": "Định nghĩa", "reference": "Tham khảo",
    "references": "Tham khảo", "update": "Cập nhật", "disclaimer": "Tuyên bố miễn trừ trách nhiệm",
}

# --------------------------------------------------------------------------
# Link text: "… có thể tìm thấy trong [Azure portal documentation](…)"

_LINK = regex(r"(?<!!)\[(?P<text>[^\[\]\n]{3,300})\](?=[ \t]*\(|[ \t]{3,}|\[)")
# The words that wrap a title in a link: "… tutorial", "… page on
# Wikipedia", "… documentation", "… source code".
WRAPPERS = frozenset("""
page tutorial tutorials documentation docs article quickstart overview reference sample samples
repository repo website site wiki
""".split())
# The wrapper closes the link text, or names where the title is found:
# "… tutorial", "… page on Wikipedia", "… documentation on Microsoft docs".
_WRAPPED = regex(
    r"\b(?P<wrapper>" + "|".join(sorted(WRAPPERS, key=lambda word: (-len(word), word))) + r"|source code)"
    r"(?:[ \t]+(?:on|in|at|from|of)[ \t]+(?:the[ \t]+)?(?:[A-Z][\w.’'-]*|docs|site|wiki)"
    r"(?:[ \t]+(?:[A-Z][\w.’'-]*|docs|site|wiki)){0,3})?[ \t.]*$"
)
_TITLE_OPENERS = frozenset("The A An How What Why When Where Who Which Is Are Do Does Can Understanding Introduction".split())
_AFTER_LINK = regex(r"\]?(?:\([^()\n]*\)|\[[^\[\]\n]*\])?[ \t]+([^\W\d_]+)")
_PARENTHESES = regex(r"\([^()]*\)")

# --------------------------------------------------------------------------
# English plurals of loanwords: "### Frameworks và hệ điều hành", "các blobs"

_S_END = regex(r"s(?!\w)")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_WORD_BEFORE = frozenset(".-/@#_`*")

# --------------------------------------------------------------------------
# Imperial unit abbreviations after a number: "1.200 sq ft", "60 mph", "5 lbs"

_UNIT = regex(
    r"\d[ \t\u00a0]?(?P<unit>sq\.?[ \t]?ft|sq\.?[ \t]?mi|mph|lbs|lb|oz|ft|yd|mi|gal)(?![\w.]|\.\w)"
)
#: Every unit above holds one of these: a text without them has no unit,
#: and half the news articles have none. Looking for them (the most common
#: first: "mi" of Xiaomi, Vinamilk) costs a quarter of the pattern's scan,
#: which tries the digit class at every character.
_UNIT_PARTS = ("mi", "ft", "gal", "lb", "yd", "oz", "mph")
_CONVERSION_BEFORE = regex(r"\([^()\n]*$|\b(?:m|km|kg|g|cm|mét|ki-lô-gam|ki-lô-mét)\s*[(/]?\s*[~≈]?\s*[\d.,]*$")
UNITS = {
    "sqft": ("square feet", "feet vuông (1 ft² ≈ 0,093 m²)"), "sqmi": ("square miles", "dặm vuông (≈ 2,59 km²)"),
    "mph": ("miles per hour", "dặm/giờ (≈ 1,61 km/h)"), "lbs": ("pounds", "pound (≈ 0,45 kg)"),
    "lb": ("pounds", "pound (≈ 0,45 kg)"), "oz": ("ounces", "ounce (≈ 28 g)"),
    "ft": ("feet", "feet (≈ 0,3 m)"), "yd": ("yards", "yard (≈ 0,91 m)"), "mi": ("miles", "dặm (≈ 1,61 km)"),
    "gal": ("gallons", "gallon (≈ 3,79 l)"),
}
_UNIT_WORD = {"sqft": "feet vuông", "sqmi": "dặm vuông", "mph": "dặm/giờ", "lbs": "pound", "lb": "pound",
              "oz": "ounce", "ft": "feet", "yd": "yard", "mi": "dặm", "gal": "gallon"}

_WORD = regex(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_QUOTES = regex(r"“[^”\n]*”|\"[^\"\n]*\"|‘[^’\n]*’|«[^»\n]*»|(?<!\w)'[^'\n]{2,}'(?!\w)|\([^)\n]*\)"
                     r"|(?<![*\w])\*(?!\*)[^*\n]+\*(?!\*)|(?<![_\w])_(?!_)[^_\n]+_(?!_)")


def _line_bounds(doc, start: int) -> tuple[int, int]:
    return doc.line_span(doc.line_index(start))


def _vietnamese_around(text: str, line_start: int, line_end: int, start: int, end: int) -> bool:
    """The rest of the line (outside ``start``..``end``) is Vietnamese."""
    return bool(_VIETNAMESE_MARKED.search(text, line_start, start) or _VIETNAMESE_MARKED.search(text, end, line_end))


#: How far around a span _enclosed looks for the quotes or brackets that
#: hold it: a scan of the whole line per candidate made long lines quadratic.
_QUOTE_REACH = 300


def _enclosed(text: str, line_start: int, line_end: int, start: int, end: int) -> bool:
    for m in _QUOTES.finditer(text, max(line_start, start - _QUOTE_REACH), min(line_end, end + _QUOTE_REACH)):
        if m.start() <= start and end <= m.end():
            return True
    return False


class TextStrayEnglish(DocumentRule):
    """
    ## What it does
    Flags English left inside Vietnamese sentences, where the line as a
    whole is Vietnamese (whole English lines and sentences are
    `text-untranslated`'s):

    - an English label before Vietnamese text (`**Note:** Bạn có thể…`,
      `Tip: …`), suggesting the Vietnamese label (`Lưu ý:`);
    - a link whose text is English wrapped in a Vietnamese sentence
      (`trong [Azure portal documentation](…)`, `trên [X.509 page on
      Wikipedia](…)`): the title may stay, the wrapper words ("page on",
      "tutorial", "documentation", "source code") are to be translated;
    - an English plural of a word the document uses as a loanword
      (`### Frameworks và hệ điều hành` where the text says `framework`):
      Vietnamese nouns do not inflect (`các framework`);
    - imperial unit abbreviations after a number (`60 mph`, `5 lbs`,
      `1.200 sq ft`).

    What counts as English is decided by word frequencies (wordfreq,
    shipped as `checker/data/english-words.tsv.gz`): a common English word
    that Vietnamese text does not borrow (found in English and not, or ten
    times less often, in Vietnamese): `note`, `tutorial`, `authorities`,
    but not `email`, `video`, `laptop`. Not reported: names (words the
    document capitalises inside its Vietnamese sentences), acronyms, code,
    technical loanwords used as such (`framework`, `container`, `relay`),
    glosses in brackets (`dữ liệu đo từ xa (telemetry)`), English in quotes
    or italics (discussed as English), a link that is the whole line or
    follows a finished sentence (a reading list, a citation), and titles in
    title case.

    Option `source_language` (`auto`, `en`, `ja`): the language the
    document was translated from. With `ja` the English-word checks (labels,
    links, plurals) are off, since English in a translation from Japanese is
    mostly names and brands the writer kept; units are still checked.
    `auto` takes the configuration's `source-language` when set, else `en`.

    ## Why is this bad?
    Machine translation leaves labels, link wrappers and inflected English
    words in place; the Vietnamese reader sees a mixed sentence, and the
    same words are translated elsewhere in the same document.

    ## Example
    ```
    **Note:** Bạn có thể đọc thêm tại [X.509 page on Wikipedia](https://…).
    ```

    ## Use instead
    ```
    **Lưu ý:** Bạn có thể đọc thêm tại [trang X.509 trên Wikipedia](https://…).
    ```
    """

    name = "text-stray-english"
    category = "untranslated"
    severity = Severity.WARNING
    options = (
        Option("source_language", "auto", "language the document was translated from",
               choices=("auto", "en", "ja")),
    )

    def check(self, doc, ctx):
        text = doc.text
        source = self.source_language(ctx)
        english = source != "ja"
        if english:
            names = _LazyNames(text)
            yield from self._labels(doc, text, names)
            yield from self._links(doc, text, names)
            yield from self._plurals(doc, text, names)
        yield from self._units(doc, text)

    @staticmethod
    def source_language(ctx) -> str:
        value = ctx.option("text-stray-english", "source_language")
        if value == "auto":
            value = getattr(ctx.config, "source_language", None) or "en"
        return value

    # -- labels --------------------------------------------------------
    def _labels(self, doc, text, names):
        for colon in _COLON.finditer(text):
            # a label starts its line: look back from each colon, a short way
            pos = colon.start()
            newline = text.rfind("\n", max(0, pos - _LABEL_REACH), pos)
            if newline == -1 and pos > _LABEL_REACH:
                continue
            match = _LABEL.match(text, newline + 1, pos + 8)
            if match is None or match.end() < pos:
                continue
            label = match.group("label")
            words = [label.lower()]
            opening, mid, closing = match.group("open"), match.group("mid"), match.group("close")
            if (opening or mid or closing) and not (opening and [mid, closing].count(opening) == 1
                                                     and not (mid and closing)):
                continue  # unbalanced emphasis
            if words[0] not in LABELS or words[0] in names:
                continue  # "Alphabet: …", "**Trojans**: …": a name, a term being defined
            line_start, line_end = _line_bounds(doc, match.start())
            if not _VIETNAMESE_MARKED.search(text, match.end(), line_end):
                continue  # an English line: text-untranslated's
            start = match.start("open") if match.group("open") else match.start("label")
            end = match.end()
            vietnamese = LABELS.get(words[0]) if len(words) == 1 else None
            suggestion = None
            if vietnamese:
                suggestion = f"{opening or ''}{vietnamese}{text[match.end('label'):end]}"
            yield self.finding(
                doc, start, end,
                f"English label '{label}:' in Vietnamese text"
                + (f"; Vietnamese writes '{vietnamese}:'" if vietnamese else ""),
                suggestion,
            )

    # -- link texts ----------------------------------------------------
    def _links(self, doc, text, names):
        spans = {(b.start, b.end) for b in getattr(doc, "blocks", ()) if b.role == "link-text"}
        if "[" in text:
            spans.update(m.span("text") for m in _LINK.finditer(text))
        for start, end in sorted(spans):
            inner = text[start:end]
            if end - start < 3 or "\n" in inner or _VIETNAMESE_MARKED.search(inner):
                continue
            if text[start - 1:start] == "[" and text[start - 2:start - 1] == "!":
                continue  # an image's alternative text
            line_start, line_end = _line_bounds(doc, start)
            if not (self._vietnamese_before(text, line_start, start) or self._vietnamese_after(text, end, line_end)):
                continue
            if _enclosed(text, line_start, line_end, start - 1, end + 1):
                continue
            reason = self._english_link_text(inner, names)
            if reason:
                yield self.finding(
                    doc, start, end,
                    f"English link text in a Vietnamese sentence: '{inner.strip()[:60]}' ({reason}); "
                    "translate the words around the title",
                )

    @staticmethod
    def _vietnamese_before(text, line_start, start) -> bool:
        """A Vietnamese word right before the link (not a finished sentence,
        a list marker, a colon): "… trên [X.509 page on Wikipedia]"."""
        before = text[max(line_start, start - 60):start].rstrip(" \t[")
        if not before or not before[-1].isalpha():
            return False
        last = _WORD.findall(before)[-1]
        return bool(_VIETNAMESE_MARKED.search(last) or (last.islower() and is_syllable(last)))

    @staticmethod
    def _vietnamese_after(text, end, line_end) -> bool:
        """A Vietnamese word right after the link and its target:
        "[Azure portal documentation](…) có hướng dẫn chi tiết"."""
        after = _AFTER_LINK.match(text, end, line_end)
        return bool(after and _VIETNAMESE_MARKED.search(after.group(1)))

    @staticmethod
    def _english_link_text(inner: str, names) -> str | None:
        inner = _PARENTHESES.sub(" ", inner)  # "YOLO (You only look once)": an expansion
        if len(inner.split()) < 2:
            return None  # a file, a folder, a host name: "code-server/server", "test.mosquitto.org"
        words = _WORD.findall(inner)
        if len(words) < 2:
            return None
        wrapped = _WRAPPED.search(inner)
        if wrapped:
            return f"'{wrapped.group('wrapper')}'"
        lowers = [w for w in words[1:] if w.islower()]
        if not lowers and not (words[0].islower()):
            return None  # a title in title case, a name
        if words[0] in _TITLE_OPENERS:
            return None  # "The layman's guide to …", "How to …": the title of a resource
        function = [w for w in words if w.lower() in ENGLISH_FUNCTION_WORDS]
        stray = [w for w in words if (w.islower() or w is words[0]) and w.lower() not in names
                 and w.lower() not in _TITLE_SMALL_WORDS and is_stray_word(w.lower())]
        if function and stray:
            return f"'{function[0]}', '{stray[0]}'"
        if len([w for w in stray if w.islower()]) >= 1 and len(stray) >= 2:
            return f"'{stray[0]}', '{stray[1]}'"
        return None

    # -- plurals -------------------------------------------------------
    def _plurals(self, doc, text, names):
        loanwords = None  # built for the first candidate that needs them: most documents have none
        for match in _S_END.finditer(text):
            # the ASCII word that ends here (found backwards: a literal "s"
            # is many times faster to search for than a word pattern)
            end = match.end()
            start = end - 1
            while start > 0 and text[start - 1] in _ASCII_LETTERS:
                start -= 1
            word = text[start:end]
            if len(word) < 4 or not word[1:].islower() or (start and text[start - 1] in _WORD_BEFORE) \
                    or text[end:end + 1] in ("-", "/", "@") or (text[end:end + 1] == "." and text[end + 1:end + 2].isalnum()):
                continue
            if not word[1:].isascii() or (start and text[start - 1].isalnum()):
                continue
            low = word.lower()
            freq = english_frequency(low)
            if freq is None or freq[1] > 0:
                continue  # not a common English word, or one Vietnamese uses as is
            singulars = [form for form in (low[:-1], low[:-2] if low.endswith("es") else None)
                         if form and english_frequency(form) is not None]
            if not singulars:
                continue
            # The tests of the word's place come before the loanwords, a
            # scan of the whole document that few candidates get this far
            # to need (8 documents of 2,653 news articles, against 147).
            line_start, line_end = _line_bounds(doc, start)
            if not _VIETNAMESE_MARKED.search(text, line_start, line_end):
                continue
            # part of an English compound or a name ("serverless functions",
            # "Azure Functions", "edge devices"): the neighbours are not English
            prev_words = _WORD.findall(text[max(line_start, start - 30):start])
            next_words = _WORD.findall(text[end:min(line_end, end + 30)])
            if prev_words and _looks_english(prev_words[-1]) and text[start - 1:start] in " \t":
                continue
            if next_words and _looks_english(next_words[0]) and text[end:end + 1] in " \t":
                continue
            if _enclosed(text, line_start, line_end, start, end) or _in_link_text(text, line_start, start, end):
                continue
            if word[0].isupper() and text[line_start:start].strip(" \t#>*-+0123456789.)"):
                continue  # capitalised inside a sentence: a name
            if loanwords is None:
                loanwords = _loanwords(text)
            singular = next((form for form in singulars if form in loanwords), None)
            if singular is None or low in names:
                continue  # "ứng dụng Functions": a name the document capitalises
            suggestion = singular if word[0].islower() else singular.capitalize()
            yield self.finding(
                doc, start, end,
                f"English plural '{word}' in Vietnamese text: Vietnamese nouns do not inflect "
                f"(the document writes '{singular}')",
                suggestion,
            )

    # -- units ---------------------------------------------------------
    def _units(self, doc, text):
        if not any(part in text for part in _UNIT_PARTS):
            return
        for match in _UNIT.finditer(text):
            unit = match.group("unit")
            key = re.sub(r"[\s.]", "", unit.lower())
            if key not in UNITS:
                continue
            start, end = match.span("unit")
            if text.startswith("(", end) or text.startswith(" (", end) or _CONVERSION_BEFORE.search(
                    text, max(0, match.start() - 20), match.start()):
                continue  # "900lb (~410kg)", "(khoảng 30 ft)": given with its conversion
            line_start, line_end = _line_bounds(doc, start)
            if not _VIETNAMESE_MARKED.search(text, line_start, line_end):
                continue
            if key in ("mi", "ft", "gal", "oz") and not _VIETNAMESE_MARKED.search(text, end, min(line_end, end + 40)):
                # short symbols are checked only in running Vietnamese text
                continue
            english, vietnamese = UNITS[key]
            yield self.finding(
                doc, start, end,
                f"English unit abbreviation '{unit}' ({english}) in Vietnamese text: "
                f"write {vietnamese} or convert to metric",
                _UNIT_WORD[key],
            )


def _looks_english(word: str) -> bool:
    if _VIETNAMESE_MARKED.search(word):
        return False
    low = word.lower()
    return not is_syllable(low) or low in ENGLISH_FUNCTION_WORDS


def _in_link_text(text: str, line_start: int, start: int, end: int) -> bool:
    opening = text.rfind("[", line_start, start)
    if opening == -1 or "]" in text[opening:start]:
        return False
    line_end = text.find("\n", end)
    closing = text.find("]", end, line_end if line_end != -1 else len(text))  # link texts end on their line
    return closing != -1 and "[" not in text[end:closing]


# The first letter, then the look-behind on the character before it: a
# pattern that starts with a class is scanned far faster than one starting
# with a look-behind. [a-z]*+ gives nothing back: the look-ahead rejects a
# letter, so a shorter run could never match.
_LOWER_WORD = regex(r"[a-z](?<![\w.\-/@#_`*][a-z])[a-z]*+(?![\w\-/@*_`])")


def _loanwords(text: str) -> frozenset[str]:
    """The lower-case ASCII words that occur as words of their own amid
    Vietnamese text (a marked letter within 100 characters): the words the
    document uses as loanwords. One pass over the text, for all candidates
    (a scan per candidate made long documents quadratic)."""
    marked = _VIETNAMESE_MARKED.search
    if not marked(text):
        return frozenset()
    found = set()
    for match in _LOWER_WORD.finditer(text):
        word = match.group()
        if word in found:
            continue
        # a marked letter within 100 characters: a search of that window
        # (marks are dense in Vietnamese, so it stops early) rather than a
        # list of every marked letter of the document
        if marked(text, max(0, match.start() - 100), match.end() + 100):
            found.add(word)
    return frozenset(found)


class _LazyNames:
    """:func:`prose_names` of a document, computed on the first look-up
    (most documents never need them)."""

    def __init__(self, text: str):
        self.text = text
        self.names = None

    def __contains__(self, word) -> bool:
        if self.names is None:
            self.names = prose_names(self.text)
        return word in self.names
