"""The model behind ``mtlint report``: everything the HTML formatter shows,
computed here so that the formatter only renders.

:func:`build_report` takes a run's :class:`LintResult`, the documents it
read and the glossary (:func:`write_report` takes them from the
:class:`checker.run.Run`, which kept each document with the views its
lint computed: the report reads no file and scans no text again), and builds:

- the summary (counts by severity, rule and category, with bar fractions);
- per document, each finding with its line in context split into
  highlighted segments, and the whole text with every finding marked;
- the entity view: every glossary match of every document (accepted ones
  too) grouped by entry and rendering, plus findings of glossary-free name
  rules grouped by their suggestion;
- the figures view (findings of the ``figure-*`` rules / figure
  categories, with the value parsed from the flagged quantity);
- with references, sacrebleu scores per document and per aligned paragraph
  and the weakest paragraphs next to their findings.

All text stays raw here; the template escapes it. (Long, as one view
model: the dataclasses the template reads and the code that fills them
belong together; the rendering is in checker/formatters/html.py.)
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from . import __version__
from . import rules as registry
from .context import CheckContext
from .document import Document, DocumentError
from .formatters import html
from .loaders import load_document
from .model import CATEGORIES, Finding, InputProblem, LintResult, Severity
from .patterns import regex
from .quantities import describe, format_vi, parse_number_words, parse_quantities
from .run import Run
from .scoring import score_document

#: Categories whose findings are about how a name is written.
NAME_CATEGORIES = ("name-variant", "diacritics", "name-order", "casing")
#: Categories shown in the figures view (with any ``figure-*`` rule).
FIGURE_CATEGORIES = ("number-format", "implausible-figure", "count-mismatch", "figure-conflict")
#: Context around a finding: characters of the finding's own line shown
#: before and after the span, and of a neighbouring line.
CONTEXT_CHARS = 200
NEIGHBOUR_CHARS = 240
#: Weakest paragraphs listed per document.
WEAKEST = 5
#: Up to this many documents every full text is included; in larger runs
#: only the texts of documents with findings or reference scores (a report
#: of thousands of clean articles would otherwise weigh tens of megabytes).
FULL_TEXT_MAX_DOCS = 100

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_VERDICT_LABELS = {
    None: "accepted",
    "variant": "wrong variant",
    "source": "untranslated source form",
    "order": "reversed name order",
    "diacritics": "wrong diacritics",
    "casing": "wrong capitals",
}


class ReportError(Exception):
    """A problem with the report's inputs; the message names the file."""


# --------------------------------------------------------------------------
# view types

@dataclass(frozen=True)
class Segment:
    text: str
    #: ids of the findings covering this piece (empty: plain text)
    finding_ids: tuple[str, ...] = ()
    #: the highest severity among them, for the highlight colour
    severity: str | None = None


@dataclass
class LineView:
    number: int
    anchor: str
    segments: list[Segment]
    focus: bool = False
    clipped_left: bool = False
    clipped_right: bool = False
    #: chrF of the aligned paragraph starting on this line (with a reference)
    chrf: float | None = None


#: Text with inline code: (text, is_code) pieces, from Markdown backticks.
Inline = tuple[tuple[str, bool], ...]


def inline(text: str) -> Inline:
    """Split Markdown-style `code` spans out of ``text``."""
    pieces = text.split("`")
    if len(pieces) % 2 == 0:  # an unpaired backtick: plain text
        return ((text, False),) if text else ()
    return tuple((piece, i % 2 == 1) for i, piece in enumerate(pieces) if piece)


@dataclass(frozen=True)
class DocBlock:
    kind: str  # "heading" | "text" | "code"
    text: str

    @property
    def parts(self) -> Inline:
        return inline(self.text)


@dataclass
class RuleDoc:
    name: str
    summary: str
    severity: str
    category: str
    blocks: list[DocBlock]

    @property
    def summary_parts(self) -> Inline:
        return inline(self.summary)


