"""Run the selected rules over documents and collect a Run.

Documents are linted independently, in worker processes when there are many,
as are the pieces of a very large file (the glossary is compiled once in the
parent and inherited by fork), then corpus rules compare the per-document
summaries, and overlapping findings of one span are reduced to the most
specific rule's.

Over 500 lines: the map (one document, a very large file piece by piece,
the per-file cache), the ways to run it (one process, a pool, Dask) and the
reduce (corpus rules, one finding per problem, suppressions, baseline) are
one contract on the same per-document summaries; split, each part would
have to know the others' summary format.
"""

from __future__ import annotations

import gc
import os
import pickle
import zlib
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING, Callable

from . import rules as registry
from .baseline import apply_baseline, gather_excerpts, source_summary
from .config import Config
from .context import CheckContext, CorpusContext
from .datacache import blake2b, collector_paused
from .discover import STDIN, discover, read_stdin
from .distributed import run_on_dask  # dask itself is an optional extra, imported when used
from .document import FORMAT_SUFFIXES, Document, DocumentError, decode, read_file, read_pieces
from .edits import load_rapidfuzz
from .glossary import Glossary
from .loaders import document_from_bytes, text_document
from .model import Finding, InputProblem
from .normalise import NOTE as NFC_NOTE
from .patterns import regex
from .rules import ALL_RULES, Rule, select_rules
from .run import Kept, Mapped, Run
from .structure import MARKDOWN_SUFFIXES
from .suppressions import apply_suppressions

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
#: Files per task sent to a worker: a quarter of a worker's share of the
#: files not yet handed out (tasks shrink towards the end, so that the
#: workers finish together), at most _CHUNK_MAX, at least _CHUNK_MIN. Large
#: tasks send fewer, larger results back: names shared by the documents of
#: a task are pickled once, and the parent, which unpickles while two
#: workers run on two cores, spends a third less CPU than with 16 files a
#: task.
_CHUNK_MAX = 64
_CHUNK_MIN = 4
_TASKS_PER_WORKER = 4
#: With the result cache on, files are first taken in this process until
#: this many were not cached (Linter._mapped): a warm run never starts a pool,
#: a cold one lints only these few before starting it.
_CACHE_MISSES = 8


