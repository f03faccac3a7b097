"""Run the selected rules over documents and collect a LintResult.

Documents are linted independently, in worker processes when there are many
(the glossary is compiled once in the parent and inherited by fork), then
corpus rules compare the per-document summaries, and overlapping findings of
one span are reduced to the most specific rule's.
"""

from __future__ import annotations

import bisect
import multiprocessing
import os
from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from .config import Config
from .context import CheckContext
from .discover import STDIN, discover, read_stdin
from .document import Block, Document, DocumentError, decode, document_from_bytes, read_file, text_document
from .glossary import Glossary
from .model import Finding, InputProblem, LintResult
from .rules import ALL_RULES, Rule, select_rules

if TYPE_CHECKING:
    from .cache import ResultCache

#: Documents longer than this (in characters) are linted in pieces
#: (Linter._lint_in_pieces): beyond it, time and memory would grow with
#: what rules compare across a whole document.
PIECE_CHARS = 1_000_000
#: Below this many files a process pool costs more than it saves.
_PARALLEL_MIN_FILES = 24
#: Below this many bytes in all, the default is one process: the pool's
#: start and per-file traffic cost more than a second core saves.
_PARALLEL_MIN_BYTES = 4 * 1024 * 1024
#: Summary name under which a document's inline directives reach the parent.
DIRECTIVES = "mtlint:directives"
_CHUNK = 16


