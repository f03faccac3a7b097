"""Very large documents are linted in pieces (checker.linter.pieces): the
pieces tile the text, cut at paragraph, line or sentence breaks, and the
rules that look at one span report what they report on the whole text, at
the same positions."""

from __future__ import annotations

import pytest

from conftest import SEED_000
from checker import linter as linter_module
from checker.config import Config
from checker.linter import Linter, pieces

LOCAL_RULES = ("term-variant", "term-diacritics", "term-phrase", "figure-format", "text-untranslated")


@pytest.mark.parametrize("text", [
    "Đoạn một.\n\nĐoạn hai dài hơn một chút.\n\n" * 50,
    "một dòng\n" * 300,
    "Một câu. " * 400,
    "x" * 5000,
])
def test_pieces_tile_the_text_at_breaks(text):
    spans = pieces(text, 1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= 1000 for start, end in spans)
    for start, end in spans[:-1]:
        assert text[end - 1] in "\n ." or text[start:end] == "x" * 1000


@pytest.mark.parametrize("single_line", [False, True], ids=["lines", "one-line"])
def test_a_document_in_pieces_gets_the_findings_of_the_whole(tmp_path, monkeypatch, shipped_glossary, single_line):
    seed = SEED_000.read_text(encoding="utf-8")
    text = (seed.replace("\n", " ") if single_line else seed) * 3
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    config = Config(select=LOCAL_RULES, jobs=1)
    whole = Linter(shipped_glossary, config).lint_paths([path]).findings
    monkeypatch.setattr(linter_module, "PIECE_CHARS", 10_000)
    assert len(text) > 4 * 10_000
    cut = Linter(shipped_glossary, config).lint_paths([path]).findings
    assert len(whole) > 60
    # messages may cite another line of the same piece ("elsewhere ('81.300', line 448)")
    where = lambda f: (f.line, f.column, f.end_line, f.end_column, f.rule, f.severity, f.suggestion)  # noqa: E731
    assert [where(f) for f in cut] == [where(f) for f in whole]


# --------------------------------------------------------------------------
# files read a piece at a time (checker.document.read_pieces,
# checker.linter.text_pieces): never held whole, bytes or text

import json  # noqa: E402
import random  # noqa: E402
import unicodedata  # noqa: E402

from checker.discover import STDIN  # noqa: E402
from checker.document import DocumentError, decode, read_pieces  # noqa: E402
from checker.formatters import json as json_format, text as text_format  # noqa: E402
from checker.linter import text_pieces  # noqa: E402
from checker.model import Finding, LintResult, Severity  # noqa: E402


@pytest.mark.parametrize("markdown", [False, True])
def test_streamed_pieces_are_the_pieces_of_the_whole(markdown):
    rng = random.Random(7)
    words = ["Một", "câu.", "dòng\n", "\n\n", "```\n", "x", "<!--", "-->\n", "   thụt\n", "ạ", "。"]
    text = "".join(rng.choice(words) + " " for _ in range(20_000))
    whole = [text[s:e] for s, e in pieces(text, 1000, markdown)]
    for chunk_size in (1, 7, 999, 1000, 1001, 4096, len(text)):
        chunks = (text[i:i + chunk_size] for i in range(0, len(text), chunk_size))
        streamed = list(text_pieces(chunks, 1000, markdown))
        assert [p for p, _ in streamed] == whole
        for (piece, (lines, columns)), start in zip(streamed, [s for s, _ in pieces(text, 1000, markdown)]):
            before = text[:start]
            assert lines == before.count("\n") and columns == start - (before.rfind("\n") + 1)


def test_markdown_pieces_are_never_cut_inside_fenced_code():
    block = "Đoạn văn.\n\n```\nmột\n\nhai\n\nba\n```\n\n<!-- chú\n\nthích -->\n\n    thụt lề\n\n"
    text = block * 400
    for start, end in pieces(text, 1000, markdown=True)[:-1]:
        before = text[:end]
        assert before.count("```") % 2 == 0 and before.count("<!--") == before.count("-->"), text[end:end + 40]
        assert text[end] not in " \n"  # a block's first line


