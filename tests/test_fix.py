"""mtlint fix / lint --fix: certain fixes only, nothing else touched,
idempotent, --diff changes nothing, atomic writes that lose nothing."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import stat

import pytest

from conftest import MINI_GLOSSARY, NATIVE_SEEDS, SEED_000

MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)
CERTAIN = {"term-variant", "term-diacritics", "term-casing"}


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "seed.txt"
    shutil.copyfile(SEED_000, path)
    return path


def _changed_spans(before: str, after: str):
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(before[i1:i2], after[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def test_fix_seed_000_changes_only_the_fixed_spans(cli, seed):
    before = seed.read_text(encoding="utf-8")
    findings = json.loads(cli("lint", *MINI, "--format", "json", "--select", "term", seed).stdout)["findings"]
    expected = {}
    lines = before.split("\n")
    for f in findings:
        if f["rule"] in CERTAIN:
            expected[(f["line"], f["column"])] = (lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1],
                                                  f["suggestion"])
    assert len(expected) >= 10  # Sơn Ma, Phạm Minh Chinh ×4, Thủ tướng Chinh ×2, Vinh Long, Bảo Chính Phủ ×2, Công ty B

    result = cli("fix", *MINI, "--select", "term", seed)
    assert result.exit_code == 1, result.output  # term-order / term-phrase are left for a human
    after = seed.read_text(encoding="utf-8")
    for (line, column), (old, new) in expected.items():
        assert f"{seed}:{line}:{column}: fixed [" in result.stdout
        assert f"'{old}' → '{new}'" in result.stdout
    # the names are now canonical, every line not holding a fix is identical
    assert "Sơn Ma" not in after and "Phạm Minh Chinh" not in after and "Vinh Long" not in after
    assert "tỉnh Gunma" in after and "Thủ tướng Phạm Minh Chính" in after and "Nguồn: B&Company" in after
    fixed_lines = {line for line, _ in expected}
    for i, (old_line, new_line) in enumerate(zip(lines, after.split("\n")), start=1):
        if i not in fixed_lines:
            assert old_line == new_line, i
    # character level: every change is one of the expected replacements
    olds = {old for old, _ in expected.values()}
    for old, new in _changed_spans(before, after):
        assert any(old in o for o in olds) or old == "", (old, new)
    assert len(after.split("\n")) == len(lines)
    # what is left for a human is listed
    assert "left for a human:" in result.stdout and "[term-order] 'Naoki Ito'" in result.stdout
    assert f"fixed {len(expected)} finding(s) in 1 file(s)" in result.stdout

    # a second run finds nothing left to fix
    again = cli("fix", *MINI, "--select", "term", seed)
    assert "fixed 0 finding(s)" in again.stdout and seed.read_text(encoding="utf-8") == after
    remaining = json.loads(cli("lint", *MINI, "--format", "json", "--select", "term", seed).stdout)["findings"]
    assert not [f for f in remaining if f["rule"] in CERTAIN]


def test_diff_prints_a_unified_diff_and_changes_nothing(cli, seed):
    before = seed.read_bytes()
    mtime = seed.stat().st_mtime_ns
    result = cli("fix", *MINI, "--diff", "--select", "term-variant", seed)
    assert result.exit_code == 1
    assert seed.read_bytes() == before and seed.stat().st_mtime_ns == mtime
    assert result.stdout.startswith(f"--- a/{seed}\n+++ b/{seed}\n@@ ")
    # difflib may carry a blank line between two changed lines along: count the others
    removed = [l for l in result.stdout.splitlines() if l.startswith("-") and l not in ("-", "--- a/" + str(seed))]
    added = [l for l in result.stdout.splitlines() if l.startswith("+") and l not in ("+", "+++ b/" + str(seed))]
    assert len(removed) == len(added) == 4  # lines 22, 32, 232, 234
    assert any("tỉnh Gunma" in l for l in added) and any("Nguồn: B&Company" in l for l in added)
    assert "4 fix(es) to apply in 1 file(s)" in result.stderr


def test_fuzzy_order_and_phrases_are_never_applied(cli, tmp_path):
    path = tmp_path / "a.txt"
    text = "Đại sứ Naoki Ito thăm tỉnh Yamanasi.\nChe phủ: Báo Chính phủ\n"
    path.write_text(text, encoding="utf-8")
    result = cli("fix", *MINI, path)
    assert path.read_text(encoding="utf-8") == text
    assert "fixed 0 finding(s)" in result.stdout and result.exit_code == 1
    for rule in ("term-order", "term-fuzzy", "term-phrase"):
        assert f"[{rule}]" in result.stdout


def test_source_form_is_left_for_a_human(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Đoàn của 群馬県 đã đến.\n", encoding="utf-8")
    cli("fix", *MINI, path)
    assert "群馬県" in path.read_text(encoding="utf-8")


def test_crlf_bom_and_permissions_are_kept(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffDòng một\r\ntỉnh Sơn Ma và Vinh Long\r\n".encode("utf-8"))
    os.chmod(path, 0o640)
    assert cli("fix", *MINI, path).exit_code == 0
    assert path.read_bytes() == "\ufeffDòng một\r\ntỉnh Gunma và Vĩnh Long\r\n".encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]  # no temporary file left


def test_symlink_is_followed_not_replaced(cli, tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    cli("fix", *MINI, link)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "tỉnh Gunma\n"


def test_read_only_file_is_reported_and_untouched(cli, tmp_path):
    path = tmp_path / "ro.txt"
    path.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    os.chmod(path, 0o444)  # read-only for everyone, root included (mtlint reads the mode bits)
    result = cli("fix", *MINI, path)
    assert result.exit_code == 2
    assert f"mtlint: error: {path}: read-only file; not fixed" in result.stderr
    assert path.read_text(encoding="utf-8") == "tỉnh Sơn Ma\n"
    assert "fixed 0 finding(s)" in result.stdout


def test_crash_mid_write_loses_nothing(cli, tmp_path, monkeypatch):
    import checker.fixer

    path = tmp_path / "a.txt"
    path.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Nguồn: Công ty B\n", encoding="utf-8")
    real_replace = os.replace

    def crash(src, dst):
        if dst.endswith("a.txt"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(checker.fixer.os, "replace", crash)
    result = cli("fix", *MINI, path, other)
    assert result.exit_code == 2
    assert f"{path}: cannot write: No space left on device; the file is unchanged" in result.stderr
    assert path.read_text(encoding="utf-8") == "tỉnh Sơn Ma\n"
    assert other.read_text(encoding="utf-8") == "Nguồn: B&Company\n"  # the other file is fixed
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]
    # what is reported left matches the unchanged file on disk
    assert f"{path}:1:6: error [term-variant]" in result.stdout


def test_crash_while_writing_the_temporary_file(tmp_path, monkeypatch):
    from checker import fixer

    path = tmp_path / "a.txt"
    path.write_text("original\n", encoding="utf-8")

    def boom(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(fixer.os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        fixer.write_atomic(str(path), b"new")
    assert path.read_text(encoding="utf-8") == "original\n"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_html_fix_escapes_and_skips_spans_with_markup(cli, tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<p>Nguồn: Công ty B</p>\n<p>tỉnh <b>Sơn</b> Ma và Vinh Long</p>\n", encoding="utf-8")
    result = cli("fix", *MINI, page)
    assert page.read_text(encoding="utf-8") == (
        "<p>Nguồn: B&amp;Company</p>\n<p>tỉnh <b>Sơn</b> Ma và Vĩnh Long</p>\n")
    assert "not fixed [term-variant]: the flagged text contains markup" in result.stdout


def test_po_fix_keeps_escapes(cli, tmp_path):
    path = tmp_path / "a.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "x"\nmsgstr "tỉnh \\"Sơn Ma\\" và Vinh Long"\n', encoding="utf-8")
    cli("fix", *MINI, path)
    assert path.read_text(encoding="utf-8").endswith('msgstr "tỉnh \\"Gunma\\" và Vĩnh Long"\n')


def test_docx_is_not_edited(cli, tmp_path):
    import docx

    path = tmp_path / "a.docx"
    document = docx.Document()
    document.add_paragraph("tỉnh Sơn Ma")
    document.save(path)
    before = path.read_bytes()
    result = cli("fix", *MINI, path)
    assert path.read_bytes() == before
    assert "not fixed [term-variant]: fix cannot edit .docx files" in result.stdout


def test_overlapping_fixes_are_applied_once(tmp_path, mini_glossary):
    from checker.config import Config
    from checker.fixer import fix_paths
    from checker.linter import Linter
    from checker.model import Finding, Severity
    from checker.rules import rule_by_name

    path = tmp_path / "a.txt"
    path.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    linter = Linter(mini_glossary, Config(default_glossary=False))
    real = linter.combine

    def with_overlap(docs, results):
        result = real(docs, results)
        extra = []
        for f in result.findings:
            if f.suggestion == "Gunma":
                # the same span again, and a span inside it: all three are certain
                extra.append(Finding(f.path, f.line, f.column, f.end_line, f.end_column, "term-casing", "casing",
                                     Severity.WARNING, "dup", "Gunma"))
                extra.append(Finding(f.path, f.line, f.column + 4, f.end_line, f.end_column, "term-diacritics",
                                     "diacritics", Severity.ERROR, "inner", "MA"))
        result.findings.extend(extra)
        return result

    assert rule_by_name("term-casing").fixable
    linter.combine = with_overlap
    fixed = fix_paths(linter, [str(path)])
    assert path.read_text(encoding="utf-8") == "tỉnh Gunma\n"
    assert len([a for a in fixed.applied if a.path == str(path)]) == 1


def test_lint_fix_reports_what_is_left(cli, seed):
    result = cli("lint", *MINI, "--fix", "--select", "term", "--format", "json", seed)
    payload = json.loads(result.stdout)
    assert {f["rule"] for f in payload["findings"]} <= {"term-order", "term-phrase", "term-fuzzy"}
    assert "fixed [term-variant] 'Sơn Ma' → 'Gunma'" in result.stderr
    assert result.exit_code == 1


def test_native_seeds_need_no_fix(cli, tmp_path):
    for native in NATIVE_SEEDS:
        copy = tmp_path / native.name
        shutil.copyfile(native, copy)
        result = cli("fix", copy)
        assert copy.read_bytes() == native.read_bytes()
        assert "fixed 0 finding(s)" in result.stdout


def test_suppressed_and_baselined_findings_are_not_fixed(cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("<!-- mtlint: disable-next-line=term-variant -->\ntỉnh Sơn Ma (trích nguyên văn)\n\n"
                    "Nguồn: Công ty B\n\ntỉnh Vinh Long\n", encoding="utf-8")
    baseline = tmp_path / "accepted.json"
    other = tmp_path / "b.txt"
    other.write_text("Nguồn: Công ty B\n", encoding="utf-8")
    assert cli("lint", *MINI, "--write-baseline", baseline, other).exit_code == 0
    cli("fix", *MINI, path)
    assert path.read_text(encoding="utf-8") == ("<!-- mtlint: disable-next-line=term-variant -->\n"
                                                "tỉnh Sơn Ma (trích nguyên văn)\n\nNguồn: B&Company\n\ntỉnh Vĩnh Long\n")
    cli("fix", *MINI, "--baseline", baseline, other)
    assert other.read_text(encoding="utf-8") == "Nguồn: Công ty B\n"


def test_fix_never_writes_at_a_position_the_loader_got_wrong(cli, tmp_path):
    # A target starting with a line break once mapped 'Ð' to an empty span
    # before it: each pass inserted another 'Đ' there (found by fuzzing).
    path = tmp_path / "a.xlf"
    before = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="en" '
              'target-language="vi" datatype="plaintext" original="x"><body>\n<trans-unit id="1"><source>x'
              '</source><target>\nÐà Nẵng và tỉnh Sơn Ma</target></trans-unit>\n</body></file></xliff>\n')
    path.write_text(before, encoding="utf-8")
    result = cli("fix", *MINI, path)
    assert "Traceback" not in result.stderr
    after = path.read_text(encoding="utf-8")
    assert after in (before, before.replace("Ð", "Đ"), before.replace("Sơn Ma", "Gunma"),
                     before.replace("Ð", "Đ").replace("Sơn Ma", "Gunma"))
    assert cli("fix", *MINI, "--diff", path).exit_code == 0  # nothing left to change


def test_fix_survives_a_crashing_rule(cli, tmp_path, crash_on_boom):
    bad = tmp_path / "boom.txt"
    bad.write_text("boom tỉnh Sơn Ma\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    result = cli("fix", *MINI, bad, good)
    assert result.exit_code == 2
    assert f"{bad}: internal error while linting (RuntimeError: simulated bug)" in result.stderr
    assert bad.read_text(encoding="utf-8") == "boom tỉnh Sơn Ma\n"
    assert good.read_text(encoding="utf-8") == "tỉnh Gunma\n"


def test_the_fix_rides_on_the_finding():
    """A finding carries its Fix; the fixer applies the safe ones and needs
    no table of rules. A glossary variant is certain, a fuzzy near miss is
    only a suggestion, and the JSON contract keeps ``suggestion`` only."""
    from checker.api import lint_texts

    findings = lint_texts({"a.txt": "Đoàn đến tỉnh Sơn Ma. Đại diện tỉnh Yamanasi và tỉnh Niigata phát biểu."})
    by_rule = {f.rule: f for f in findings}
    variant, fuzzy = by_rule["term-variant"], by_rule["term-fuzzy"]
    assert variant.fix is not None and variant.fix.safe and variant.fix.replacement == "Gunma"
    assert fuzzy.fix is not None and not fuzzy.fix.safe and fuzzy.fix.replacement == "Yamanashi"
    assert "fix" not in variant.to_dict() and variant.to_dict()["suggestion"] == "Gunma"


# --------------------------------------------------------------------------
# a very large file: fixed on the findings `lint` reports (its pieces), in
# time linear in its size (issue 14, item 4)

@pytest.mark.parametrize("jobs", [1, 2])
def test_a_large_file_is_fixed_on_the_findings_lint_reports_in_its_pieces(tmp_path, monkeypatch, shipped_glossary,
                                                                           jobs):
    from checker import linter as linter_module
    from checker.config import Config
    from checker.fixer import fix_paths
    from checker.linter import Linter

    monkeypatch.setattr(linter_module, "PIECE_CHARS", 10_000)
    path = tmp_path / "big.txt"
    path.write_text(SEED_000.read_text(encoding="utf-8") * 3, encoding="utf-8")
    config = Config(jobs=jobs)
    linted = Linter(shipped_glossary, config).lint_paths([path]).findings
    certain = {(f.line, f.column) for f in linted if f.fix is not None and f.fix.safe}
    longest = []
    real = Linter.lint_document

    def spy(self, doc):
        longest.append(len(doc.text))
        return real(self, doc)

    monkeypatch.setattr(Linter, "lint_document", spy)
    fixed = fix_paths(Linter(shipped_glossary, config), [str(path)])
    # the fixes made are those lint reported as certain (an overlapping one
    # waits a pass, and is found again where it now is: here, the same place)
    assert len(certain) > 30 and len(fixed.applied) > 30
    assert {(a.line, a.column) for a in fixed.applied} <= certain
    assert max(longest) <= 12_000  # pieces of about PIECE_CHARS (or the workers'), never the whole file
    monkeypatch.setattr(Linter, "lint_document", real)
    # and what fix says is left is what lint now reports on the written file
    after = Linter(shipped_glossary, config).lint_paths([path]).findings
    assert fixed.remaining.findings == after
    assert not [f for f in after if f.fix is not None and f.fix.safe]


def test_edits_are_made_in_one_pass_as_one_at_a_time():
    import random

    from checker.fixer import _edited

    rng = random.Random(3)
    text = "".join(rng.choice("ab cđ\nế") for _ in range(2000))
    for _ in range(50):
        cuts = sorted(rng.sample(range(len(text) + 1), 2 * rng.randint(0, 20)))
        edits = [(s, e, rng.choice(["", "X", "YZW"]), None) for s, e in zip(cuts[::2], cuts[1::2])]
        spliced = text
        for start, end, replacement, _ in reversed(edits):
            spliced = spliced[:start] + replacement + spliced[end:]
        assert _edited(text, edits) == spliced


# --------------------------------------------------------------------------
# many files: linted once (by the workers, with -j), then after each pass
# of fixes only the files that pass changed

def _folder_of_files(folder, copies=30):
    """``copies`` native texts, which need no fix, and seed 000, which does."""
    folder.mkdir(parents=True)
    native = [p.read_text(encoding="utf-8") for p in NATIVE_SEEDS]
    for i in range(copies):
        (folder / f"{i:02}.txt").write_text(native[i % len(native)], encoding="utf-8")
    shutil.copyfile(SEED_000, folder / "zz-seed.txt")
    return folder


def test_a_pass_of_fixes_lints_again_only_the_files_it_changed(tmp_path, monkeypatch, shipped_glossary):
    from collections import Counter

    from checker.config import Config
    from checker.fixer import fix_paths
    from checker.linter import Linter

    folder = _folder_of_files(tmp_path / "many")
    linted = Counter()
    real = Linter._document_result

    def spy(self, doc):
        linted[os.path.basename(doc.path)] += 1
        return real(self, doc)

    monkeypatch.setattr(Linter, "_document_result", spy)
    fixed = fix_paths(Linter(shipped_glossary, Config(jobs=1)), [str(folder)])
    monkeypatch.setattr(Linter, "_document_result", real)
    assert set(fixed.changes) == {str(folder / "zz-seed.txt")} and len(fixed.applied) > 10
    assert linted["zz-seed.txt"] >= 2  # linted, fixed, linted again (until nothing is left to fix)
    assert len(linted) == 31 and all(n == 1 for name, n in linted.items() if name != "zz-seed.txt")
    # the run made of kept and new results is the run lint makes of the files
    assert fixed.remaining.findings == Linter(shipped_glossary, Config(jobs=1)).lint_paths([str(folder)]).findings


def test_many_files_are_fixed_by_the_workers_as_by_one_process(tmp_path, monkeypatch, shipped_glossary):
    from dataclasses import replace

    from checker.config import Config
    from checker.fixer import fix_paths
    from checker.linter import Linter

    real = Linter._document_result
    outcome = {}
    for jobs in (1, 2):
        folder = _folder_of_files(tmp_path / f"jobs{jobs}")
        pids = tmp_path / f"pids{jobs}"

        def spy(self, doc, pids=pids):  # the forked workers append too
            with open(pids, "a", encoding="utf-8") as out:
                out.write(f"{os.getpid()}\n")
            return real(self, doc)

        monkeypatch.setattr(Linter, "_document_result", spy)
        told = []
        fixed = fix_paths(Linter(shipped_glossary, Config(jobs=jobs)), [str(folder)],
                          progress=lambda done, total: told.append((done, total)))
        monkeypatch.setattr(Linter, "_document_result", real)
        by_whom = pids.read_text(encoding="utf-8").split()
        others = {pid for pid in by_whom if pid != str(os.getpid())}
        assert (len(others) >= 1) == (jobs == 2), by_whom  # the first linting, by the workers
        assert told[-1] == (31, 31) and told == sorted(told)  # the progress of that first linting
        relative = lambda f: replace(f, path=os.path.basename(f.path))  # noqa: E731
        outcome[jobs] = ([(os.path.basename(a.path), a.line, a.column, a.rule, a.new) for a in fixed.applied],
                         [relative(f) for f in fixed.remaining.findings],
                         {p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert outcome[1] == outcome[2]
    assert outcome[1][0] and outcome[1][1]


def test_a_crashing_rule_in_a_worker_costs_only_its_file(tmp_path, shipped_glossary, crash_on_boom):
    from checker.config import Config
    from checker.fixer import fix_paths
    from checker.linter import Linter

    folder = _folder_of_files(tmp_path / "many")
    bad = folder / "boom.txt"
    bad.write_text("boom tỉnh Sơn Ma\n", encoding="utf-8")
    fixed = fix_paths(Linter(shipped_glossary, Config(jobs=2)), [str(folder)])
    assert [str(p) for p in fixed.problems] == [
        f"{bad}: internal error while linting (RuntimeError: simulated bug); this file was not checked or fixed "
        "- please report it with the file"]
    assert bad.read_text(encoding="utf-8") == "boom tỉnh Sơn Ma\n"
    assert set(fixed.changes) == {str(folder / "zz-seed.txt")}
