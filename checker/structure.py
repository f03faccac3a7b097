"""Document structure: which parts of a file are prose, and which are not.

Markdown is parsed by markdown-it-py (CommonMark plus tables) for its
blocks; each block token carries the lines it spans in the file as
written, so roles map back to raw offsets without re-rendering. Inside the
lines of a block, the inline constructs that are not prose (code spans,
link targets, autolinks, HTML tags and comments, URLs, e-mail addresses,
file paths) are found by a small scanner over the raw text, because
markdown-it's inline tokens carry no positions.

Plain text gets the same treatment only where it is unambiguous: URLs,
e-mail addresses, file paths, and lines that are clearly code or JSON.

The result is a :class:`Structure`: the text with every non-prose span
blanked to spaces (line breaks kept, so offsets and line numbers are those
of the file), the blocks with their roles, and the blanked spans with their
kinds. Rules read the blanked text, so nothing is ever reported inside
code, comments, front matter or URLs.

Bilingual layouts (a source line, then its Vietnamese translation, as many
bilingual pages are written; found by checker/bilingual.py) are handled
here too: the source lines are blanked as ``source-line`` and each pair is
returned so that the rules comparing a translation with its source
(figure-source, term-source) can use them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from .bilingual import LAYOUT_DIRECTIVE, bilingual_pairs
from .document import Block, Document, line_starts
from .normalise import to_nfc
from .patterns import matches_at, occurrences, regex
from .suppressions import parse_directives, with_directives


@dataclass(frozen=True)
class Structure:
    """What a document's format says of its text: the blocks and their roles, and the spans the rules skip."""

    text: str
    blocks: tuple[Block, ...]
    skipped: tuple[tuple[int, int, str], ...]
    #: ``(target_start, target_end, source_text)`` per bilingual pair.
    pairs: tuple[tuple[int, int, str], ...] = ()


_NOT_A_LINE_BREAK = regex(r"[^\r\n]")


def _blank(text: str, spans) -> str:
    """``text`` with each span replaced by spaces, line breaks kept."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end, _ in sorted(spans):
        if start < last:
            start = last
        if end <= start:
            continue
        parts.append(text[last:start])
        piece = text[start:end]
        if "\n" in piece or "\r" in piece:
            parts.append(_NOT_A_LINE_BREAK.sub(" ", piece))
        else:  # most spans: a URL, a path, inline code
            parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _merge(spans) -> list[tuple[int, int, str]]:
    """Sorted spans with overlaps removed (the earlier, outer span wins)."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            if end > merged[-1][1] and merged[-1][2] == kind:
                merged[-1] = (merged[-1][0], end, kind)
            elif end > merged[-1][1]:
                merged.append((merged[-1][1], end, kind))
            continue
        merged.append((start, end, kind))
    return merged


# --------------------------------------------------------------------------
# inline constructs that are not prose (shared by Markdown and plain text)