def test_read_pieces_decodes_as_a_whole(tmp_path):
    text = "\ufeffĐoạn một ạ\r\nhai 😀\n" * 5000 + "hết"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    for size in (1, 2, 3, 5, 4096):
        assert "".join(read_pieces(str(path), size)) == decode(str(path), path.read_bytes())


@pytest.mark.parametrize(("data", "message"), [
    ("ạ\n".encode() * 3000 + b"\xff tail", "not valid UTF-8"),
    ("ạ\n".encode() * 3000 + "ạ".encode()[:2], "not valid UTF-8"),
    (b"abc\x00def" * 10, "binary file"),
])
def test_read_pieces_fails_as_decode_does(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as whole:
        decode(str(path), data)
    with pytest.raises(DocumentError) as streamed:
        list(read_pieces(str(path), 1000))
    assert message in whole.value.message
    assert (streamed.value.message, streamed.value.line) == (whole.value.message, whole.value.line)


def _linted(glossary, monkeypatch, path, piece_chars, **config):
    monkeypatch.setattr(linter_module, "PIECE_CHARS", piece_chars)
    return Linter(glossary, Config(select=LOCAL_RULES + ("text-unicode",), jobs=1, **config)).lint_paths([path])


def test_a_large_file_that_is_not_utf8_far_in_is_one_problem(tmp_path, monkeypatch, shipped_glossary):
    path = tmp_path / "big.txt"
    path.write_bytes(SEED_000.read_bytes() * 4 + b"\xc3\x28 end\n")
    whole = _linted(shipped_glossary, monkeypatch, path, 10 ** 9)
    cut = _linted(shipped_glossary, monkeypatch, path, 10_000)
    assert not cut.findings and [str(p) for p in cut.problems] == [str(p) for p in whole.problems]
    assert "not valid UTF-8" in str(cut.problems[0])


def test_a_large_nfd_file_in_pieces_gets_its_findings_and_one_note(tmp_path, monkeypatch, shipped_glossary):
    seed = SEED_000.read_text(encoding="utf-8")
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", seed) * 3, encoding="utf-8")
    whole = _linted(shipped_glossary, monkeypatch, path, 10 ** 9).findings
    cut = _linted(shipped_glossary, monkeypatch, path, 10_000).findings
    where = lambda f: (f.line, f.column, f.end_line, f.end_column, f.rule, f.suggestion)  # noqa: E731
    assert len(whole) > 60 and [where(f) for f in cut] == [where(f) for f in whole]
    notes = [f.message for f in cut if f.message.startswith("the file is not Unicode NFC")]
    assert len(notes) == 1 and notes == [f.message for f in whole if f.message.startswith("the file is not")]


def test_directives_of_a_later_piece_apply_at_their_place(tmp_path, monkeypatch, shipped_glossary):
    seed = SEED_000.read_text(encoding="utf-8")
    wrong = "Thủ tướng Phạm Minh Chinh phát biểu.\n"
    text = seed * 3 + "<!-- mtlint: disable-next-line -->\n" + wrong + wrong
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    last = text.count("\n")
    cut = _linted(shipped_glossary, monkeypatch, path, 10_000).findings
    whole = _linted(shipped_glossary, monkeypatch, path, 10 ** 9).findings
    assert [(f.line, f.rule) for f in cut] == [(f.line, f.rule) for f in whole]
    assert any(f.line == last for f in cut) and not any(f.line == last - 1 for f in cut)


def test_large_stdin_is_linted_in_pieces(monkeypatch, shipped_glossary):
    text = SEED_000.read_text(encoding="utf-8") * 3
    monkeypatch.setattr(linter_module, "PIECE_CHARS", 10_000)
    linter = Linter(shipped_glossary, Config(select=LOCAL_RULES, jobs=1))
    cut, _, problem = linter._lint_path(STDIN, text)
    monkeypatch.setattr(linter_module, "PIECE_CHARS", 10 ** 9)
    whole, _, _ = linter._lint_path(STDIN, text)
    assert problem is None and len(cut) > 60
    assert sorted((f.line, f.column, f.rule) for f in cut) == sorted((f.line, f.column, f.rule) for f in whole)


def test_a_large_file_is_cached_packed(tmp_path, monkeypatch, shipped_glossary):
    from checker.cache import ResultCache

    path = tmp_path / "big.txt"
    path.write_text(SEED_000.read_text(encoding="utf-8") * 3, encoding="utf-8")
    monkeypatch.setattr(linter_module, "PIECE_CHARS", 10_000)
    config = Config(select=LOCAL_RULES, jobs=1)
    cache = ResultCache(tmp_path / "cache", "key")
    cold = Linter(shipped_glossary, config, cache=cache).lint_paths([path]).findings
    warm = Linter(shipped_glossary, config, cache=cache).lint_paths([path]).findings
    assert cache.hits == 1 and len(cold) > 60 and warm == cold


def test_json_and_text_output_are_streamed_byte_for_byte():
    findings = [Finding("d/ạ \"b\".txt", 3, 1, 3, 9, "term-variant", "name-variant", Severity.ERROR,
                        "'Chinh' ≠ 'Chính'\t\\ \x1b", "Chính"),
                Finding("x.md", 1, 2, 1, 3, "text-unicode", "orthography", Severity.INFO, "m", " ")] * 3000
    for result in (LintResult(), LintResult(files=2, findings=findings[:1]), LintResult(files=5, findings=findings)):
        payload = {"version": json_format.VERSION, "files": result.files,
                   "findings": [f.to_dict() for f in result.findings]}
        assert json_format.render(result) == json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        chunks = list(json_format.chunks(result))
        assert len(chunks) >= (2 if len(result.findings) > 1000 else 1)
        text_chunks = list(text_format.chunks(result))
        assert "".join(text_chunks) == text_format.render(result)
        assert text_format.render(result).count("\n") == len(result.findings) + 1


# --------------------------------------------------------------------------
# the pieces of one large file linted by a pool of workers (issue 14, item 4)

_PIECES_IN_POOL = Linter._pieces_in_pool


def _pieces_run(glossary, path, jobs: int, monkeypatch):
    """A run of ``path`` with ``jobs`` processes, and whether a pool linted its pieces."""
    pooled = []

    def spy(self, name, pieces_of_file, n):
        pooled.append(n)
        return _PIECES_IN_POOL(self, name, pieces_of_file, n)

    monkeypatch.setattr(Linter, "_pieces_in_pool", spy)
    return Linter(glossary, Config(jobs=jobs)).lint_paths([path]), pooled


def test_the_pieces_of_a_large_file_linted_by_a_pool_give_the_findings_of_one_process(
        tmp_path, monkeypatch, shipped_glossary):
    # every rule, an NFD piece (one note for the file), directives in a later
    # piece and a piece that does not decode far in (one problem)
    seed = SEED_000.read_text(encoding="utf-8")
    wrong = "Thủ tướng Phạm Minh Chinh phát biểu.\n"
    text = seed * 2 + unicodedata.normalize("NFD", seed) + "<!-- mtlint: disable-next-line -->\n" + wrong + wrong
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(linter_module, "PIECE_CHARS", 10_000)
    serial, serial_pooled = _pieces_run(shipped_glossary, path, 1, monkeypatch)
    pooled, pool_jobs = _pieces_run(shipped_glossary, path, 2, monkeypatch)
    assert serial_pooled == [] and pool_jobs == [2]
    assert len(serial.findings) > 100 and pooled.findings == serial.findings
    assert sum(f.message.startswith("the file is not Unicode NFC") for f in pooled.findings) == 1
    bad = tmp_path / "bad.txt"
    bad.write_bytes(SEED_000.read_bytes() * 4 + b"\xc3\x28 end\n")
    serial, _ = _pieces_run(shipped_glossary, bad, 1, monkeypatch)
    pooled, _ = _pieces_run(shipped_glossary, bad, 2, monkeypatch)
    assert not pooled.findings and [str(p) for p in pooled.problems] == [str(p) for p in serial.problems]
    assert "not valid UTF-8" in str(pooled.problems[0])


def test_a_worker_of_a_pool_lints_the_pieces_of_its_large_file_itself(shipped_glossary):
    # a daemon process cannot start a pool of its own: the pieces of a
    # large file among many are linted by the worker that took the file
    import multiprocessing

    linter = Linter(shipped_glossary, Config(jobs=2))
    assert linter._piece_jobs("<stdin>", "x" * (8 << 20)) == 2
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(linter._piece_jobs, ("<stdin>", "x" * (8 << 20))) == 1
    assert Linter(shipped_glossary, Config())._piece_jobs("<stdin>", "x" * 1000) == 1  # small: by default one process


class _Progress:
    """A progress callback that also hears how far a large file is."""

    def __init__(self):
        self.files, self.parts = [], []

    def __call__(self, done, total):
        self.files.append((done, total))

    def file_part(self, done, total, path, fraction):
        self.parts.append((done, total, path, fraction))


def _small_then_big(tmp_path, monkeypatch):
    """A one-line file, then a file of several pieces (of 10,000 characters)."""
    big = tmp_path / "big.txt"
    big.write_text(SEED_000.read_text(encoding="utf-8") * 3, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("Thủ tướng Phạm Minh Chính phát biểu.\n", encoding="utf-8")
    monkeypatch.setattr(linter_module, "PIECE_CHARS", 10_000)
    return small, big


def _assert_moved_within(progress: _Progress, big) -> None:
    """Told of both files, and of the big one's pieces, after the small
    file, in order, to the end."""
    fractions = [part[3] for part in progress.parts]
    assert {part[:3] for part in progress.parts} == {(1, 2, str(big))}
    assert len(fractions) > 4 and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert progress.files == [(1, 2), (2, 2)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_follows_the_pieces_of_a_large_file(tmp_path, monkeypatch, shipped_glossary, jobs):
    small, big = _small_then_big(tmp_path, monkeypatch)
    progress = _Progress()
    Linter(shipped_glossary, Config(select=LOCAL_RULES, jobs=jobs)).lint_paths([small, big], progress)
    _assert_moved_within(progress, big)
    plain = []  # a plain callable hears of whole files only
    Linter(shipped_glossary, Config(select=LOCAL_RULES, jobs=jobs)).lint_paths(
        [small, big], lambda done, total: plain.append((done, total)))
    assert plain == [(1, 2), (2, 2)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_fix_tells_the_progress_within_a_large_file(tmp_path, monkeypatch, shipped_glossary, jobs):
    from checker.fixer import fix_paths

    small, big = _small_then_big(tmp_path, monkeypatch)
    progress = _Progress()
    fixed = fix_paths(Linter(shipped_glossary, Config(jobs=jobs)), [str(small), str(big)], write=False,
                      progress=progress)
    assert fixed.applied
    _assert_moved_within(progress, big)  # the first linting only


@pytest.mark.parametrize("text", ["", "a" * 250, "a" * 251, "ạ" * 84, "ạ" * 83 + "a", "𝔸" * 63, "𝔸" * 62 + "ab",
                                  "x" * 1001])
def test_utf8_size_above_is_the_encoded_length(text):
    from checker.linter import _utf8_size_above

    for limit in (0, 250, 251, 252, 1000):
        assert _utf8_size_above(text, limit) == (len(text.encode("utf-8")) > limit)


def test_a_rule_crashing_on_one_piece_in_a_worker_costs_that_file_only(tmp_path, monkeypatch, shipped_glossary,
                                                                        crash_on_boom):
    seed = SEED_000.read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(seed * 2 + "boom\n" + seed, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Thủ tướng Phạm Minh Chinh phát biểu.\n", encoding="utf-8")
    monkeypatch.setattr(linter_module, "PIECE_CHARS", 10_000)
    run = Linter(shipped_glossary, Config(select=LOCAL_RULES + ("term-casing",), jobs=2)).lint_paths([big, other])
    assert [p.path for p in run.problems] == [str(big)]
    assert "internal error while linting (RuntimeError: simulated bug)" in str(run.problems[0])
    assert {f.path for f in run.findings} == {str(other)}