@dataclass
class FindingView:
    id: str
    finding: Finding
    doc_index: int
    doc_anchor: str
    flagged: str
    context: list[LineView]
    rule_doc: RuleDoc | None

    @property
    def severity(self) -> str:
        return str(self.finding.severity)


@dataclass
class CountRow:
    label: str
    count: int
    #: count / largest count of the table, for the bar width
    fraction: float
    severity: str | None = None
    note: str = ""

    @property
    def note_parts(self) -> Inline:
        return inline(self.note)


@dataclass
class ParagraphView:
    first_line: int | None
    last_line: int | None
    anchor: str | None
    chrf: float
    text: str
    reference_text: str
    reference_line: int | None
    findings: list[FindingView]


@dataclass
class ScoreView:
    chrf: float
    bleu: float
    ter: float
    reference_path: str
    paragraphs: int
    reference_paragraphs: int
    one_to_one: bool
    aligned_pairs: int
    weakest: list[ParagraphView]
    #: reference paragraphs with no counterpart in the translation
    missing: list[ParagraphView]
    #: sacrebleu's signature string of each metric
    signatures: dict[str, str] = field(default_factory=dict)


@dataclass
class DocView:
    index: int
    path: str
    anchor: str
    findings: list[FindingView]
    counts: dict[str, int]
    lines: list[LineView]
    scores: ScoreView | None = None
    reference_note: str | None = None


@dataclass
class Occurrence:
    doc_index: int
    path: str
    line: int
    column: int
    href: str
    finding_id: str | None
    label: str


@dataclass
class Rendering:
    text: str
    status: str
    accepted: bool
    occurrences: list[Occurrence]
    #: the rule that reported it (None for accepted forms, or a verdict no
    #: selected rule reports)
    rule: str | None = None

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def reported(self) -> int:
        return sum(1 for o in self.occurrences if o.finding_id)


@dataclass
class EntityView:
    id: str
    name: str
    kind: str
    origin: str  # "glossary" | "detected"
    renderings: list[Rendering]

    @property
    def total(self) -> int:
        return sum(r.count for r in self.renderings)

    @property
    def wrong(self) -> int:
        return sum(r.count for r in self.renderings if not r.accepted)

    @property
    def consistent(self) -> bool:
        """Every rendering is accepted: "Ishiba" and "Ishiba Shigeru" (a short
        form and the canonical) are two right ways to write one name."""
        return self.wrong == 0

    @property
    def doc_indexes(self) -> list[int]:
        return sorted({o.doc_index for r in self.renderings for o in r.occurrences})


@dataclass
class FigureView:
    finding: FindingView
    quantity: str
    value: str | None
    reason: str


@dataclass
class Report:
    title: str
    version: str
    generated: str
    inputs: list[str]
    glossary_paths: list[str]
    files: int
    total: int
    severities: list[CountRow]
    rules: list[CountRow]
    categories: list[CountRow]
    documents: list[DocView]
    entities: list[EntityView]
    figures: list[FigureView]
    problems: list[InputProblem]
    rule_docs: dict[str, RuleDoc]
    signatures: dict[str, str] = field(default_factory=dict)
    #: (document path, why it has no reference)
    reference_problems: list[tuple[str, str]] = field(default_factory=list)

    @cached_property
    def has_scores(self) -> bool:
        return any(d.scores for d in self.documents)

    @cached_property
    def inconsistent_entities(self) -> list[EntityView]:
        return [e for e in self.entities if not e.consistent]

    @cached_property
    def consistent_entities(self) -> list[EntityView]:
        return [e for e in self.entities if e.consistent]


# --------------------------------------------------------------------------
# inputs