class Linter:
    def __init__(self, glossary: "Glossary | Callable[[], Glossary]", config: Config,
                 cache: "ResultCache | None" = None):
        #: The glossary, or a function that loads it when a document is
        #: first linted: a run answered whole from the result cache needs none.
        self._glossary = glossary
        self.config = config.with_defaults(registry)  # every rule option has its value
        #: Per-file results of earlier runs (checker/cache.py); None: no cache.
        self.cache = cache
        self.rules: list[Rule] = select_rules(config.select, config.ignore)
        self._priority = {rule.name: i for i, rule in enumerate(ALL_RULES)}
        self._rules_by_name = {rule.name: rule for rule in ALL_RULES}
        #: What a run keeps for the steps after it (checker/run.py): each
        #: document's text for the baseline's fingerprints, the documents.
        self._keep_sources = bool(self.config.baseline)
        self._kept: dict[str, list[Kept]] | None = None
        #: Told the fraction done of a large file linted in pieces (see _here).
        self._piece_progress: Callable[[float], None] | None = None
        self._warmed = False  # _warm_up has run (see _workers)

    @property
    def glossary(self) -> Glossary:
        if callable(self._glossary):
            self._glossary = self._glossary()
        return self._glossary

    # -- one document -------------------------------------------------------
    def lint_document(self, doc: Document) -> tuple[list[Finding], Mapped]:
        """The document rules' findings, and what the document hands to the
        reduce: the corpus rules' summaries, its directives and (for a
        baseline) its text."""
        ctx = CheckContext(doc, self.glossary, self.config)
        findings, summaries = [], []
        for rule in self.rules:
            if rule.scope == "corpus":
                summaries.append((rule.name, rule.collect(doc, ctx)))
            else:
                findings.extend(rule.check(doc, ctx))
        if self._kept is not None:
            self._kept.setdefault(doc.path, []).append(Kept(doc, ctx))
        # the baseline fingerprints findings by the text as written
        source = source_summary(doc, findings) if self._keep_sources else {}
        return findings, Mapped(doc.path, tuple(summaries), tuple(doc.directives), **source)

    def _lint_path(self, path: str, stdin_text: str | None = None):
        name = "<stdin>" if path == STDIN else path
        cache = self.cache if path != STDIN else None
        try:
            digest = None
            if path == STDIN:
                data = stdin_text or ""
                in_pieces = len(data) > PIECE_CHARS
            else:
                # a large file is read piece by piece, its cache key a digest of its bytes
                in_pieces = _in_pieces(path, self.config) and _size(path) > PIECE_CHARS
                if in_pieces:
                    data = _content_key(path) if cache is not None else b""
                    if data:
                        digest = blake2b()
                    else:
                        cache = None  # no cache, or the file cannot be read (read_pieces says why)
                else:
                    data = read_file(path)
                if cache is not None:
                    cached = cache.get(path, data)
                    if in_pieces and isinstance(cached, tuple) and cached[:1] == (_PIECES,):  # kept packed
                        return (*_unpacked(path, cached[1], cached[2], free=True), None)
                    if cached is not None and not in_pieces:
                        return (*cached, None)
            if in_pieces:
                doc = None  # linted piece by piece: the whole text is never one string
            elif path == STDIN:
                doc = text_document(name, data)
            else:
                doc = self._file_document(path, data)
        except DocumentError as exc:
            return [], None, InputProblem(exc.path, exc.message, exc.line)
        except Exception as exc:  # noqa: BLE001 - a loader bug must not cost the other files either
            return [], None, _internal_error(name, "reading", exc)
        try:
            if doc is None:
                packed, directives = self._lint_in_pieces(path, data if path == STDIN else None, digest)
                if digest is not None and data != _KEY_PREFIX + digest.digest():
                    cache = None  # changed while being read: the findings are not those of the key
                findings, mapped = _unpacked(name, packed, directives, free=cache is None)
                if cache is not None:  # stored packed: pickling the objects would cost 2-3x the file
                    cache.put(path, data, (_PIECES, packed, directives))
                return findings, mapped, None
            else:
                findings, mapped = self.lint_document(doc)
        except DocumentError as exc:  # a piece of a large file that does not decode
            return [], None, InputProblem(exc.path, exc.message, exc.line)
        except Exception as exc:  # noqa: BLE001 - a bug must not cost the other files
            if isinstance(exc, _broken_pool()):  # a worker linting its pieces was killed
                return [], None, InputProblem(name, _worker_died(exc))
            return [], None, _internal_error(name, "linting", exc)
        if cache is not None:
            cache.put(path, data, (findings, mapped))
        return findings, mapped, None

    def _lint_chunk(self, paths: list[str]):
        return [self._lint_path(p) for p in paths]

    def _file_document(self, path: str, data: bytes) -> Document:
        """The document of the file ``path`` read as ``data``, with its
        ``--source`` text."""
        doc = document_from_bytes(path, data)
        doc.source = self.config.sources.get(path, doc.source)
        return doc

    def _read_document(self, path: str) -> tuple[Document | None, InputProblem | None]:
        """The document of the file at ``path``, or why it cannot be read."""
        try:
            return self._file_document(path, read_file(path)), None
        except DocumentError as exc:
            return None, InputProblem(exc.path, exc.message, exc.line)
        except Exception as exc:  # noqa: BLE001 - a loader bug must not cost the other files either
            return None, _internal_error(path, "reading", exc)

    def _lint_kept_document(self, doc: Document):
        """:meth:`lint_document` in a worker of :meth:`_kept_by_workers`, as
        ``(findings, mapped, problem)``: the worker keeps nothing (the
        parent keeps the document)."""
        self._kept = None
        try:
            return (*self.lint_document(doc), None)
        except Exception as exc:  # noqa: BLE001 - a bug must not cost the other files
            return [], None, _internal_error(doc.path, "linting", exc)

    # -- a run ----------------------------------------------------------------
    def run(self, paths, progress: Callable[[int, int], None] | None = None, *, keep_documents: bool = False,
            keep_sources: bool = False) -> Run:
        """Lint files and folders (``-``: stdin) once, and hand on what later
        steps need (checker/run.py): the excerpts for a baseline (always
        with a configured baseline; ``keep_sources`` for writing one), the
        documents and their views (``keep_documents``: the report; the run
        then stays in this process)."""
        keep_sources = keep_sources or bool(self.config.baseline)
        previous = self._keep_sources, self._kept, self.cache
        self._keep_sources, self._kept = keep_sources, ({} if keep_documents else None)
        if keep_documents:
            self.cache = None  # a cached result has no document
        try:
            return self._run_paths(paths, progress, keep_sources)
        finally:
            self._keep_sources, self._kept, self.cache = previous

    def lint_paths(self, paths, progress: Callable[[int, int], None] | None = None) -> Run:
        """:meth:`run` without documents kept (the Python API's entry)."""
        return self.run(paths, progress)

    def _run_paths(self, paths, progress, keep_sources: bool) -> Run:
        files, problems = discover(paths, config=self.config)
        stdin_text = None
        if STDIN in files:
            try:  # bad stdin is one input problem: the other files are still linted
                stdin_text = decode("<stdin>", read_stdin())
            except DocumentError as exc:
                problems = [*problems, InputProblem(exc.path, exc.message, exc.line)]
                files = [f for f in files if f != STDIN]
        stamp = None
        if self.cache is not None and self._kept is None and not keep_sources and STDIN not in files:
            stamp = self.cache.run_stamp(files)
            stored = self.cache.get_run(stamp.key) if stamp is not None else None
            if stored is not None:  # nothing changed since a run kept whole
                findings, collected = stored
                result = Run(problems=list(problems), files=len(files))
                result.findings, result.excerpts = self._workflow(findings, collected)
                return result
        result = Run(problems=list(problems))
        collected: list[Mapped] = []
        for findings, mapped, problem in self._run(files, stdin_text, progress):
            if problem is not None:
                result.problems.append(problem)
                continue
            result.files += 1
            result.findings.extend(findings)
            collected.append(mapped)
        result.findings.extend(self._corpus_findings(collected))
        result.findings = self._finalise(result.findings)
        if stamp is not None and stamp.keepable and len(result.problems) == len(problems):
            # what the workflow needs of the documents: their directives
            directives = [Mapped(m.path, directives=m.directives) for m in collected if m.directives]
            self.cache.put_run(stamp.key, (result.findings, directives))
        result.findings, result.excerpts = self._workflow(result.findings, collected, keep_sources)
        if self._kept is not None:  # a file linted in pieces (very large) is not kept whole
            result.documents = {path: kept[0] for path, kept in self._kept.items() if len(kept) == 1}
        return result

    def lint_documents(self, docs: list[Document], progress: Callable[[int, int], None] | None = None) -> Run:
        """Lint in-memory documents as one run (the fixer's re-checks):
        :meth:`combine` of their :meth:`document_results`."""
        return self.combine(docs, self.document_results(docs, progress))

    def document_results(self, docs: list[Document], progress: Callable[[int, int], None] | None = None
                         ) -> list[tuple[list[Finding], Mapped]]:
        """What :meth:`lint_document` returns for each of ``docs``, in order.
        Many documents are linted by a pool of workers, as ``lint`` lints
        many files: the workers are forked with the documents in memory, and
        get their numbers. A document that ``mtlint lint`` would read in
        pieces (a very large plain-text or Markdown file) is linted in the
        same pieces, so that ``fix`` acts on the findings ``lint`` reports,
        in time linear in its size."""
        # (the texts are in memory: their characters stand for the files' bytes)
        parallel = self._parallel(len(docs), lambda: sum(map(len, (d.text for d in docs))) >= _PARALLEL_MIN_BYTES)
        results = []
        if not parallel or not self._may_fork():
            for doc in docs:
                with self._telling_parts(progress, len(results), len(docs), doc.path):
                    results.append(self._document_result(doc))
                if progress:
                    progress(len(results), len(docs))
            return results
        global _WORKER_DOCS
        chunks = task_chunks(list(range(len(docs))), self._jobs)
        _WORKER_DOCS = docs
        try:
            with self._workers(min(self._jobs, len(chunks))) as pool:
                for chunk_results in _in_order(pool, _lint_documents_in_worker, chunks):
                    results.extend(chunk_results)
                    if progress:
                        progress(len(results), len(docs))
            return results
        finally:
            _WORKER_DOCS = None

    def _document_result(self, doc: Document) -> tuple[list[Finding], Mapped]:
        written = doc.raw if doc.raw is not None else doc.text
        if _in_pieces(doc.path, self.config) and _utf8_size_above(written, PIECE_CHARS):
            packed, directives = self._lint_in_pieces(doc.path, written)
            return _unpacked(doc.path, packed, directives, free=True)
        return self.lint_document(doc)

    def combine(self, docs: list[Document], results: list[tuple[list[Finding], Mapped]]) -> Run:
        """One run of ``docs`` from their :meth:`document_results` (which
        the caller may keep for the documents that do not change): the
        cross-document rules, one finding per problem, the suppressions and
        the baseline."""
        result, collected = Run(files=len(docs)), []
        for findings, mapped in results:
            result.findings.extend(findings)
            collected.append(mapped)
        result.findings.extend(self._corpus_findings(collected))
        raw = {doc.path: doc.raw if doc.raw is not None else doc.text for doc in docs}
        result.findings, result.excerpts = self._workflow(self._finalise(result.findings), collected, True, raw)
        return result

    def _workflow(self, findings, collected, keep_sources=False, texts=None) -> tuple[list[Finding], dict]:
        """The team's decisions on top of the rules: per-file ignores and
        inline directives (checker/suppressions.py), then the baseline
        (checker/baseline.py), which fingerprints findings by the excerpts
        of the text as written that the documents handed on. Returns the
        findings left and those excerpts (for writing a baseline)."""
        directives = {mapped.path: mapped.directives for mapped in collected if mapped.directives}
        if directives or self.config.per_file_ignores or self.config.warn_unused_suppressions:
            findings = apply_suppressions(findings, directives, self.config, {r.name for r in self.rules}, registry)
        excerpts = gather_excerpts(findings, collected, texts) if keep_sources or self.config.baseline else {}
        if self.config.baseline and findings:
            findings = apply_baseline(findings, self.config.baseline, excerpts)
        return findings, excerpts

    def lint_text(self, text: str, path: str = "<text>") -> list[Finding]:
        """Lint one in-memory text (corpus rules see just this document;
        per-file ignores and the baseline apply as in a run)."""
        doc = Document(path, text)
        findings, mapped = self.lint_document(doc)
        findings.extend(self._corpus_findings([mapped]))
        return self._workflow(self._finalise(findings), [mapped])[0]

    def _lint_in_pieces(self, path: str, text: str | None = None, digest=None):
        """A very large plain-text or Markdown file (``text``: the text read
        from stdin; else the file at ``path``) read and linted as
        consecutive pieces of about :data:`PIECE_CHARS` characters, cut at
        paragraph (else line, else sentence) breaks: time and memory stay
        linear in the file's size, as for many small files. Only one piece
        is ever read, decoded, normalised and parsed at a time (``digest``,
        a hashlib object, is fed the file's bytes). Rules see one piece at a
        time, so what they compare within a document (a name written two
        ways, a stated count and its list) is compared within a piece; the
        note that the file is not NFC is given once. Returns each piece's
        findings and summaries packed (:func:`_unpacked` reads them) and the
        file's inline directives."""
        name = "<stdin>" if path == STDIN else path
        if text is not None:
            chunks = (text[i:i + PIECE_CHARS] for i in range(0, len(text), PIECE_CHARS))
        else:
            chunks = read_pieces(name, PIECE_CHARS, digest)
        markdown = name.lower().endswith(MARKDOWN_SUFFIXES)
        # Each piece's findings and summaries are kept pickled and
        # compressed until the last piece is done: a few bytes per object
        # instead of a hundred, and the objects of a piece, freed with it,
        # leave no half-used allocator arenas behind (which made the peak
        # grow at twice the live data). They are made again, compactly, at
        # the end.
        done, directives, notes = [], [], []
        pieces_of_file = text_pieces(chunks, PIECE_CHARS, markdown)
        jobs = self._piece_jobs(path, text)
        linted = (self._pieces_in_pool(name, pieces_of_file, jobs) if jobs > 1
                  else (self._lint_piece(name, piece, origin) for piece, origin in pieces_of_file))
        # how much of the file is done, for a progress bar: bytes of a file,
        # characters of stdin's text
        total, part = (len(text), 0) if text is not None else (_size(path), 1)
        so_far = 0
        for blob, piece_notes, piece_directives, size in linted:
            done.append(blob)
            notes.extend(piece_notes)
            directives.extend(piece_directives)
            if self._piece_progress is not None and total:
                so_far += size[part]
                self._piece_progress(min(1.0, so_far / total))
        if notes:
            done.append(zlib.compress(pickle.dumps(([_one_note(notes)], None), pickle.HIGHEST_PROTOCOL), 1))
        return done, tuple(directives)

    def _lint_piece(self, name: str, piece: str, origin: tuple[int, int]) -> tuple[bytes, list, list, tuple]:
        """One piece of a file linted in pieces: its findings and summaries
        packed, its notes that the file is not NFC (one for the file, not
        one per piece), its directives, moved to their place in the file,
        and its size (characters, UTF-8 bytes: for a progress bar)."""
        size = (len(piece), len(piece.encode("utf-8", "surrogatepass")))
        doc = text_document(name, piece)
        doc.origin = origin  # positions in the whole file; a piece, even the first
        del piece
        found, mapped = self.lint_document(doc)
        kept, notes = [], []
        for finding in found:
            (notes if finding.rule == "text-unicode" and finding.message.startswith(NFC_NOTE) else kept).append(finding)
        blob = zlib.compress(pickle.dumps((kept, mapped), pickle.HIGHEST_PROTOCOL), 1)
        return blob, notes, [_moved(d, origin) for d in doc.directives], size

    def _piece_jobs(self, path: str, text: str | None) -> int:
        """How many processes lint the pieces of one large file: the run's
        jobs, as for many files (by default only from _PARALLEL_MIN_BYTES
        up), where this process may fork (:meth:`_may_fork`)."""
        jobs = self._jobs
        if jobs == 1:
            return 1
        if not self.config.jobs:
            size = len(text) if text is not None else _size(path)
            if size < _PARALLEL_MIN_BYTES:
                return 1
        return jobs if self._may_fork() else 1

    @staticmethod
    def _may_fork() -> bool:
        """Whether this process may fork a pool: not inside a worker of a
        pool or of Dask (a daemon process cannot fork a pool of its own),
        nor off the main thread (forking beside running threads can copy a
        held lock)."""
        import multiprocessing
        import threading

        return multiprocessing.parent_process() is None and threading.current_thread() is threading.main_thread()

    def _pieces_in_pool(self, name: str, pieces_of_file, jobs: int):
        """:meth:`_lint_piece` of each piece, in order, by a pool of ``jobs``
        forked workers. The file is read here while they lint, at most one
        piece ahead of each worker: memory stays bounded as in one process
        (Pool.imap would read the whole file into its queue)."""
        from collections import deque

        with self._workers(jobs) as pool:
            pending = deque()
            for piece, origin in pieces_of_file:
                pending.append(pool.submit(_lint_piece_in_worker, name, piece, origin))
                del piece
                if len(pending) > jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    # -- map and reduce, for a user's own pipeline (checker/api.py, Dask) ------
    def map_text(self, path: str, text: str) -> tuple[list[Finding], Mapped]:
        """The per-document phase for one text named ``path`` (parsed by its
        suffix, as a file of that name would be): its findings and the
        summaries the cross-document phase reduces. Small and picklable."""
        return self.lint_document(text_document(path, text))

    def reduce(self, mapped) -> list[Finding]:
        """The cross-document phase over ``(findings, summaries)`` pairs of
        :meth:`map_text` (in any grouping, in document order): every
        finding of the run, one per problem, suppressions applied."""
        findings, collected = [], []
        for document_findings, document_mapped in mapped:
            findings.extend(document_findings)
            collected.append(document_mapped)
        findings.extend(self._corpus_findings(collected))
        return self._workflow(self._finalise(findings), collected)[0]

    def _run(self, files, stdin_text, progress):
        # The glossary and the data loaded with it live as long as the run:
        # frozen, they are skipped by the garbage collector's full passes
        # (half of those passes' cost over a corpus), and in a forked worker
        # those passes do not write to pages it shares with the parent. A
        # caller that froze objects itself (a pre-fork server) keeps them
        # frozen: the run then leaves the collector alone. The collector is
        # paused from loading to freezing: a pass in between would only
        # scan the new objects (some 3 ms of a run on one file).
        ours = gc.get_freeze_count() == 0
        with collector_paused():
            self.glossary  # loaded here, before a pool forks or Dask pickles the linter
            if ours:
                gc.freeze()
        try:
            yield from self._mapped(files, stdin_text, progress, freeze=ours)
        finally:
            if ours:
                gc.unfreeze()

    def _mapped(self, files, stdin_text, progress, freeze: bool = False):
        jobs = self._jobs
        parallel = STDIN not in files and self._parallel(
            len(files), lambda: _at_least_bytes(files, _PARALLEL_MIN_BYTES))
        if self._kept is not None:  # documents kept for the report: read and kept in this process
            if parallel and self._may_fork():
                yield from self._kept_by_workers(files, progress, freeze)
                return
            for done, path in enumerate(files):
                yield self._here(path, stdin_text, progress, done, len(files))
                if progress:
                    progress(done + 1, len(files))
            return
        if self.config.dask and STDIN not in files:
            yield from run_on_dask(self, files, self.config.dask, progress)
            return
        done = 0
        if parallel and self.cache is not None:
            # A warm run: a cached result is read faster here than by a
            # worker that then sends it back, and a run whose files are all
            # cached needs no pool (nor its warm-up). Files are taken here
            # in order until _CACHE_MISSES of them were not cached; the
            # rest, if any, go to the pool.
            misses = 0
            while done < len(files) and misses < _CACHE_MISSES:
                hits = self.cache.hits
                yield self._here(files[done], None, progress, done, len(files))
                misses += self.cache.hits == hits
                done += 1
                if progress:
                    progress(done, len(files))
            parallel = len(files) - done >= _PARALLEL_MIN_FILES
        if not parallel:
            for path in files[done:]:
                yield self._here(path, stdin_text, progress, done, len(files))
                done += 1
                if progress:
                    progress(done, len(files))
            return
        rest = files[done:]
        chunks = task_chunks(rest, jobs)
        with self._workers(min(jobs, len(chunks)), freeze) as pool:
            for chunk_result in _in_order(pool, _lint_chunk_in_worker, chunks, lost=_died):
                yield from chunk_result
                done += len(chunk_result)
                if progress:
                    progress(done, len(files))

    def _kept_by_workers(self, files: list[str], progress, freeze: bool):
        """The files of a run that keeps its documents (the report), linted
        by the pool: this process reads each file once into its document,
        the workers, forked with the documents, lint them by number, and
        each document is kept here with a context of its own, whose views
        are built again only where the report asks for them (its glossary
        matches, the quantities of a document with a figure finding). A
        very large file, linted in pieces and never kept whole, is linted
        here as in a run without a pool."""
        global _WORKER_DOCS
        read = [None if _in_pieces(path, self.config) and _size(path) > PIECE_CHARS else self._read_document(path)
                for path in files]
        docs = [doc for doc, _ in filter(None, read) if doc is not None]
        chunks = task_chunks(list(range(len(docs))), self._jobs)
        _WORKER_DOCS = docs
        try:
            # (no document to lint, when every file is unreadable: a pool of one that forks nothing)
            with self._workers(max(1, min(self._jobs, len(chunks))), freeze) as pool:
                lost = lambda chunk, exc: _died([docs[i].path for i in chunk], exc)  # noqa: E731
                linted = chain.from_iterable(_in_order(pool, _lint_kept_in_worker, chunks, lost))
                for done, (path, entry) in enumerate(zip(files, read)):
                    if entry is None:  # in pieces
                        yield self._here(path, None, progress, done, len(files))
                    elif entry[1] is not None:
                        yield [], None, entry[1]
                    else:
                        findings, mapped, problem = next(linted)
                        if problem is None:
                            doc = entry[0]
                            self._kept.setdefault(path, []).append(Kept(doc, CheckContext(doc, self.glossary,
                                                                                          self.config)))
                        yield findings, mapped, problem
                    if progress:
                        progress(done + 1, len(files))
        finally:
            _WORKER_DOCS = None

    def _here(self, path: str, stdin_text: str | None, progress, done: int, total: int):
        """:meth:`_lint_path` in this process. A progress callback that has a
        ``file_part(done, total, path, fraction)`` method (the CLI's bar)
        is told how far the pieces of a large file are: one file can take
        minutes. A plain ``progress(done, total)`` hears of whole files only."""
        with self._telling_parts(progress, done, total, "<stdin>" if path == STDIN else path):
            return self._lint_path(path, stdin_text)

    @contextmanager
    def _telling_parts(self, progress, done: int, total: int, name: str):
        """While linting the file ``name`` after ``done`` of ``total``: a
        progress callback with a ``file_part`` method hears how far the
        pieces of that file are (see :meth:`_lint_in_pieces`)."""
        file_part = getattr(progress, "file_part", None)
        if file_part is not None:
            self._piece_progress = partial(file_part, done, total, name)
        try:
            yield
        finally:
            self._piece_progress = None

    def _parallel(self, count: int, big_enough: Callable[[], bool]) -> bool:
        """Whether ``count`` files or documents go to a pool of workers:
        with ``-j N`` from _PARALLEL_MIN_FILES up; by default also only
        when ``big_enough()`` (at least _PARALLEL_MIN_BYTES of input: 10,000
        tiny files stay in one process, where a pool's start costs more)."""
        if self._jobs == 1 or count < _PARALLEL_MIN_FILES:
            return False
        return bool(self.config.jobs) or big_enough()

    @property
    def _jobs(self) -> int:
        """Processes a run may use: ``-j N``, by default all cores."""
        return self.config.jobs or os.cpu_count() or 1

    @contextmanager
    def _workers(self, count: int, freeze: bool = False):
        """A pool of ``count`` workers forked from this linter (the many
        files of a run, or the pieces of one large file), warmed up first;
        ``freeze``: what the warm-up loaded goes to the collector's frozen
        generation too, so that the workers' passes leave the pages they
        share with this process alone."""
        global _WORKER_LINTER
        _WORKER_LINTER = self
        if not self._warmed:
            self._warm_up()
            self._warmed = True
        if freeze:
            gc.freeze()
        with _worker_pool(count) as pool:
            yield pool

    def _warm_up(self) -> None:
        """Compile the glossary and run every rule once on a small text
        before forking, so that lazy imports, compiled patterns and caches
        are built once in the parent instead of once in every worker (and
        once per linter: a run of several large files forks a pool for each)."""
        self.glossary.matcher.build_automaton()
        load_rapidfuzz()  # the workers answer thousands of edit-distance questions
        kept, self._kept = self._kept, None  # the warm-up's document is no document of the run
        try:
            self.lint_document(Document("<warm-up>", _WARM_UP))
        finally:
            self._kept = kept

    def _corpus_findings(self, collected):
        findings = []
        ctx = CorpusContext(self.glossary, self.config)
        for rule in self.rules:
            if rule.scope != "corpus":
                continue
            data = [(mapped.path, item) for mapped in collected for name, item in mapped.summaries if name == rule.name]
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