class Linter:
    def __init__(self, glossary: Glossary, config: Config, cache: "ResultCache | None" = None):
        self.glossary = glossary
        self.config = config
        #: Per-file results of earlier runs (checker/cache.py); None: no cache.
        self.cache = cache
        self.rules: list[Rule] = select_rules(config.select, config.ignore)
        self._priority = {rule.name: i for i, rule in enumerate(ALL_RULES)}
        self._rules_by_name = {rule.name: rule for rule in ALL_RULES}

    # -- one document -------------------------------------------------------
    def lint_document(self, doc: Document) -> tuple[list[Finding], list[tuple[str, object]]]:
        ctx = CheckContext(doc, self.glossary, self.config)
        findings, collected = [], []
        for rule in self.rules:
            if rule.scope == "corpus":
                collected.append((rule.name, rule.collect(doc, ctx)))
            else:
                findings.extend(rule.check(doc, ctx))
        return findings, collected

    def _lint_path(self, path: str, stdin_text: str | None = None):
        cache = self.cache if path != STDIN else None
        try:
            if path == STDIN:
                doc = text_document("<stdin>", stdin_text or "")
            else:
                data = read_file(path)
                if cache is not None:
                    cached = cache.get(path, data)
                    if cached is not None:
                        return (*cached, None)
                doc = document_from_bytes(path, data)
                doc.source = self.config.sources.get(path, doc.source)
        except DocumentError as exc:
            return [], [], InputProblem(exc.path, exc.message, exc.line)
        except Exception as exc:  # noqa: BLE001 - a loader bug must not cost the other files either
            return [], [], InputProblem(
                "<stdin>" if path == STDIN else path, f"internal error while reading ({type(exc).__name__}: "
                f"{exc}); this file was not checked - please report it with the file")
        try:
            if len(doc.text) > PIECE_CHARS and doc.offsets is None and not doc.segments:
                findings, collected = self._lint_in_pieces(doc)
            else:
                findings, collected = self.lint_document(doc)
        except Exception as exc:  # noqa: BLE001 - a bug must not cost the other files
            return [], [], InputProblem(
                doc.path, f"internal error while linting ({type(exc).__name__}: {exc}); "
                "this file was not checked - please report it with the file")
        summaries = [(doc.path, name, data) for name, data in collected]
        if doc.directives:  # inline suppressions travel with the summaries
            summaries.append((doc.path, DIRECTIVES, doc.directives))
        if cache is not None:
            cache.put(path, data, (findings, summaries))
        return findings, summaries, None

    def _lint_chunk(self, paths: list[str]):
        return [self._lint_path(p) for p in paths]

    # -- a run ----------------------------------------------------------------
    def lint_paths(self, paths, progress: Callable[[int, int], None] | None = None) -> LintResult:
        files, problems = discover(paths, config=self.config)
        stdin_text = None
        if STDIN in files:
            try:  # bad stdin is one input problem: the other files are still linted
                stdin_text = decode("<stdin>", read_stdin())
            except DocumentError as exc:
                problems = [*problems, InputProblem(exc.path, exc.message, exc.line)]
                files = [f for f in files if f != STDIN]
        result = LintResult(problems=list(problems))
        collected = []
        for findings, summaries, problem in self._run(files, stdin_text, progress):
            if problem is not None:
                result.problems.append(problem)
                continue
            result.files += 1
            result.findings.extend(findings)
            collected.extend(summaries)
        result.findings.extend(self._corpus_findings(collected))
        result.findings = self._finalise(result.findings)
        result.findings = self._workflow(result.findings, collected, stdin_text)
        return result

    def lint_documents(self, docs: list[Document]) -> LintResult:
        """Lint in-memory documents as one run (the fixer's re-checks)."""
        result, collected = LintResult(files=len(docs)), []
        for doc in docs:
            findings, summaries = self.lint_document(doc)
            result.findings.extend(findings)
            collected.extend((doc.path, name, data) for name, data in summaries)
            if doc.directives:
                collected.append((doc.path, DIRECTIVES, doc.directives))
        result.findings.extend(self._corpus_findings(collected))
        raw = {doc.path: doc.raw if doc.raw is not None else doc.text for doc in docs}
        result.findings = self._workflow(self._finalise(result.findings), collected, raw_for=raw.get)
        return result

    def _workflow(self, findings, collected, stdin_text=None, raw_for=None) -> list[Finding]:
        """The team's decisions on top of the rules: per-file ignores and
        inline directives (checker/suppressions.py), then the baseline
        (checker/baseline.py)."""
        directives = {path: data for path, name, data in collected if name == DIRECTIVES}
        if directives or self.config.per_file_ignores or self.config.warn_unused_suppressions:
            from .suppressions import apply_suppressions

            findings = apply_suppressions(findings, directives, self.config, {r.name for r in self.rules})
        if self.config.baseline and findings:
            from .baseline import apply_baseline

            findings = apply_baseline(findings, self.config.baseline, raw_for, stdin_text)
        return findings

    def lint_text(self, text: str, path: str = "<text>") -> list[Finding]:
        """Lint one in-memory text (corpus rules see just this document)."""
        doc = Document(path, text)
        findings, collected = self.lint_document(doc)
        findings.extend(self._corpus_findings([(path, name, data) for name, data in collected]))
        return self._finalise(findings)

    def _lint_in_pieces(self, doc: Document):
        """A very large document linted as consecutive pieces of about
        :data:`PIECE_CHARS` characters, cut at paragraph (else line, else
        sentence) breaks: time and memory stay linear in the file's size,
        as for many small files. Rules see one piece at a time, so what they
        compare within a document (a name written two ways, a stated count
        and its list) is compared within a piece."""
        findings, collected = [], []
        text, blocks = doc.text, doc.blocks
        block_starts = [b.start for b in blocks]
        for start, end in pieces(text, PIECE_CHARS):
            line = bisect.bisect_right(doc.line_starts, start) - 1
            first = bisect.bisect_left(block_starts, start)
            last = bisect.bisect_left(block_starts, end)
            piece = Document(
                doc.path, text[start:end],
                blocks=tuple(Block(b.start - start, min(b.end, end) - start, b.role) for b in blocks[first:last]),
                origin=(line, start - doc.line_starts[line]))
            piece_findings, piece_collected = self.lint_document(piece)
            findings.extend(piece_findings)
            collected.extend(piece_collected)
        return findings, collected

    # -- map and reduce, for a user's own pipeline (checker/api.py, Dask) ------
    def map_text(self, path: str, text: str) -> tuple[list[Finding], list]:
        """The per-document phase for one text named ``path`` (parsed by its
        suffix, as a file of that name would be): its findings and the
        summaries the cross-document phase reduces. Small and picklable."""
        findings, summaries, _ = self._lint_loaded(text_document(path, text))
        return findings, summaries

    def _lint_loaded(self, doc: Document):
        findings, collected = self.lint_document(doc)
        summaries = [(doc.path, name, data) for name, data in collected]
        if doc.directives:
            summaries.append((doc.path, DIRECTIVES, doc.directives))
        return findings, summaries, None

    def reduce(self, mapped) -> list[Finding]:
        """The cross-document phase over ``(findings, summaries)`` pairs of
        :meth:`map_text` (in any grouping, in document order): every
        finding of the run, one per problem, suppressions applied."""
        findings, collected = [], []
        for document_findings, summaries in mapped:
            findings.extend(document_findings)
            collected.extend(summaries)
        findings.extend(self._corpus_findings(collected))
        return self._workflow(self._finalise(findings), collected)

    def _run(self, files, stdin_text, progress):
        if self.config.dask and STDIN not in files:
            from .distributed import run_on_dask  # dask is an optional extra

            yield from run_on_dask(self, files, self.config.dask, progress)
            return
        jobs = self.config.jobs or os.cpu_count() or 1
        parallel = jobs > 1 and len(files) >= _PARALLEL_MIN_FILES and STDIN not in files
        if parallel and not self.config.jobs:  # by default, small inputs (10,000 tiny files) stay in one process
            parallel = _at_least_bytes(files, _PARALLEL_MIN_BYTES)
        done = 0
        if not parallel:
            for path in files:
                yield self._lint_path(path, stdin_text)
                done += 1
                if progress:
                    progress(done, len(files))
            return
        chunks = [files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)]
        global _WORKER_LINTER
        _WORKER_LINTER = self
        self._warm_up()
        with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
            for chunk_result in pool.imap(_lint_chunk_in_worker, chunks):
                yield from chunk_result
                done += len(chunk_result)
                if progress:
                    progress(done, len(files))

    def _warm_up(self) -> None:
        """Compile the glossary and run every rule once on a small text
        before forking, so that lazy imports, compiled patterns and caches
        are built once in the parent instead of once in every worker."""
        self.glossary.matcher
        self.lint_document(Document("<warm-up>", _WARM_UP))

    def _corpus_findings(self, collected):
        findings = []
        for rule in self.rules:
            if rule.scope != "corpus":
                continue
            data = [(path, item) for path, name, item in collected if name == rule.name]
            ctx = CheckContext(Document("<corpus>", ""), self.glossary, self.config)
            findings.extend(rule.check_corpus(data, ctx))
        return findings

    def _finalise(self, findings: list[Finding]) -> list[Finding]:
        """Apply severity overrides, keep one finding per problem, and sort
        by position.

        One problem, one finding: at one span the most specific rule wins (a
        specific rule silences a generic one; distinct findings of that rule
        all stay), and of findings of one category whose spans overlap only
        the most specific rule's longest span stays (a line and a sentence
        of it left untranslated are one problem)."""
        overrides = self.config.severity_overrides
        priority = self._priority
        best: dict[tuple, list[Finding]] = {}
        for finding in findings:
            if finding.rule in overrides:
                finding = replace(finding, severity=overrides[finding.rule])
            span = (finding.path, finding.line, finding.column, finding.end_line, finding.end_column)
            kept = best.get(span)
            if kept is None or priority.get(finding.rule, 99) < priority.get(kept[0].rule, 99):
                best[span] = [finding]
            elif finding.rule == kept[0].rule and finding not in kept:
                kept.append(finding)
        problem = self._problem_kind
        ordered = sorted((f for kept in best.values() for f in kept),
                         key=lambda f: (f.path, problem(f), f.line, f.column))
        survivors: list[Finding] = []
        open_by_kind: dict[tuple[str, str], int] = {}  # -> index in survivors
        for finding in ordered:
            key = (finding.path, problem(finding))
            index = open_by_kind.get(key)
            if index is not None:
                other = survivors[index]
                if (finding.line, finding.column) < (other.end_line, other.end_column):
                    if self._outranks(finding, other):
                        survivors[index] = finding
                    continue
            open_by_kind[key] = len(survivors)
            survivors.append(finding)
        return sorted(survivors, key=lambda f: (f.path, f.line, f.column, priority.get(f.rule, 99)))

    def _problem_kind(self, finding: Finding) -> str:
        rule = self._rules_by_name.get(finding.rule)
        return (rule.problem if rule is not None and rule.problem else finding.category)

    def _outranks(self, finding: Finding, other: Finding) -> bool:
        """Of two overlapping findings of one kind, the more specific rule's;
        of one rule, the longer span."""
        a, b = self._priority.get(finding.rule, 99), self._priority.get(other.rule, 99)
        if a != b:
            return a < b
        return (finding.end_line, finding.end_column) > (other.end_line, other.end_column)