def resolve_references(reference: str, documents: list[Document],
                       roots: list[str] | None = None) -> tuple[dict[str, Document], list[tuple[str, str]]]:
    """Map each document to its reference translation.

    ``reference`` is a file (only with a single document) or a folder holding
    files of the same names (looked up by the path relative to the folder
    given on the command line, then by file name). Returns the references
    found and a (path, note) for each document without one.
    """
    if not os.path.exists(reference):
        raise ReportError(f"{reference}: reference not found")
    if os.path.isfile(reference):
        if len(documents) != 1:
            raise ReportError(
                f"{reference}: a reference file needs exactly one document, got {len(documents)}; "
                "give a folder of references with the same file names")
        return {documents[0].path: _load_reference(reference)}, []
    found, notes = {}, []
    for doc in documents:
        candidates = []
        for root in roots or ():
            if os.path.isdir(root):
                relative = os.path.relpath(doc.path, root)
                if not relative.startswith(".."):
                    candidates.append(os.path.join(reference, relative))
        candidates.append(os.path.join(reference, os.path.basename(doc.path)))
        match = next((c for c in candidates if os.path.isfile(c)), None)
        if match is None:
            notes.append((doc.path, f"no reference {os.path.basename(doc.path)} in {reference}"))
        else:
            found[doc.path] = _load_reference(match)
    return found, notes


def _load_reference(path: str) -> Document:
    try:
        return load_document(path)
    except DocumentError as exc:
        where = f"{exc.path}:{exc.line}" if exc.line else exc.path
        raise ReportError(f"{where}: reference {exc.message}") from None


# --------------------------------------------------------------------------
# building blocks

def rule_documentation(rule) -> RuleDoc:
    """A rule's docstring as headings, paragraphs and code blocks."""
    blocks: list[DocBlock] = []
    paragraph: list[str] = []
    code: list[str] | None = None

    def flush():
        if paragraph:
            blocks.append(DocBlock("text", " ".join(paragraph)))
            paragraph.clear()

    for line in rule.documentation().splitlines():
        if code is not None:
            if line.strip().startswith("```"):
                blocks.append(DocBlock("code", "\n".join(code)))
                code = None
            else:
                code.append(line)
        elif line.strip().startswith("```"):
            flush()
            code = []
        elif line.startswith("#"):
            flush()
            blocks.append(DocBlock("heading", line.lstrip("#").strip()))
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
    flush()
    if code:
        blocks.append(DocBlock("code", "\n".join(code)))
    return RuleDoc(rule.name, rule.summary(), str(rule.severity), rule.category, blocks)


def _as_written(doc: Document) -> Document:
    """The file as written, which finding positions refer to: the document
    itself, or for text extracted from HTML/DOCX/XLIFF/PO (or with masked
    directives) a document of its ``raw`` text."""
    raw = getattr(doc, "raw", None)
    return doc if raw is None or raw == doc.text else Document(doc.path, raw)


def _mapper(linted: Document, shown: Document):
    """Offsets of the linted text -> offsets of the file as written."""
    if linted is shown or getattr(linted, "offsets", None) is None:
        return lambda offset, end=False: offset

    def convert(offset: int, end: bool = False) -> int:
        line, column = linted.line_col(offset, end)
        return _offset(shown, line, column)

    return convert


def _offset(doc: Document, line: int, column: int) -> int:
    index = min(max(line, 1), len(doc.line_starts)) - 1
    start, end = doc.line_span(index)
    return min(start + max(column, 1) - 1, end)


def _segments(text: str, spans: list[tuple[int, int, str, Severity]], base: int = 0) -> list[Segment]:
    """Split ``text`` (starting at offset ``base``) at every span boundary;
    each piece knows the findings covering it."""
    end_of_text = base + len(text)
    cuts = {base, end_of_text}
    for start, end, _, _ in spans:
        cuts.update(o for o in (start, end) if base < o < end_of_text)
    ordered = sorted(cuts)
    segments = []
    for a, b in zip(ordered, ordered[1:]):
        covering = [(fid, sev) for start, end, fid, sev in spans if start <= a and b <= end and start < end]
        ids = tuple(fid for fid, _ in covering)
        severity = str(max(sev for _, sev in covering)) if covering else None
        piece = text[a - base:b - base]
        if segments and segments[-1].finding_ids == ids:
            segments[-1] = Segment(segments[-1].text + piece, ids, severity)
        else:
            segments.append(Segment(piece, ids, severity))
    return segments or [Segment("")]


