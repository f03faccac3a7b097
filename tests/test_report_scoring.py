"""Reference scoring with sacrebleu: document and paragraph scores, their
agreement with the ``sacrebleu`` command line, paragraph alignment, and the
scores in the HTML report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from checker.scoring import align, paragraphs, score_document

from conftest import FIXTURES, MINI_GLOSSARY, SEED_000

sacrebleu = pytest.importorskip("sacrebleu")

REPORT_FIXTURES = FIXTURES / "report"
HYPOTHESIS = REPORT_FIXTURES / "forum.txt"
REFERENCE = REPORT_FIXTURES / "refs" / "forum.txt"
REGROUPED = REPORT_FIXTURES / "forum-regrouped-ref.txt"
MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)


def _read(path) -> str:
    return path.read_text(encoding="utf-8")


def _sacrebleu_cli(*args) -> str:
    done = subprocess.run([sys.executable, "-m", "sacrebleu", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def test_a_document_against_itself_scores_perfectly():
    text = _read(SEED_000)
    scores = score_document(text, text)
    assert scores.chrf == pytest.approx(100.0)
    assert scores.bleu == pytest.approx(100.0)
    assert scores.ter == pytest.approx(0.0)
    assert scores.one_to_one
    assert all(pair.chrf == pytest.approx(100.0) for pair in scores.pairs)
    assert len(scores.pairs) == len([line for line in text.splitlines() if line.strip()])


@pytest.mark.slow
def test_document_scores_equal_the_sacrebleu_command_line():
    scores = score_document(_read(HYPOTHESIS), _read(REFERENCE))
    cli = {item["name"]: item["score"]
           for item in json.loads(_sacrebleu_cli(REFERENCE, "-i", HYPOTHESIS, "-m", "bleu", "chrf", "ter", "-w", "4"))}
    assert scores.bleu == pytest.approx(cli["BLEU"], abs=1e-4)
    assert scores.chrf == pytest.approx(cli["chrF2"], abs=1e-4)
    assert scores.ter == pytest.approx(cli["TER"], abs=1e-4)
    # a real difference between the texts, not a degenerate 0 or 100
    assert 20 < scores.chrf < 90 and 0 < scores.bleu < 80 and scores.ter > 10


@pytest.mark.slow
def test_paragraph_scores_equal_the_sacrebleu_sentence_scores():
    scores = score_document(_read(HYPOTHESIS), _read(REFERENCE))
    output = _sacrebleu_cli(REFERENCE, "-i", HYPOTHESIS, "-m", "chrf", "-sl", "-w", "4")
    per_line = [float(line.rsplit("=", 1)[1]) for line in output.splitlines()]
    lines = _read(HYPOTHESIS).splitlines()
    assert len(per_line) == len(lines)
    expected = [score for score, line in zip(per_line, lines) if line.strip()]
    assert [pair.chrf for pair in scores.pairs] == pytest.approx(expected, abs=1e-4)


def test_signatures_are_sacrebleus():
    scores = score_document("một hai ba", "một hai bốn")
    version = sacrebleu.__version__
    assert scores.signatures == {
        "chrF": f"nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:{version}",
        "BLEU": f"nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:{version}",
        "TER": f"nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:{version}",
    }


def test_a_reference_with_other_paragraph_breaks_is_aligned():
    """The fixture reference splits the second paragraph in two, leaves out
    the English caption and adds a closing paragraph."""
    hyp, ref = paragraphs(_read(HYPOTHESIS)), paragraphs(_read(REGROUPED))
    assert (len(hyp), len(ref)) == (6, 7)
    pairs = [([p.line for p in h], [p.line for p in r]) for h, r in align(hyp, ref)]
    assert pairs == [
        ([1], [1]),
        ([3], [3, 5]),
        ([5], [7]),
        ([7], []),  # the caption left in English has no counterpart
        ([9], [9]),
        ([11], [11]),
        ([], [13]),  # the reference's extra paragraph
    ]
    scores = score_document(_read(HYPOTHESIS), _read(REGROUPED))
    assert not scores.one_to_one
    assert len(scores.unmatched_reference) == 1
    by_first_line = {p.hypothesis[0].line: p.chrf for p in scores.pairs if p.hypothesis}
    assert by_first_line[7] == 0.0
    assert by_first_line[3] > 50  # the merged reference matches the long paragraph
    assert 0 < scores.chrf < 100


@pytest.mark.parametrize("hypothesis, reference", [("", "một hai ba"), ("một hai ba", ""), ("", ""), ("\n\n", "x\n")])
def test_empty_sides_do_not_crash(hypothesis, reference):
    scores = score_document(hypothesis, reference)
    assert 0.0 <= scores.chrf <= 100.0


# -- in the report ---------------------------------------------------------------

def test_report_shows_scores_signatures_and_weakest_paragraphs(cli, tmp_path):
    bs4 = pytest.importorskip("bs4")
    out = tmp_path / "r.html"
    run = cli("report", *MINI, HYPOTHESIS, "--reference", REFERENCE, "-o", out)
    assert run.exit_code == 0, run.output
    soup = bs4.BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    expected = score_document(_read(HYPOTHESIS), _read(REFERENCE))
    doc = soup.select_one("section.doc")
    shown = {s["data-metric"]: float(s.text) for s in doc.select(".doc-counts strong.score")}
    assert shown == {"chrF": round(expected.chrf, 1), "BLEU": round(expected.bleu, 1), "TER": round(expected.ter, 1)}
    signatures = {row.find("td").text: row.find("code").text for row in soup.select("#scores table.signatures tr")[1:]}
    assert signatures == expected.signatures
    weakest = doc.select(".weakest tr.paragraph")
    chrfs = [float(row["data-chrf"]) for row in weakest]
    assert chrfs == sorted(chrfs) and len(weakest) == 5
    # the English caption is the weakest paragraph; the Sơn Ma paragraph
    # lists its findings next to it
    assert weakest[0].find_all("td")[2].text.startswith("Meeting between Prime Minister")
    son_ma = next(row for row in weakest if "Sơn Ma" in row.find_all("td")[2].text)
    links = son_ma.select("a.finding-link")
    assert any("Sơn Ma" in a.text for a in links)
    for link in links:
        assert soup.find(id=link["href"][1:]).name == "li"
    # each paragraph's chrF is in the full text's gutter
    gutter = {int(line.select_one("a.ln").text): line.select_one("span.chrf").text
              for line in doc.select("details.fulltext div.line")}
    assert gutter[1] == f"{expected.pairs[0].chrf:.1f}" and gutter[2] == ""


def test_report_with_a_reference_folder_matches_file_names(cli, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(HYPOTHESIS, docs / "forum.txt")
    shutil.copy(SEED_000, docs / "other.txt")
    out = tmp_path / "r.html"
    run = cli("report", *MINI, docs, "--reference", REFERENCE.parent, "-o", out)
    assert run.exit_code == 0
    assert f"mtlint: warning: {docs / 'other.txt'}: no reference other.txt in {REFERENCE.parent}" in run.stderr
    bs4 = pytest.importorskip("bs4")
    soup = bs4.BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    rows = {row.find("a").text: [td.text for td in row.find_all("td")[4:]] for row in soup.select("#by-document tbody tr")}
    assert rows[str(docs / "other.txt")] == ["no reference"]
    assert len(rows[str(docs / "forum.txt")]) == 3


def test_a_bad_reference_is_a_one_line_error(cli, tmp_path):
    bad = tmp_path / "ref.txt"
    bad.write_bytes(b"\xff\xfe bad")
    run = cli("report", *MINI, HYPOTHESIS, "--reference", bad, "-o", tmp_path / "r.html")
    assert run.exit_code == 2
    assert run.stderr.strip().splitlines() == [
        f"mtlint: error: {bad}:1: reference not valid UTF-8 (byte 0xff at byte column 1); not linted"]