def task_chunks(files: list[str], jobs: int) -> list[list[str]]:
    """``files`` cut into consecutive tasks for ``jobs`` workers, each
    :data:`_TASKS_PER_WORKER` times smaller than a worker's share of the
    files left (guided scheduling): large tasks while much is left, small
    ones at the end, where a large last task keeps one worker busy alone."""
    chunks, start = [], 0
    while start < len(files):
        left = len(files) - start
        size = max(_CHUNK_MIN, min(_CHUNK_MAX, left // (jobs * _TASKS_PER_WORKER)))
        chunks.append(files[start:start + size])
        start += size
    return chunks


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


#: Marks a cache entry of a file linted in pieces (kept packed).
_PIECES = "mtlint: pieces"


def _unpacked(name: str, packed: list, directives: tuple, free: bool = False) -> tuple[list[Finding], Mapped]:
    """The findings of a file linted in pieces and what it hands to the
    reduce (every piece's summaries, the file's directives, moved to their
    place in the file), from :meth:`Linter._lint_in_pieces` (``free``: each
    piece's bytes are let go as soon as they are read)."""
    findings, summaries, excerpts = [], [], {}
    for index, blob in enumerate(packed):
        if free and isinstance(packed, list):
            packed[index] = None
        found, mapped = pickle.loads(zlib.decompress(blob))
        del blob
        findings.extend(found)
        if mapped is not None:
            summaries.extend(mapped.summaries)
            excerpts.update(mapped.excerpts or {})
    return findings, Mapped(name, tuple(summaries), tuple(directives), excerpts=excerpts or None)


_NOTE_LINES = regex(r": (\d+) line(?:s have| has) ")


def _one_note(notes: list[Finding]) -> Finding:
    """The pieces' notes that the file is not NFC as one, the first, with
    the number of lines of the whole file."""
    first, total = notes[0], 0
    for note in notes:
        count = _NOTE_LINES.search(note.message)
        if count is None:
            return first
        total += int(count.group(1))
    return replace(first, message=_NOTE_LINES.sub(
        f": {total} line{'s have' if total != 1 else ' has'} ", first.message, count=1))


def _in_pieces(path: str, config: Config) -> bool:
    """Whether a large file is linted in pieces: plain text and Markdown
    (the other formats are extracted from markup by their loader), not
    compared with a ``--source`` text as a whole."""
    return not path.lower().endswith(FORMAT_SUFFIXES) and path not in config.sources


def _utf8_size_above(text: str, limit: int) -> bool:
    """Whether ``text`` takes more than ``limit`` bytes in UTF-8 (the test
    :meth:`Linter._lint_path` makes of a file's size), encoding it only
    when its length alone cannot tell (one to four bytes a character)."""
    if len(text) > limit:
        return True
    if 4 * len(text) <= limit:
        return False
    return len(text.encode("utf-8", "surrogatepass")) > limit


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # read whole, which says why it cannot be


#: Cache keys of files linted in pieces: a digest of the bytes, not the bytes.
_KEY_PREFIX = b"mtlint: large file, blake2b\0"


def _content_key(path: str) -> bytes:
    """The cache key of a large file's content, read a block at a time."""
    digest = blake2b()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return b""  # read_pieces says why
    return _KEY_PREFIX + digest.digest()


def _cut(text: str, start: int, size: int) -> int:
    """Where the piece of ``text`` starting at ``start`` ends: the last
    paragraph break in its second half, else the last line break, else the
    last sentence end, else the last space (a hard cut only in text
    without any). ``text`` holds more than ``start + size`` characters."""
    limit, floor = start + size, start + size // 2
    cut = text.rfind("\n\n", floor, limit)
    cut = cut + 2 if cut != -1 else text.rfind("\n", floor, limit) + 1
    if cut <= 0 or cut <= start:
        cut = max(text.rfind(". ", floor, limit), text.rfind("。", floor, limit)) + 1
    if cut <= start:
        cut = text.rfind(" ", floor, limit) + 1
    if cut <= start:
        cut = limit
    return cut


_FENCE = regex(r" {0,3}(`{3,}|~{3,})")


def _markdown_cut(text: str, start: int, size: int) -> int:
    """:func:`_cut` for Markdown: the last blank line of the piece's second
    half that is outside fenced code and HTML comments and is followed by
    an unindented line (so that the next piece starts a block, as it does
    in the whole file); else :func:`_cut`."""
    limit, floor = start + size, start + size // 2
    fence, comment, best, blank = None, False, -1, False
    pos = start
    while pos < limit:
        end = text.find("\n", pos, limit)
        if end == -1:
            break
        line = text[pos:end]
        if blank and fence is None and not comment and pos >= floor and line[:1] not in (" ", "\t", "\r", ""):
            best = pos
        if fence is not None:
            if line.lstrip(" ").startswith(fence) and not line.strip(" \r`~"):
                fence = None
        elif comment:
            comment = "-->" not in line
        else:
            opened = _FENCE.match(line)
            if opened:
                fence = opened.group(1)
            elif "<!--" in line:
                comment = "-->" not in line[line.rindex("<!--"):]
        blank = not line.strip()
        pos = end + 1
    return best if best > start else _cut(text, start, size)


def pieces(text: str, size: int, markdown: bool = False) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text`` of at most about
    ``size`` characters, each cut where :func:`_cut` (Markdown:
    :func:`_markdown_cut`) says."""
    spans, start, length = [], 0, len(text)
    cut_at = _markdown_cut if markdown else _cut
    while length - start > size:
        cut = cut_at(text, start, size)
        spans.append((start, cut))
        start = cut
    spans.append((start, length))
    return spans


def text_pieces(chunks, size: int, markdown: bool = False):
    """The :func:`pieces` of the text made of ``chunks`` (consecutive
    strings, e.g. :func:`checker.document.decoded_pieces`), each with
    ``(lines, columns)`` before it in the whole text, holding at most about
    two pieces' worth of text at a time."""
    cut_at = _markdown_cut if markdown else _cut
    buffer, lines, columns = "", 0, 0
    for chunk in chunks:
        buffer = buffer + chunk if buffer else chunk
        del chunk
        while len(buffer) > size:
            cut = cut_at(buffer, 0, size)
            piece, buffer = buffer[:cut], buffer[cut:]
            yield piece, (lines, columns)
            breaks = piece.count("\n")
            columns = len(piece) - piece.rfind("\n") - 1 if breaks else columns + len(piece)
            lines += breaks
            del piece
    yield buffer, (lines, columns)


def _moved(directive, origin: tuple[int, int]):
    """An inline directive of a piece, at its position in the whole file."""
    lines, columns = origin
    if not lines and not columns:
        return directive
    return replace(directive, line=directive.line + lines, end_line=directive.end_line + lines,
                   column=directive.column + (columns if directive.line == 1 else 0),
                   end_column=directive.end_column + (columns if directive.end_line == 1 else 0))


_WORKER_LINTER: Linter | None = None
#: The documents of Linter.document_results, inherited by its forked workers.
_WORKER_DOCS: list[Document] | None = None


@contextmanager
def _worker_pool(workers: int):
    """A pool of ``workers`` forked processes (a few milliseconds of
    imports, paid only by a run that starts one). concurrent.futures, not
    multiprocessing.Pool: when a worker dies (killed by the out-of-memory
    killer, a signal), its tasks fail with BrokenProcessPool instead of
    never returning, which left a run waiting forever. Left early (an
    error, Ctrl-C, a generator closed), the tasks not started are
    cancelled instead of waited for."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _broken_pool() -> type[Exception]:
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool


def _in_order(pool, work, chunks: list, lost=None):
    """The results of ``work`` on each of ``chunks``, all submitted at once
    to ``pool``, chunk after chunk in their order. When a worker was killed
    (the out-of-memory killer, a signal), the run ends instead of waiting
    forever: ``lost(chunk, exc)`` stands for the results of each chunk
    not done; without it, BrokenProcessPool is raised."""
    tasks = [pool.submit(work, chunk) for chunk in chunks]
    for chunk, task in zip(chunks, tasks):
        try:
            yield task.result()
        except _broken_pool() as exc:
            if lost is None:
                raise
            yield lost(chunk, exc)


def _died(paths: list[str], exc: BaseException) -> list:
    """The results of files a killed worker did not lint: each reported."""
    return [([], None, InputProblem(path, _worker_died(exc))) for path in paths]


def _worker_died(exc: BaseException) -> str:
    return (f"not checked: a worker process died while this run was linting ({type(exc).__name__}: killed, "
            "perhaps out of memory); run again, or with --jobs 1")


def _lint_chunk_in_worker(paths):
    return _WORKER_LINTER._lint_chunk(paths)


def _lint_documents_in_worker(numbers: list[int]):
    return [_WORKER_LINTER._document_result(_WORKER_DOCS[i]) for i in numbers]


def _lint_kept_in_worker(numbers: list[int]):
    return [_WORKER_LINTER._lint_kept_document(_WORKER_DOCS[i]) for i in numbers]


def _internal_error(name: str, step: str, exc: Exception) -> InputProblem:
    """A bug met while ``step`` ("reading", "linting") the file ``name``."""
    return InputProblem(name, f"internal error while {step} ({type(exc).__name__}: {exc}); this file was not "
                        "checked - please report it with the file")


def _lint_piece_in_worker(name: str, piece: str, origin: tuple[int, int]):
    return _WORKER_LINTER._lint_piece(name, piece, origin)