class _DocIndex:
    """Offsets of a document's findings, for highlighting and lookups."""

    def __init__(self, doc: Document, views: list[FindingView]):
        self.doc = doc
        self.spans = []
        for view in views:
            f = view.finding
            start = _offset(doc, f.line, f.column)
            end = max(_offset(doc, f.end_line, f.end_column), start)
            if end == start and start < len(doc.text):
                end = start + 1  # an empty span still shows one character
            self.spans.append((start, end, view.id, f.severity))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str, Severity]]:
        return [s for s in self.spans if s[0] < end and start < s[1]]


def _line_view(doc: Document, index: int, anchor_prefix: str, spans, focus=False,
               window: tuple[int, int] | None = None) -> LineView:
    start, end = doc.line_span(index)
    clipped_left = clipped_right = False
    if window is not None:
        lo, hi = max(start, window[0]), min(end, window[1])
        # cut at a space near the window's edge rather than inside a word
        if lo > start:
            space = doc.text.find(" ", lo, min(lo + 24, hi))
            lo = space + 1 if space != -1 else lo
        if hi < end:
            space = doc.text.rfind(" ", max(hi - 24, lo), hi)
            hi = space if space != -1 else hi
        clipped_left, clipped_right = lo > start, hi < end
        start, end = lo, hi
    text = doc.text[start:end]
    relevant = [s for s in spans if s[0] < end and start < s[1]] if end > start else []
    return LineView(index + 1, f"{anchor_prefix}-L{index + 1}", _segments(text, relevant, start),
                    focus, clipped_left, clipped_right)


def _neighbour(doc: Document, index: int, step: int) -> int | None:
    """The nearest non-blank line before (step -1) or after (+1) ``index``."""
    index += step
    while 0 <= index < len(doc.line_starts):
        if doc.line_text(index).strip():
            return index
        index += step
    return None


def _context(doc: Document, view: FindingView, index: _DocIndex, anchor_prefix: str) -> list[LineView]:
    f = view.finding
    start = _offset(doc, f.line, f.column)
    end = max(_offset(doc, f.end_line, f.end_column), start)
    first, last = doc.line_index(start), doc.line_index(end)
    own = [s for s in index.spans if s[2] == view.id]
    lines = []
    before = _neighbour(doc, first, -1)
    if before is not None:
        line_start, line_end = doc.line_span(before)
        lines.append(_line_view(doc, before, anchor_prefix, [], window=(line_end - NEIGHBOUR_CHARS, line_end)))
    for i in range(first, last + 1):
        lines.append(_line_view(doc, i, anchor_prefix, own, focus=True,
                                window=(start - CONTEXT_CHARS, end + CONTEXT_CHARS)))
    after = _neighbour(doc, last, 1)
    if after is not None:
        line_start, _ = doc.line_span(after)
        lines.append(_line_view(doc, after, anchor_prefix, [], window=(line_start, line_start + NEIGHBOUR_CHARS)))
    return lines


def _count_rows(counter: Counter, labels, severity_of=None, notes=None) -> list[CountRow]:
    largest = max(counter.values(), default=0) or 1
    return [
        CountRow(label, counter[label], counter[label] / largest,
                 severity_of(label) if severity_of else None, (notes or {}).get(label, ""))
        for label in labels
    ]


# --------------------------------------------------------------------------
# figures