def _at_least_bytes(files, limit: int) -> bool:
    """Whether ``files`` hold at least ``limit`` bytes (stops counting there)."""
    total = 0
    for path in files:
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
        if total >= limit:
            return True
    return False


#: A text that walks every rule's lazy paths (word lists, gazetteer names,
#: name lists, synonym automata) before the workers fork: loaded once in the
#: parent, not once per worker.
_WARM_UP = (
    "Thủ tướng Phạm Minh Chính tiếp Thống đốc tỉnh Gunma Yamamoto Ichita tại Đông Kinh.\n"
    "GDP đạt 81,3 tỷ USD (3,5%), tăng 3.3V và 16,000 mẫu; mỗi quận của Nhật Bản.\n"
    "Ôn Tập Và Tự Học Về Ngăn Chặn Mất Dữ Liệu\n"
    "**Note:** relay click rất nhanh với các frameworks, 60 mph, rơ-le (relay) và relay.\n"
    "Ngày 2024/10/15, lúc 9:00 AM, Thứ Sáu, 3/3/2021; ít hơn hơn và bảo mật và bảo mật.\n"
    "Ông Naoki Ito gặp Ito Naoki và Le Thi Hong Van; nhận diện và nhận dạng khóa riêng tư.\n"
    "The meeting was held in Tokyo.\n"
)


def pieces(text: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text`` of at most about
    ``size`` characters, each cut at the last paragraph break in its second
    half, else the last line break, else the last sentence end, else the
    last space (a hard cut only in text without any)."""
    spans, start, length = [], 0, len(text)
    while length - start > size:
        limit, floor = start + size, start + size // 2
        cut = text.rfind("\n\n", floor, limit)
        cut = cut + 2 if cut != -1 else text.rfind("\n", floor, limit) + 1
        if cut <= 0 or cut <= start:
            cut = max(text.rfind(". ", floor, limit), text.rfind("。", floor, limit)) + 1
        if cut <= start:
            cut = text.rfind(" ", floor, limit) + 1
        if cut <= start:
            cut = limit
        spans.append((start, cut))
        start = cut
    spans.append((start, length))
    return spans


_WORKER_LINTER: Linter | None = None


def _lint_chunk_in_worker(paths):
    return _WORKER_LINTER._lint_chunk(paths)
