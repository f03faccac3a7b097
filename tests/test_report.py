"""``mtlint report``: the HTML report of the seeds, its summary, findings,
entity and figure views, escaping of hostile text, and CLI behaviour."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from checker.document import Document
from checker.formatters import html
from checker.model import Finding, LintResult, Severity
from checker.report import build_report, describe_quantity

from conftest import FIXTURES, MINI_GLOSSARY, SEEDS

bs4 = pytest.importorskip("bs4")

MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)
REPORT_FIXTURES = FIXTURES / "report"


def _soup(path: Path):
    return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory):
    """The report of the three seeds with the mini glossary, and the JSON
    findings of ``mtlint lint`` with the same options."""
    from click.testing import CliRunner

    from checker.cli import main

    out = tmp_path_factory.mktemp("report") / "seeds.html"
    runner = CliRunner()
    args = [str(a) for a in MINI]
    run = runner.invoke(main, ["report", *args, str(SEEDS), "-o", str(out)], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    lint = runner.invoke(main, ["lint", "--format", "json", *args, str(SEEDS)], catch_exceptions=False)
    return _soup(out), json.loads(lint.stdout), run


def test_summary_counts_equal_the_json_findings(seeds_report):
    soup, data, run = seeds_report
    findings = data["findings"]
    assert len(findings) > 0
    assert int(soup.find(id="count-files").text) == data["files"] == 3
    assert int(soup.find(id="count-findings").text) == len(findings)
    severities = Counter(f["severity"] for f in findings)
    for severity in ("error", "warning", "info"):
        cell = soup.find("dd", attrs={"data-severity-count": severity})
        assert int(cell.text) == severities[severity], severity
    by_rule = {row["data-rule"]: int(row.find("td", class_="num")["data-count"])
               for row in soup.select("#by-rule tbody tr")}
    assert by_rule == dict(Counter(f["rule"] for f in findings))
    by_category = {row["data-category"]: int(row.find("td", class_="num").text)
                   for row in soup.select("#by-category tbody tr")}
    assert by_category == dict(Counter(f["category"] for f in findings))
    # the chart has one bar per rule, labelled with its count
    bars = soup.select("svg.chart")[0].select("g.bar")
    assert {g.find("text").text: int(g.select_one("text.value").text) for g in bars} == by_rule
    assert f"{len(findings)} finding(s) in 3 file(s)" in run.stdout


def test_every_finding_is_shown_with_its_context_and_explanation(seeds_report):
    soup, data, _ = seeds_report
    items = soup.select("li.finding")
    assert len(items) == len(data["findings"])
    docs = {section["data-doc"]: section["data-path"] for section in soup.select("section.doc")}
    assert sorted(docs.values()) == sorted(str(p) for p in SEEDS.glob("*.txt"))
    for item, finding in zip(items, data["findings"]):
        assert item["data-rule"] == finding["rule"]
        assert item["data-severity"] == finding["severity"]
        assert (int(item["data-line"]), int(item["data-column"])) == (finding["line"], finding["column"])
        assert docs[item["data-doc"]] == finding["path"]
        assert item.select_one("p.message").text == finding["message"]
        focus = item.select("div.context div.line.focus")
        assert focus and int(focus[0].select_one("a.ln").text) == finding["line"]
        marked = "".join(m.text for m in focus[0].select("mark"))
        line = Path(finding["path"]).read_text(encoding="utf-8").split("\n")[finding["line"] - 1]
        assert marked == line[finding["column"] - 1:finding["end_column"] - 1]
        if finding["suggestion"] is not None:
            assert item.select_one("p.suggestion ins").text == finding["suggestion"]
            assert item.select_one("p.suggestion del").text == marked
        explain = item.select_one("details.explain")
        assert explain is not None and explain.find("h5", string="Why is this bad?")


def test_a_finding_on_sơn_ma_is_highlighted_in_its_line(seeds_report):
    soup, _, _ = seeds_report
    item = next(i for i in soup.select("li.finding") if i.select_one("p.suggestion ins")
                and i.select_one("p.suggestion ins").text == "Gunma")
    context = item.select_one("div.context div.line.focus span.src")
    assert context.select_one("mark").text == "Sơn Ma"
    assert "Thống đốc Ichita Yamamoto của tỉnh Sơn Ma" in context.text


def test_entity_view_groups_sơn_ma_under_gunma(seeds_report):
    soup, data, _ = seeds_report
    gunma = soup.find("tbody", attrs={"data-entity": "Gunma"})
    assert gunma is not None
    renderings = {li["data-rendering"]: li for li in gunma.select("li.rendering")}
    assert set(renderings) == {"Gunma", "Sơn Ma"}
    assert "ok" in renderings["Gunma"]["class"] and "bad" in renderings["Sơn Ma"]["class"]
    # Gunma occurs four times in seed 000 (lines 49, 72, 117, 164)
    assert int(renderings["Gunma"]["data-count"]) == 4
    gunma_lines = sorted(int(a.text.split(":")[1]) for a in renderings["Gunma"].select(".occurrences a"))
    assert gunma_lines == [49, 72, 117, 164]
    # the wrong rendering links to its finding, accepted ones to their line
    (wrong,) = renderings["Sơn Ma"].select(".occurrences a")
    target = soup.find(id=wrong["href"][1:])
    assert target.name == "li" and target.select_one("p.suggestion ins").text == "Gunma"
    for link in renderings["Gunma"].select(".occurrences a"):
        assert soup.find(id=link["href"][1:]) is not None

    chinh = soup.find("tbody", attrs={"data-entity": "Phạm Minh Chính"})
    forms = {li["data-rendering"]: "ok" in li["class"] for li in chinh.select("li.rendering")}
    assert forms["Phạm Minh Chính"] and forms["Chính"]
    assert not forms["Phạm Minh Chinh"] and not forms["Chinh"]
    # entities with a wrong rendering come before consistent ones
    assert gunma.find_parent("table")["id"] == "entities-inconsistent"


def test_report_is_self_contained(seeds_report):
    soup, _, _ = seeds_report
    assert not soup.find_all("link")
    assert not soup.find_all(src=True)
    assert all(a["href"].startswith("#") for a in soup.find_all("a", href=True))
    for anchor in soup.find_all("a", href=True):
        assert soup.find(id=anchor["href"][1:]) is not None, anchor["href"]
    assert len(soup.find_all("style")) == 1 and len(soup.find_all("script")) == 1
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    # filters exist but are hidden until the script reveals them
    assert soup.find(id="filters").has_attr("hidden")
    assert {o["value"] for o in soup.select("#filters select[name=rule] option")} >= {"", "term-variant"}


def test_figures_view_lists_every_figure_finding(seeds_report):
    soup, data, _ = seeds_report
    expected = [f for f in data["findings"] if f["rule"].startswith("figure-")]
    rows = soup.select("#figures tr.figure")
    assert [row["data-rule"] for row in rows] == [f["rule"] for f in expected]
    for row, finding in zip(rows, expected):
        cells = row.find_all("td")
        assert cells[0].text == f"{finding['path']}:{finding['line']}:{finding['column']}"
        assert cells[3].text.startswith(finding["message"])
    # seed 000 writes 900,000 the English way: the view gives both readings
    english = next((row for row in rows if row.find_all("td")[1].text == "900,000"), None)
    if english is not None:
        assert english.find_all("td")[2].text == "900.000; '900,000' may also read 900"


def test_no_figures_section_without_figure_findings(cli, tmp_path):
    out = tmp_path / "r.html"
    assert cli("report", *MINI, "--select", "term", SEEDS, "-o", out).exit_code == 0
    soup = _soup(out)
    assert soup.find(id="figures") is None
    assert not soup.select('header nav a[href="#figures"]')


def _hostile_run(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(REPORT_FIXTURES / "xss.txt", docs / "xss.txt")
    odd = docs / '"><img src=x onerror=alert(9)>.txt'
    odd.write_text("Tỉnh Sơn Ma <b>đậm</b>\n", encoding="utf-8")
    return docs, odd


def test_document_text_and_file_names_are_escaped(cli, tmp_path):
    docs, odd = _hostile_run(tmp_path)
    out = tmp_path / "out" / "r.html"
    run = cli("report", *MINI, docs, "-o", out)
    assert run.exit_code == 0, run.output
    raw = out.read_text(encoding="utf-8")
    soup = bs4.BeautifulSoup(raw, "html.parser")
    assert len(soup.find_all("script")) == 1  # only the report's own
    assert not soup.find_all("img") and not soup.find_all("b") and not soup.find_all("textarea")
    assert len(soup.find_all("svg")) == 2  # the two summary charts, not the document's
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    text = soup.get_text()
    assert "<script>window.__mtlintPwned = 1; alert(1)</script>" in text
    assert '"><img src=x onerror="window.__mtlintPwned = 2">' in text
    assert "&amp; &lt;b&gt;" in text  # entities in the document stay literal
    assert str(odd) in {s["data-path"] for s in soup.select("section.doc")}
    assert "<script>window" not in raw and "<img" not in raw


def test_extracted_formats_are_shown_as_written(cli, tmp_path):
    """For an HTML page the rules read the visible text, but positions
    refer to the file; the report shows the source line, markup escaped,
    with the finding marked where the file has it."""
    out = tmp_path / "r.html"
    page = REPORT_FIXTURES / "page.html"
    assert cli("report", *MINI, page, "-o", out).exit_code == 0
    soup = _soup(out)
    (item,) = soup.select("li.finding")
    assert (item["data-line"], item["data-column"]) == ("4", "22")
    focus = item.select_one(".context .line.focus .src")
    assert focus.text == "<p>Thống đốc tỉnh <b>Sơn Ma</b> và tỉnh Gunma &amp; B&amp;Company.</p>"
    assert [m.text for m in focus.select("mark")] == ["Sơn Ma"]
    gunma = soup.find("tbody", attrs={"data-entity": "Gunma"})
    places = {li["data-rendering"]: [a.text for a in li.select(".occurrences a")] for li in gunma.select("li.rendering")}
    assert places == {"Gunma": ["page.html:4:41"], "Sơn Ma": ["page.html:4:22"]}
    company = soup.find("tbody", attrs={"data-entity": "B&Company"})
    assert [a.text for a in company.select(".occurrences a")] == ["page.html:4:53"]
    assert len(soup.find_all("script")) == 1


def test_figures_view_lists_quantity_value_and_reason(mini_glossary):
    text = "Năm 2024, GDP của Việt Nam đạt 1.500 tỷ USD, theo báo cáo.\n"
    doc = Document("fig.txt", text)
    start = text.index("1.500")
    finding = Finding("fig.txt", 1, start + 1, 1, start + len("1.500 tỷ USD") + 1, "figure-implausible",
                      "implausible-figure", Severity.WARNING, "GDP của Việt Nam is about 5.14e11 USD, not 1.5e15",
                      None)
    report = build_report(LintResult(files=1, findings=[finding]), [doc], mini_glossary)
    soup = bs4.BeautifulSoup(html.render(report), "html.parser")
    (row,) = soup.select("#figures tr.figure")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[0] == f"fig.txt:1:{start + 1}"
    assert cells[1] == "1.500 tỷ USD"
    assert cells[2] == "1.500.000.000.000 USD (1,5 nghìn tỷ USD); '1.500' may also read 1,5"
    assert cells[3].startswith("GDP của Việt Nam is about")


def test_entity_view_groups_findings_of_other_name_rules(mini_glossary):
    """A glossary-free finding joins the entry its suggestion names, or
    forms a detected entity with the places its suggestion is written."""
    text = ("Ông Nguyễn Văn An đến tỉnh Yamanashi.\n"
            "Sau đó ông Nguyen Van An thăm Yamanasi.\n")
    doc = Document("a.txt", text)

    def finding(raw, rule, category, suggestion):
        start = text.index(raw)
        line, column = doc.line_col(start)
        return Finding("a.txt", line, column, line, column + len(raw), rule, category, Severity.WARNING,
                       f"'{raw}' differs", suggestion)

    findings = [finding("Nguyen Van An", "render-stripped", "diacritics", "Nguyễn Văn An"),
                finding("Yamanasi", "term-fuzzy", "name-variant", "Yamanashi")]
    report = build_report(LintResult(files=1, findings=findings), [doc], mini_glossary)
    entities = {e.name: e for e in report.entities}
    detected = entities["Nguyễn Văn An"]
    assert detected.origin == "detected"
    assert [(r.text, r.count, r.accepted, r.rule) for r in detected.renderings] == [
        ("Nguyễn Văn An", 1, True, None), ("Nguyen Van An", 1, False, "render-stripped")]
    yamanashi = entities["Yamanashi"]
    assert yamanashi.origin == "glossary"
    assert [(r.text, r.count, r.accepted) for r in yamanashi.renderings] == [
        ("Yamanashi", 1, True), ("Yamanasi", 1, False)]
    assert [o.finding_id for o in yamanashi.renderings[1].occurrences] == ["f2"]
    assert {e.name for e in report.inconsistent_entities} == {"Nguyễn Văn An", "Yamanashi"}


def test_large_runs_keep_only_the_texts_with_findings(mini_glossary, monkeypatch):
    import checker.report

    monkeypatch.setattr(checker.report, "FULL_TEXT_MAX_DOCS", 1)
    flagged = Document("a.txt", "Tỉnh Sơn Ma.\n")
    clean = Document("b.txt", "Tỉnh Gunma.\n")
    finding = Finding("a.txt", 1, 6, 1, 12, "term-variant", "name-variant", Severity.ERROR, "wrong", "Gunma")
    report = build_report(LintResult(files=2, findings=[finding]), [flagged, clean], mini_glossary)
    assert [bool(d.lines) for d in report.documents] == [True, False]
    gunma = next(e for e in report.entities if e.name == "Gunma")
    assert {r.text: r.occurrences[0].href for r in gunma.renderings} == {"Gunma": "#d2", "Sơn Ma": "#f1"}
    monkeypatch.setattr(checker.report, "FULL_TEXT_MAX_DOCS", 100)
    report = build_report(LintResult(files=2, findings=[finding]), [flagged, clean], mini_glossary)
    assert [bool(d.lines) for d in report.documents] == [True, True]
    gunma = next(e for e in report.entities if e.name == "Gunma")
    assert gunma.renderings[0].occurrences[0].href == "#d2-L1"


@pytest.mark.parametrize("text, value", [
    ("1.500 tỷ USD", "1 500 000 000 000 USD"),
    ("1,5 tỷ USD", "1 500 000 000 USD"),
    ("45,5%", "45,5 %"),
    ("12 triệu người", "12 000 000 người"),
    ("3.000.000 đồng", "3 000 000 đồng"),
    ("1,234.5", "1234,5"),
    ("năm 2025", "2025"),
    ("không có số", None),
])
def test_quantities_are_read_with_vietnamese_conventions(text, value):
    assert describe_quantity(text) == value


def test_stdin_findings_without_a_document_still_render(mini_glossary):
    finding = Finding("<stdin>", 1, 1, 1, 4, "term-variant", "name-variant", Severity.ERROR, "x", "y")
    report = build_report(LintResult(files=1, findings=[finding]), [], mini_glossary)
    soup = bs4.BeautifulSoup(html.render(report), "html.parser")
    assert soup.select_one("li.finding p.message").text == "x"


# -- the command ---------------------------------------------------------------

def test_report_default_output_and_exit_status(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEEDS / next(p.name for p in SEEDS.glob("000_*")), tmp_path / "doc.txt")
    run = cli("report", *MINI, "doc.txt")
    assert run.exit_code == 0
    assert (tmp_path / "reports" / "mtlint-report.html").is_file()
    assert run.stdout.startswith("wrote reports/mtlint-report.html:")


def test_report_selection_options_apply(cli, tmp_path):
    out = tmp_path / "r.html"
    run = cli("report", *MINI, "--select", "term-variant", SEEDS, "-o", out)
    assert run.exit_code == 0
    rules = {li["data-rule"] for li in _soup(out).select("li.finding")}
    assert rules == {"term-variant"}


@pytest.mark.parametrize("args, message", [
    ((), "no paths given"),
    (("-",), "not stdin"),
    (("--select", "nonsense", "SEEDS"), "unknown rule or prefix: nonsense"),
    (("--reference", "missing-ref.txt", "SEEDS"), "missing-ref.txt: reference not found"),
    (("--reference", "FIXTURE", "SEEDS"), "a reference file needs exactly one document, got 3"),
    (("no-such-file.txt",), "no files to report on"),
])
def test_report_usage_errors_are_one_line(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)  # no configuration file that would supply paths
    args = [str(SEEDS) if a == "SEEDS" else str(REPORT_FIXTURES / "refs" / "forum.txt") if a == "FIXTURE" else a
            for a in args]
    run = cli("report", *MINI, *args, "-o", tmp_path / "r.html")
    assert run.exit_code == 2
    lines = [line for line in run.stderr.splitlines() if line.startswith("mtlint: error:")]
    assert any(message in line for line in lines), run.stderr
    assert "Traceback" not in run.stderr


def test_report_with_an_unreadable_file_still_writes_and_exits_2(cli, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("Tỉnh Sơn Ma\n", encoding="utf-8")
    (docs / "bad.txt").write_bytes(b"caf\xe9\n")
    out = tmp_path / "r.html"
    run = cli("report", *MINI, docs, "-o", out)
    assert run.exit_code == 2
    assert f"mtlint: error: {docs / 'bad.txt'}:1: not valid UTF-8" in run.stderr
    soup = _soup(out)
    assert [li.text for li in soup.select("#problems li.problem")][0].startswith(str(docs / "bad.txt"))
    assert len(soup.select("li.finding")) == 1


def test_report_output_that_cannot_be_written(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    run = cli("report", *MINI, SEEDS, "-o", blocker / "r.html")
    assert run.exit_code == 2
    assert run.stderr.startswith(f"mtlint: error: {blocker / 'r.html'}: cannot write the report")


def test_report_does_not_slow_down_lint():
    """jinja2 and sacrebleu stay off the ``mtlint lint`` import path."""
    import subprocess
    import sys

    code = ("import sys; from checker.cli import main\n"
            "try:\n    main(['lint', '--no-default-glossary', '--glossary', sys.argv[1], sys.argv[2]])\n"
            "except SystemExit: pass\n"
            "print('heavy:', [m for m in ('jinja2', 'sacrebleu', 'markupsafe', 'playwright') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code, str(MINI_GLOSSARY), str(next(SEEDS.glob("000_*")))],
                          capture_output=True, text=True, timeout=60)
    assert "finding(s)" in done.stdout
    assert done.stdout.splitlines()[-1] == "heavy: []"



# --------------------------------------------------------------------------
# issue 11, row 18

def test_an_entity_written_only_in_accepted_forms_is_not_inconsistent(shipped_glossary):
    text = ("Thủ tướng Nhật Bản Ishiba Shigeru đến Hà Nội.\n"
            "Thủ tướng Ishiba nói chuyện với báo chí.\n")
    report = build_report(LintResult(files=1, findings=[]), [Document("a.txt", text)], shipped_glossary)
    ishiba = next(e for e in report.entities if e.name == "Ishiba Shigeru")
    assert sorted(r.text for r in ishiba.renderings) == ["Ishiba", "Ishiba Shigeru"]
    assert all(r.accepted for r in ishiba.renderings)
    assert ishiba in report.consistent_entities and ishiba not in report.inconsistent_entities


def test_a_wrong_rendering_still_makes_an_entity_inconsistent(mini_glossary):
    text = "Tỉnh Gunma.\nTỉnh Sơn Ma.\n"
    doc = Document("a.txt", text)
    start = text.index("Sơn Ma")
    line, column = doc.line_col(start)
    finding = Finding("a.txt", line, column, line, column + 6, "term-variant", "name-variant", Severity.ERROR,
                      "'Sơn Ma' is a wrong rendering of Gunma", "Gunma")
    report = build_report(LintResult(files=1, findings=[finding]), [doc], mini_glossary)
    assert [e.name for e in report.inconsistent_entities] == ["Gunma"]


def test_document_count_badges_carry_their_totals_for_the_filters(seeds_report):
    soup, _, _ = seeds_report
    for section in soup.select("section.doc"):
        findings = section.select("li.finding")
        total = section.select_one(".doc-counts .doc-total")
        assert int(total["data-total"]) == len(findings)
        for badge in section.select(".doc-counts .badge[data-badge-severity]"):
            severity = badge["data-badge-severity"]
            assert int(badge["data-total"]) == sum(1 for f in findings if f["data-severity"] == severity)


def test_anchors_clear_the_sticky_header_and_filters():
    css = (Path(html.__file__).parent / "report.css").read_text(encoding="utf-8")
    script = (Path(html.__file__).parent / "report.js").read_text(encoding="utf-8")
    assert "scroll-margin-top: calc(var(--header-height) + var(--filters-height)" in css
    assert "top: var(--header-height)" in css  # the filter panel sits right below the header, whatever its height
    assert "--filters-height" in script and "--header-height" in script


# --------------------------------------------------------------------------
# many files: read and kept in the parent, linted by the workers

def _many_documents(folder):
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(30):
        (folder / f"{i:02}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"caf\xe9\n")  # an input problem among them
    return folder


def _page_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if " UTC ·" not in line]  # the time


def test_a_report_of_many_files_made_by_the_workers_is_the_one_process_report(cli, tmp_path, monkeypatch):
    import os

    from checker.linter import Linter

    docs = _many_documents(tmp_path / "docs")
    pids = tmp_path / "pids"
    real = Linter._lint_kept_document

    def spy(self, doc):  # runs in the forked workers
        with open(pids, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return real(self, doc)

    monkeypatch.setattr(Linter, "_lint_kept_document", spy)
    pages = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.html"
        run = cli("report", *MINI, "--jobs", jobs, docs, "-o", out)
        assert run.exit_code == 2 and f"{docs / 'bad.txt'}:1: not valid UTF-8" in run.stderr
        pages[jobs] = _page_lines(out)
    workers = set(pids.read_text(encoding="utf-8").split())
    assert workers and str(os.getpid()) not in workers  # jobs 2: every document linted by a worker
    assert pages["1"] == pages["2"]
    soup = _soup(tmp_path / "r2.html")
    assert len(soup.select("section.doc")) == 30  # each document once, and no other (the warm-up's)
    assert len(soup.select("li.finding")) > 30


def test_a_crashing_rule_in_a_report_worker_costs_only_its_file(cli, tmp_path, crash_on_boom):
    docs = _many_documents(tmp_path / "docs")
    (docs / "boom.txt").write_text("boom tỉnh Sơn Ma\n", encoding="utf-8")
    out = tmp_path / "r.html"
    run = cli("report", *MINI, "--jobs", "2", docs, "-o", out)
    assert run.exit_code == 2
    assert f"{docs / 'boom.txt'}: internal error while linting (RuntimeError: simulated bug)" in run.stderr
    assert len(_soup(out).select("section.doc")) == 30


def test_a_report_of_many_files_none_readable(cli, tmp_path):
    """The workers have nothing to lint: the run says so as one process does."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(30):
        (docs / f"{i:02}.txt").write_bytes(b"caf\xe9\n")
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.html"
        run = cli("report", *MINI, "--jobs", jobs, docs, "-o", out)
        runs[jobs] = (run.exit_code, run.stderr.replace(str(out), "OUT"), out.exists())
    assert runs["1"] == runs["2"]
    assert runs["2"][0] == 2 and runs["2"][1].count("not valid UTF-8") == 30