_NUMBER = regex(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?")
_SCALES = (("nghìn tỷ", 1e12), ("ngàn tỷ", 1e12), ("nghìn tỉ", 1e12), ("nghìn", 1e3), ("ngàn", 1e3),
           ("triệu", 1e6), ("tỷ", 1e9), ("tỉ", 1e9))
_UNITS = ("%", "USD", "đô la", "đồng", "VND", "VNĐ", "yên", "JPY", "người")


def _parse_number(token: str) -> float | None:
    """Vietnamese conventions first (1.234,5); English ones where they are
    the only reading (1,234.5)."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return float(token.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        return float(token.replace(",", ""))
    return float(token.replace(",", "."))


def describe_quantity(text: str) -> str | None:
    """The value of the first quantity in ``text`` as the report shows it
    ("1,5 tỷ USD" -> "1 500 000 000 USD"), or None when it has no number.
    Reads Vietnamese conventions: "." groups thousands, "," is the decimal
    mark, scale words nghìn/triệu/tỷ multiply."""
    match = _NUMBER.search(text)
    if not match:
        return None
    value = _parse_number(match.group())
    rest = text[match.end():].lstrip().lower()
    for word, factor in _SCALES:
        if rest.startswith(word):
            value *= factor
            rest = rest[len(word):].lstrip()
            break
    unit = next((u for u in _UNITS if rest.startswith(u.lower())), "")
    return f"{_group(value)} {unit}".strip()


def _group(value: float) -> str:
    """SI style, unambiguous in a Vietnamese text: spaces group thousands
    (from five digits on), a comma is the decimal mark: 1 500 000; 45,5."""
    whole, _, decimals = f"{value:.6f}".rstrip("0").rstrip(".").partition(".")
    if len(whole.lstrip("-")) > 4:
        whole = f"{int(whole):,}".replace(",", " ")
    return whole + ("," + decimals if decimals else "")


# --------------------------------------------------------------------------
# the report

def build_report(result: LintResult, documents: list[Document], glossary=None, *,
                 contexts: dict[str, CheckContext] | None = None,
                 references: dict[str, Document] | None = None,
                 reference_notes: list[tuple[str, str]] | None = None,
                 title: str | None = None, inputs: list[str] | None = None,
                 generated: _dt.datetime | None = None) -> Report:
    rules = {rule.name: rule for rule in registry.ALL_RULES}
    rule_docs = {name: rule_documentation(rule) for name, rule in rules.items()}

    # documents, in path order; findings of a path without a document
    # (stdin) get an empty one so they still appear. ``linted`` holds the
    # documents as the rules saw them, ``docs_by_path`` the file as written
    # (what positions refer to, and what the report shows).
    linted: dict[str, Document] = {}
    for doc in documents:
        linted.setdefault(doc.path, doc)
    for f in result.findings:
        linted.setdefault(f.path, Document(f.path, ""))
    docs_by_path = {path: _as_written(doc) for path, doc in linted.items()}
    ordered = sorted(docs_by_path.values(), key=lambda d: d.path)
    doc_number = {doc.path: i for i, doc in enumerate(ordered, start=1)}

    by_doc: dict[str, list[FindingView]] = defaultdict(list)
    all_views: list[FindingView] = []
    for k, f in enumerate(result.findings, start=1):
        n = doc_number[f.path]
        doc = docs_by_path[f.path]
        start, end = _offset(doc, f.line, f.column), _offset(doc, f.end_line, f.end_column)
        view = FindingView(f"f{k}", f, n, f"d{n}", doc.text[start:end], [], rule_docs.get(f.rule))
        by_doc[f.path].append(view)
        all_views.append(view)

    doc_views = []
    indexes: dict[str, _DocIndex] = {}
    for doc in ordered:
        n = doc_number[doc.path]
        views = by_doc.get(doc.path, [])
        index = _DocIndex(doc, views)
        indexes[doc.path] = index
        for view in views:
            view.context = _context(doc, view, index, f"d{n}") if doc.text else []
        with_text = doc.text and (views or len(ordered) <= FULL_TEXT_MAX_DOCS or doc.path in (references or {}))
        lines = [_line_view(doc, i, f"d{n}", index.spans) for i in range(len(doc.line_starts))] if with_text else []
        counts = Counter(v.severity for v in views)
        doc_views.append(DocView(n, doc.path, f"d{n}", views,
                                 {str(s): counts[str(s)] for s in _SEVERITIES}, lines))

    if references is not None:
        _add_scores(doc_views, linted, docs_by_path, references)
    for path, note in reference_notes or ():
        for view in doc_views:
            if view.path == path:
                view.reference_note = note

    severity_counts = Counter(str(f.severity) for f in result.findings)
    rule_counts = Counter(f.rule for f in result.findings)
    category_counts = Counter(f.category for f in result.findings)
    rule_order = [r for r in rules if rule_counts[r]] + sorted(r for r in rule_counts if r not in rules)
    category_order = [c for c in CATEGORIES if category_counts[c]] + sorted(
        c for c in category_counts if c not in CATEGORIES)

    signatures = next((view.scores.signatures for view in doc_views if view.scores), {})

    return Report(
        title=title or "mtlint report",
        version=__version__,
        generated=(generated or _dt.datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip(),
        inputs=list(inputs or []),
        glossary_paths=[_shown_path(p) for p in getattr(glossary, "paths", []) or []],
        files=result.files,
        total=len(result.findings),
        severities=_count_rows(severity_counts, [str(s) for s in _SEVERITIES], severity_of=lambda s: s),
        rules=_count_rows(rule_counts, rule_order,
                          severity_of=lambda r: str(rules[r].severity) if r in rules else None,
                          notes={r: rules[r].summary() for r in rule_order if r in rules}),
        categories=_count_rows(category_counts, category_order),
        documents=doc_views,
        entities=_entities(ordered, linted, doc_number, glossary, indexes, all_views, contexts or {},
                           {view.index for view in doc_views if view.lines}),
        figures=_figures(all_views, linted, docs_by_path, contexts or {}),
        problems=list(result.problems),
        rule_docs=rule_docs,
        signatures=signatures,
        reference_problems=list(reference_notes or []),
    )


def _shown_path(path: str) -> str:
    """A path relative to the current folder when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative.startswith("..") else relative


def _figures(views: list[FindingView], linted: dict[str, Document],
             docs_by_path: dict[str, Document], contexts: dict[str, CheckContext]) -> list[FigureView]:
    """Figure findings with the value of the quantity they flag: read by
    ``checker.quantities`` over the whole document (the parser the figure
    rules use, which needs the context; the lint's parse when the run kept
    it, and the numbers written in words, which the lint reads on demand,
    where no other quantity is flagged), else by :func:`describe_quantity`."""
    parsed: dict[str, list] = {}
    in_words: dict[str, list] = {}
    figures = []
    for view in views:
        f = view.finding
        if not (f.rule.startswith("figure-") or f.category in FIGURE_CATEGORIES):
            continue
        value = None
        doc = docs_by_path.get(f.path)
        if doc is not None and doc.text:
            if f.path not in parsed:
                source = linted[f.path]
                to_shown = _mapper(source, doc)
                context = contexts.get(f.path)
                quantities = context.quantities if context is not None else parse_quantities(source.text)
                parsed[f.path] = [(to_shown(q.start), to_shown(q.end, True), q) for q in quantities]
            start = _offset(doc, f.line, f.column)
            end = max(_offset(doc, f.end_line, f.end_column), start + 1)
            quantity = next((q for q_start, q_end, q in parsed[f.path] if q_start < end and start < q_end), None)
            if quantity is None and f.path in contexts:
                if f.path not in in_words:
                    source = linted[f.path]
                    to_shown = _mapper(source, doc)
                    in_words[f.path] = [(to_shown(q.start), to_shown(q.end, True), q)
                                        for q in parse_number_words(source.text, [(0, len(source.text))])]
                quantity = next((q for q_start, q_end, q in in_words[f.path] if q_start < end and start < q_end),
                                None)
            if quantity is not None:
                value = _quantity_value(quantity)
        if value is None:
            value = describe_quantity(view.flagged)
        figures.append(FigureView(view, view.flagged, value, f.message))
    return figures


def _quantity_value(q) -> str | None:
    """How a parsed quantity of ``checker.quantities`` is shown: the exact
    value in Vietnamese digits with its unit, the range, the other reading
    of an ambiguous numeral, the date it names."""
    if q.kind == "date" and q.date:
        day, month, year = (str(part) if part else "?" for part in q.date)
        note = " (cannot exist)" if q.invalid else " (written month first)" if q.us_order else ""
        return f"date {day}/{month}/{year}{note}"
    if q.value is None:
        return None
    if q.kind == "time":
        hours, minutes = divmod(int(q.value), 60)
        return f"time {hours:02d}:{minutes:02d}"
    text = format_vi(q.value) + (f"–{format_vi(q.high)}" if q.high is not None else "")
    if q.unit:
        text += q.unit if q.unit == "%" else f" {q.unit}"
    words = describe(q.value, q.unit)
    if q.value >= 10**6 and words.replace(" ", "") != text.replace(" ", ""):
        text += f" ({words})"
    other = next((n for n in q.numerals if n.alt is not None), None)
    if other is not None:
        text += f"; '{other.text}' may also read {format_vi(other.alt)}"
    return text


def _entities(documents, linted, doc_number, glossary, indexes, views, contexts, with_text) -> list[EntityView]:
    """Glossary matches grouped by entry and rendering (the lint's matches
    when the run kept them), plus name findings no glossary match explains,
    grouped by their suggestion."""
    groups: dict[tuple, dict] = {}
    covered: set[str] = set()

    def group(key, name, kind, origin):
        return groups.setdefault(key, {"name": name, "kind": kind, "origin": origin, "renderings": {}})

    def add(entity, text, status, accepted, occurrence, rule=None):
        rendering = entity["renderings"].setdefault((text, status), Rendering(text, status, accepted, [], rule))
        rendering.occurrences.append(occurrence)

    def occurrence(doc, start, finding_id):
        n = doc_number[doc.path]
        line, column = doc.line_col(start)
        href = f"#{finding_id}" if finding_id else f"#d{n}-L{line}" if n in with_text else f"#d{n}"
        return Occurrence(n, doc.path, line, column, href, finding_id,
                          f"{os.path.basename(doc.path)}:{line}:{column}")

    accepted_forms: dict[str, object] = {}
    if glossary is not None:
        for entry in glossary.entries:
            for form in (entry.canonical, *entry.aliases, *entry.short_forms):
                accepted_forms.setdefault(form, entry)
        matcher = glossary.matcher
        rule_of = {v.id: v.finding.rule for v in views}
        for doc in documents:
            if not doc.text:
                continue
            index = indexes[doc.path]
            source = linted[doc.path]
            to_shown = _mapper(source, doc)
            context = contexts.get(doc.path)
            matches = context.term_matches if context is not None else matcher.scan(source.text)
            for match in matches:
                entry = match.entry
                start, end = to_shown(match.start), to_shown(match.end, True)
                hits = index.overlapping(start, end)
                finding_id = hits[0][2] if hits else None
                covered.update(h[2] for h in hits)
                verdict = match.verdict.value if match.verdict else None
                rule = rule_of.get(finding_id)
                entity = group(("glossary", entry.canonical, entry.kind), entry.canonical, entry.kind, "glossary")
                add(entity, match.raw, _VERDICT_LABELS.get(verdict, verdict), verdict is None,
                    occurrence(doc, start, finding_id), rule)

    docs_by_path = {doc.path: doc for doc in documents}
    for view in views:
        f = view.finding
        if view.id in covered or f.category not in NAME_CATEGORIES or not f.suggestion:
            continue
        doc = docs_by_path[f.path]
        entry = accepted_forms.get(f.suggestion)
        if entry is not None:
            entity = group(("glossary", entry.canonical, entry.kind), entry.canonical, entry.kind, "glossary")
        else:
            entity = group(("detected", f.suggestion), f.suggestion, "detected", "detected")
        add(entity, view.flagged, "flagged", False,
            occurrence(doc, _offset(doc, f.line, f.column), view.id), f.rule)

    # a detected entity also shows where its suggested form is written as
    # such (whole words, exact), so both sides of the inconsistency appear;
    # one alternation (longest first) scans each document once
    detected = {entity["name"]: entity for key, entity in groups.items() if key[0] == "detected"}
    if detected:
        forms = sorted(detected, key=len, reverse=True)
        # built from the documents: compiled here, not kept in the pattern cache
        pattern = re.compile(r"(?<![\w&])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w&])")
        for doc in documents:
            source = linted[doc.path]
            to_shown = _mapper(source, doc)
            for m in pattern.finditer(source.text):
                start, end = to_shown(m.start()), to_shown(m.end(), True)
                if not indexes[doc.path].overlapping(start, end):
                    add(detected[m.group()], m.group(), "accepted", True, occurrence(doc, start, None))

    entities = []
    for key, data in groups.items():
        renderings = sorted(data["renderings"].values(), key=lambda r: (not r.accepted, -r.count, r.text))
        for r in renderings:
            r.occurrences.sort(key=lambda o: (o.doc_index, o.line, o.column))
        entities.append(EntityView("", data["name"], data["kind"], data["origin"], renderings))
    entities.sort(key=lambda e: (e.consistent, -e.wrong, -e.total, e.name))
    for k, entity in enumerate(entities, start=1):
        entity.id = f"e{k}"
    return entities


def _add_scores(doc_views: list[DocView], linted: dict[str, Document], docs_by_path: dict[str, Document],
                references: dict[str, Document]) -> None:
    for view in doc_views:
        reference = references.get(view.path)
        if reference is None:
            continue
        source, doc = linted[view.path], docs_by_path[view.path]
        to_shown = _mapper(source, doc)

        def shown_line(line: int) -> int:  # a line of the linted text -> of the file
            return doc.line_index(to_shown(source.line_starts[line - 1])) + 1

        scores = score_document(source.text, reference.text)
        by_line = {line.number: line for line in view.lines}
        paragraph_views = []
        missing = []
        for pair in scores.pairs:
            ref_line = pair.reference[0].line if pair.reference else None
            if not pair.hypothesis:
                missing.append(ParagraphView(None, None, None, pair.chrf, "", pair.reference_text, ref_line, []))
                continue
            first, last = shown_line(pair.hypothesis[0].line), shown_line(pair.hypothesis[-1].line)
            if first in by_line:
                by_line[first].chrf = pair.chrf
            findings = [f for f in view.findings if first <= f.finding.line <= last or
                        f.finding.line <= first <= f.finding.end_line]
            paragraph_views.append(ParagraphView(first, last, f"{view.anchor}-L{first}", pair.chrf,
                                                 pair.hypothesis_text, pair.reference_text, ref_line, findings))
        weakest = sorted((p for p in paragraph_views if p.chrf < 100.0), key=lambda p: (p.chrf, p.first_line))
        view.scores = ScoreView(
            chrf=scores.chrf, bleu=scores.bleu, ter=scores.ter, reference_path=reference.path,
            paragraphs=scores.hypothesis_paragraphs, reference_paragraphs=scores.reference_paragraphs,
            one_to_one=scores.one_to_one, aligned_pairs=sum(1 for p in scores.pairs if p.hypothesis and p.reference),
            weakest=weakest[:WEAKEST], missing=missing, signatures=scores.signatures,
        )


# --------------------------------------------------------------------------
# mtlint report

def write_report(result: Run, paths, glossary, output: str, *, reference: str | None = None,
                 title: str | None = None, config=None) -> tuple[Report, list[tuple[str, str]]]:
    """Build the report of a run over ``paths`` (``Linter.run`` with
    ``keep_documents``: its documents and their views are shown, no file is
    read again), render it and write it to ``output`` (parent folders
    created). Returns the report and the notes about documents without a
    reference. Raises ReportError."""
    documents = [kept.doc for kept in result.documents.values()]
    references, notes = None, []
    if reference is not None:
        roots = [p for p in map(os.fspath, paths) if os.path.isdir(p)]
        references, notes = resolve_references(reference, documents, roots)
    report = build_report(result, documents, glossary, references=references, reference_notes=notes,
                          contexts={path: kept.ctx for path, kept in result.documents.items()},
                          title=title, inputs=[os.fspath(p) for p in paths])
    text = html.render(report)
    try:
        directory = os.path.dirname(output)
        if directory:
            os.makedirs(directory, exist_ok=True)
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise ReportError(f"{output}: cannot write the report: {exc.strerror or exc}") from None
    return report, notes