_URL = regex(r"(?:\b(?:https?|ftp|file)://|\bwww\.)[^\s<>\"'`]+", re.I)
_EMAIL = regex(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Both patterns start with \b (and _URL ignores case), which leaves the
# regex engine no first character to skip ahead to: searched for, they are
# tried at every position of the text. They are tried only where a match
# can start instead (_url_matches, _email_matches), with the same results.
#: "www." in any case (a URL without a scheme).
_WWW = regex(r"[wW]{3}\.")
#: Where an e-mail address can start: at a character of its local part.
_EMAIL_LOCAL_CHARS = frozenset("_.+-")
_FILE_EXTENSIONS = (
    "py|pyc|ipynb|js|mjs|ts|tsx|jsx|json|jsonc|md|txt|csv|tsv|c|cc|cpp|h|hpp|ino|cs|java|kt|go|rs|rb|php|sh|bash|"
    "ps1|bat|cmd|yaml|yml|toml|ini|cfg|conf|xml|html|htm|css|scss|png|jpe?g|gif|svg|bmp|webp|wav|mp3|mp4|zip|"
    "tar|gz|whl|exe|dll|so|bin|hex|uf2|pem|crt|key|cer|pfx|env|lock|log|sql|db|onnx|tflite|pt|h5|pkl"
)
#: A path: starts with /, ./, ../, ~/ or a drive letter, or has two slashes,
#: or ends with a known file extension. "km/h", "và/hoặc" and
#: "Input/Output" are not paths. Tried only on the tokens that hold a
#: slash, a backslash or a dot followed by a letter (_PATH_TRIGGERS), which
#: is many times faster than trying the alternation at every position.
_PATH = regex(
    r"(?:"
    r"(?:\.{1,2}/|~/|/(?=[\w.-]+/))[\w.@~+-]+(?:/[\w.@~+-]+)*/?"
    r"|[A-Za-z]:\\[\w.\\-]*[\w.-]"
    r"|[\w.@~+-]+(?:/[\w.@~+-]+){2,}/?"
    rf"|(?:[\w@~+-]+/)*[\w~+-][\w.~+-]*\.(?:{_FILE_EXTENSIONS})"
    r")"
)
# What a path holds: a slash, a backslash or a dot followed by a letter;
# the slashes found by str.find (faster than a regex scan for one
# character), the dots by a pattern with a literal prefix, which the regex
# engine scans for several times faster than for an alternation.
_DOT_LETTER = regex(r"\.[A-Za-z]")
_TOKEN_STOP = frozenset(" \t\r\n<>\"'`()[]{},;|*")
_TOKEN_REST = regex(r"[^\s<>\"'`()\[\]{},;|*]*")
_TRAILING_PUNCT = ".,;:!?)]}'\""


def _trimmed(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in _TRAILING_PUNCT:
        if text[e - 1] == ")" and text.count("(", s, e) >= text.count(")", s, e):
            break
        e -= 1
    return e


def _inline_plain(text: str, start: int, end: int, out: list) -> None:
    """URLs, e-mail addresses and file paths between ``start`` and ``end``."""
    slashes = occurrences(text, "/", start, end)
    # URLs are looked for where "://" or "www." (as written) is: "://" among
    # the slashes, "www." only where there is a "w" (str.find finds one
    # character several times faster than a string).
    has_scheme = any(slash > start and text.startswith("://", slash - 1, end) for slash in slashes)
    urls = []
    if has_scheme or (text.find("w", start, end) != -1 and text.find("www.", start, end) != -1):
        for match in _url_matches(text, start, end):
            s, e = match.start(), _trimmed(text, *match.span())
            out.append((s, e, "url"))
            urls.append((s, e))
    if text.find("@", start, end) != -1:
        for match in _email_matches(text, start, end):
            out.append((match.start(), _trimmed(text, *match.span()), "email"))
    token_end = start
    triggers = slashes + occurrences(text, "\\", start, end)
    triggers.extend(match.start() for match in _DOT_LETTER.finditer(text, start, end))
    triggers.sort()
    for trigger in triggers:
        if trigger < token_end:
            continue  # inside the token just judged
        s = trigger
        while s > start and text[s - 1] not in _TOKEN_STOP:
            s -= 1
        token_end = _TOKEN_REST.match(text, trigger, end).end()
        e = _trimmed(text, s, token_end)
        while s < e and text[s] in ":=":  # "key=./x", ":7071/api/…" (a port before a path)
            s += 1
        if e - s < 3 or in_spans(urls, s):
            continue
        token = text[s:e]
        if _PATH.fullmatch(token) and _looks_like_path(token):
            out.append((s, e, "path"))


def _url_matches(text: str, start: int, end: int) -> list[re.Match]:
    """``_URL.finditer(text, start, end)``, trying the pattern only where a
    URL can start: 3 to 5 characters (the scheme: ftp, http, file, https)
    before a "://", and at "www." in any case."""
    candidates = set()
    for pos in occurrences(text, "://", start, end):
        candidates.update(range(max(start, pos - 5), pos - 2))
    candidates.update(match.start() for match in _WWW.finditer(text, start, end))
    return list(matches_at(_URL, text, sorted(candidates), end))


def _email_matches(text: str, start: int, end: int) -> list[re.Match]:
    """``_EMAIL.finditer(text, start, end)``, trying the pattern only in the
    run of local-part characters (``[\\w.+-]``) before each "@": a match
    holds one "@", and starts in the run before it."""
    candidates: list[int] = []
    for at in occurrences(text, "@", start, end):
        first = at
        while first > start and (text[first - 1].isalnum() or text[first - 1] in _EMAIL_LOCAL_CHARS):
            first -= 1
        candidates.extend(range(first, at))
    return list(matches_at(_EMAIL, text, candidates, end))


def in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    """``pos`` lies in one of ``spans`` (sorted, not overlapping): one
    bisect, where a scan of every span made long lines quadratic."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


_DIGITS_AND_SEPARATORS = regex(r"[\d./:-]+")


def _looks_like_path(token: str) -> bool:
    # "1.5GHz.py" cannot happen, but a number with a dot ("3.5") or a version
    # ("v1.2") must not read as a file name.
    if _DIGITS_AND_SEPARATORS.fullmatch(token):
        return False  # a date (11/25/2025, 2024/10/15), a ratio or a number, not a path
    stem, _, suffix = token.rpartition(".")
    if "/" not in token and "\\" not in token:
        return bool(stem) and not stem.replace(".", "").isdigit() and any(c.isalpha() for c in stem)
    return True


_CODE_SPAN = regex(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_COMMENT = regex(r"<!--.*?-->", re.S)
_HTML_TAG = regex(r"</?[A-Za-z][\w:-]*(?:\s+[^<>]*?)?/?>")
_AUTOLINK = regex(r"<(?:[A-Za-z][\w+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_REF_LINK = regex(r"\]\[([^\]\n]*)\]")


def _inline_markdown(text: str, start: int, end: int, skipped: list, links: list) -> None:
    """Non-prose inline constructs of a Markdown block's raw text."""
    # Most blocks have no backquote and no "<": a look for the character
    # spares the patterns needing one (_CODE_SPAN, starting with a
    # lookbehind, would be tried at every position).
    code: list[tuple[int, int]] = []
    if text.find("`", start, end) != -1:
        for match in _CODE_SPAN.finditer(text, start, end):
            if "\n\n" in match.group(0):
                continue
            skipped.append((match.start(), match.end(), "inline-code"))
            code.append(match.span())
    if text.find("<", start, end) != -1:
        for pattern, kind in ((_HTML_COMMENT, "comment"), (_AUTOLINK, "url"), (_HTML_TAG, "html")):
            for match in pattern.finditer(text, start, end):
                if not in_spans(code, match.start()):
                    skipped.append((match.start(), match.end(), kind))
    # [text](target "title") and ![alt](target): the target is not prose.
    pos = text.find("](", start, end)
    while pos != -1:
        if not in_spans(code, pos):
            close = _matching_paren(text, pos + 1, end)
            if close is not None:
                skipped.append((pos + 1, close + 1, "link-target"))
                opening = _matching_bracket(text, pos, start)
                if opening is not None:
                    links.append((opening + 1, pos))
        pos = text.find("](", pos + 2, end)
    for match in _REF_LINK.finditer(text, start, end):
        if not in_spans(code, match.start()):
            skipped.append((match.start() + 1, match.end(), "link-target"))
            opening = _matching_bracket(text, match.start(), start)
            if opening is not None:
                links.append((opening + 1, match.start()))
    _inline_plain(text, start, end, skipped)


#: Link texts and targets are looked for at most this far from their
#: "](": a bracket-heavy line must not cost a scan per bracket.
_LINK_REACH = 500


def _matching_paren(text: str, open_at: int, limit: int) -> int | None:
    depth = 0
    for i in range(open_at, min(limit, open_at + _LINK_REACH)):
        char = text[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        elif char == "\n" and text.startswith("\n", i + 1):
            return None
    return None


def _matching_bracket(text: str, close_at: int, limit: int) -> int | None:
    depth = 0
    for i in range(close_at, max(limit, close_at - _LINK_REACH) - 1, -1):
        char = text[i]
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return i
    return None


# --------------------------------------------------------------------------
# Markdown

_FRONT_MATTER = regex(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_TABLE_RULE = regex(r"^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$")
_MD = None


def _markdown_parser():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt  # only Markdown files pay for the parser

        _MD = MarkdownIt("commonmark").enable("table")
    return _MD


def markdown_structure(text: str) -> Structure:
    starts = line_starts(text)
    n_lines = len(starts)

    def line_start(i: int) -> int:
        return starts[i] if i < n_lines else len(text)

    def line_end(i: int) -> int:  # end of line i without its break
        end = starts[i + 1] - 1 if i + 1 < n_lines else len(text)
        if end > starts[i] and text[end - 1] == "\r":
            end -= 1
        return end

    skipped: list[tuple[int, int, str]] = []
    source = text
    front = _FRONT_MATTER.match(text)
    if front:
        skipped.append((0, front.end(), "front-matter"))
        # keep line numbers: markdown-it sees blank lines where the front matter was
        source = re.sub(r"[^\n]", "", text[:front.end()]) + text[front.end():]
    if "\r" in source:  # markdown-it also breaks lines at a lone CR; our line numbers do not
        source = re.sub(r"\r(?!\n)", " ", source)
    tokens = _markdown_parser().parse(source)
    covered = [False] * n_lines
    blocks: list[tuple[int, int, str]] = []
    inline_spans: list[tuple[int, int]] = []
    containers: list[str] = []
    for token in tokens:
        kind = token.type
        if kind in ("blockquote_open", "list_item_open"):
            containers.append("quote" if kind == "blockquote_open" else "list-item")
        elif kind in ("blockquote_close", "list_item_close"):
            if containers:
                containers.pop()
        if token.map is None:
            continue
        first, last = token.map
        if kind in ("fence", "code_block"):
            skipped.append((line_start(first), line_end(last - 1) if last > first else line_start(first), "code"))
            covered[first:last] = [True] * (last - first)
        elif kind == "html_block":
            content = token.content.lstrip()
            skipped.append((line_start(first), line_end(last - 1), "comment" if content.startswith("<!--")
                            else "html"))
            covered[first:last] = [True] * (last - first)
        elif kind == "heading_open":
            blocks.append((line_start(first), line_end(last - 1), "heading"))
            inline_spans.append((line_start(first), line_end(last - 1)))
            covered[first:last] = [True] * (last - first)
        elif kind == "paragraph_open":
            role = containers[-1] if containers else "prose"
            span = (line_start(first), line_end(last - 1))
            if role == "prose" and last - first == 1 and _is_caption(text[span[0]:span[1]]):
                role = "caption"
            blocks.append((*span, role))
            inline_spans.append(span)
            covered[first:last] = [True] * (last - first)
        elif kind == "table_open":
            for i in range(first, last):
                s, e = line_start(i), line_end(i)
                if _TABLE_RULE.match(text[s:e]):
                    skipped.append((s, e, "table-rule"))
                    continue
                blocks.extend(_cells(text, s, e))
                inline_spans.append((s, e))
            covered[first:last] = [True] * (last - first)
        elif kind == "hr":
            covered[first:last] = [True] * (last - first)
    # Lines no block claims are link reference definitions ("[1]: https://…").
    for i in range(n_lines):
        if not covered[i]:
            s, e = line_start(i), line_end(i)
            if text[s:e].strip() and not (front and s < front.end()):
                skipped.append((s, e, "link-definition"))
    links: list[tuple[int, int]] = []
    for s, e in inline_spans:
        _inline_markdown(text, s, e, skipped, links)
    merged = _merge(skipped)
    return Structure(_blank(text, merged), _with_links(blocks, links), tuple(merged))


_SENTENCE_END = regex(r"[.!?…。]\s*$")


def _is_caption(line: str) -> bool:
    """A short line that labels or captions rather than says: ``**Note:**``,
    ``Ảnh: …``, a figure caption. Sentences end with a full stop."""
    stripped = line.strip()
    return 0 < len(stripped) <= 80 and not _SENTENCE_END.search(stripped)


_CELL = regex(r"[^|]+")


def _cells(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(piece.start(), piece.end(), "cell") for piece in _CELL.finditer(text, start, end)
            if not piece.group().isspace()]


def _with_links(blocks, links) -> tuple[Block, ...]:
    """Blocks with link texts cut out of them as ``link-text`` blocks, so
    that blocks never overlap and ``role_at`` stays a bisection."""
    blocks = sorted(blocks)
    if not links:
        return tuple(Block(s, e, r) for s, e, r in blocks)
    links = sorted(set(links))
    out: list[Block] = []
    li = 0
    for start, end, role in blocks:
        pos = start
        while li < len(links) and links[li][0] < start:
            li += 1
        j = li
        while j < len(links) and links[j][0] < end:
            ls, le = links[j]
            le = min(le, end)
            if ls >= pos and le > ls:
                if ls > pos:
                    out.append(Block(pos, ls, role))
                out.append(Block(ls, le, "link-text"))
                pos = le
            j += 1
        if pos < end:
            out.append(Block(pos, end, role))
    return tuple(out)


# --------------------------------------------------------------------------
# plain text

_CODE_LINE = regex(
    r"^[ \t]*(?:"
    r"(?:import|from)[ \t]+[\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]+import[ \t]+[\w.*, ]+)?"   # Python imports
    r"|(?:def|class)[ \t]+\w+[ \t]*[(:].*:"                                   # Python definitions
    r"|#include[ \t]*[<\"].*"                                                  # C includes
    r"|[\w.\[\]'\"]+[ \t]*(?:=|\+=|-=)[ \t]*[\w.]+\(.*\)[ \t]*;?"         # x = f(...)
    r"|[\w.]+\(.*\)[ \t]*;"                                                   # f(...);
    r"|\$[ \t]+\S.*"                                                           # shell prompt
    r"|[{}\[\]],?"                                                             # JSON braces
    r"|\"[\w .-]+\"[ \t]*:[ \t]*(?:\"[^\"\n]*\"|[-\d.]+|true|false|null|[{\[])[ \t]*,?"  # "key": value
    r")[ \t]*\r?$",
    re.M,
)


# _CODE_LINE starts with ^: searched for, it is tried at every position of
# the text. It is tried only at the start of the lines it can match: those
# whose first character after blanks can start an alternative (import,
# from, def, class, #include, $, a brace, a "key"), and those ending as the
# two calls do, in ")" (and ";"). A match never spans lines, so these are
# the matches of _CODE_LINE.finditer (tests/test_structure.py checks).
_CODE_LINE_HEAD = regex(r"\n[ \t]*[ifdc#$\[\]{}\"]")
_CODE_LINE_TAIL = regex(r"\)[ \t]*;?[ \t]*\r?(?:\n|\Z)")


def _code_lines(text: str) -> list[re.Match]:
    candidates = {0}  # line starts
    candidates.update(match.start() + 1 for match in _CODE_LINE_HEAD.finditer(text))
    if ")" in text:
        candidates.update(text.rfind("\n", 0, match.start()) + 1 for match in _CODE_LINE_TAIL.finditer(text))
    return list(matches_at(_CODE_LINE, text, sorted(candidates)))


def text_structure(text: str) -> Structure:
    skipped: list[tuple[int, int, str]] = []
    for match in _code_lines(text):
        end = match.end()
        if end > match.start() and text[end - 1] == "\r":
            end -= 1
        skipped.append((match.start(), end, "code"))
    _inline_plain(text, 0, len(text), skipped)
    merged = _merge(skipped)
    return Structure(_blank(text, merged), (), tuple(merged))


# --------------------------------------------------------------------------
# bilingual layouts

def with_bilingual(structure: Structure, forced: bool | None = None) -> Structure:
    """``structure`` with the source lines of a bilingual layout blanked."""
    pairs = bilingual_pairs(structure.text, forced)
    if not pairs:
        return structure
    source_spans = [(s, e, "source-line") for s, e, _, _ in pairs]
    merged = _merge([*structure.skipped, *source_spans])
    return Structure(_blank(structure.text, source_spans), structure.blocks, tuple(merged),
                     tuple((ts, te, structure.text[s:e].strip()) for s, e, ts, te in pairs))


# --------------------------------------------------------------------------
# documents from text

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def structured_document(name: str, text: str):
    """A plain-text or Markdown document: structure parsed, non-prose
    blanked, a bilingual layout paired, ``mtlint:`` directives read."""
    # Text that is not NFC (decomposed marks) is checked as NFC; ``doc.offsets``
    # takes positions back to the file as written (checker/normalise.py).
    normalised = to_nfc(text)
    written, text = (text, normalised[0]) if normalised else (text, text)
    if name.lower().endswith(MARKDOWN_SUFFIXES):
        structure = markdown_structure(text)
    else:
        structure = text_structure(text)
    has_directives = "mtlint:" in text  # a search of the whole text: done once
    layout = LAYOUT_DIRECTIVE.search(text) if has_directives else None
    structure = with_bilingual(structure, None if layout is None else layout.group(1) == "bilingual")
    doc = Document(name, structure.text, raw=text if structure.text != text else None,
                   blocks=structure.blocks, skipped=structure.skipped)
    if structure.pairs:
        doc = replace(doc, segments=structure.pairs,
                      source="\n\n".join(source for _, _, source in structure.pairs))
    if has_directives:
        doc = with_directives(doc)
    if normalised:  # directives at positions of the file as written
        doc = replace(doc, raw=written, offsets=normalised[1],
                      directives=parse_directives(written, name) if doc.directives else ())
    return doc
