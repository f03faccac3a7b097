"""text-* rules (untranslated segments, repeated captions, Unicode, tone
placement and i/y) and the Vietnamese helpers they use: on seed 000, the
native seeds, the vi-news corpus and small texts of our own."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections import Counter

import pytest

from conftest import NATIVE_SEEDS, ROOT, SEED_000, corpus_findings, gold_entries, overlaps
from checker import rules as registry
from checker.config import Config
from checker.language import classify, find_untranslated
from checker.linter import Linter
from checker.model import Severity
from checker.vietnamese import is_syllable, iy_words, to_new_style, to_old_style, tone_style_words

VI = "Hội nghị đã diễn ra tại Hà Nội với sự tham gia của nhiều đại biểu trong và ngoài nước."


def lint(glossary, text, select, *options, path="<text>"):
    config = Config(select=(select,), default_glossary=False)
    for option in options:
        config = config.with_rule_options(registry, option)
    return Linter(glossary, config).lint_text(text, path)


def spans(text, findings):
    lines = text.split("\n")
    return [lines[f.line - 1][f.column - 1:f.end_column - 1] for f in findings]


@pytest.fixture(scope="module")
def seed_findings(mini_glossary):
    config = Config(select=("text",), default_glossary=False)
    return Linter(mini_glossary, config).lint_paths([SEED_000]).findings


# -- seed 000 ------------------------------------------------------------------

def test_every_untranslated_gold_line_of_seed_000_is_reported(seed_findings):
    golds = gold_entries("untranslated")
    assert len(golds) == 19
    missed = [g["line"] for g in golds
              if not any(overlaps(f, g, slack=3) and f.rule in ("text-untranslated", "text-duplicate")
                         for f in seed_findings)]
    assert missed == []


def test_seed_000_reports_nothing_untranslated_beyond_the_gold_lines(seed_findings):
    gold_lines = {g["line"] for g in gold_entries("untranslated")}
    extra = [(f.line, f.message) for f in seed_findings
             if f.category == "untranslated" and f.line not in gold_lines]
    assert extra == []


@pytest.mark.parametrize("needle", ["B&Company", "G20", "info@b-company.jp", "(84) 28 3910 3913"])
def test_lines_with_company_names_acronyms_and_addresses_are_not_untranslated(seed_findings, needle):
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    numbers = [i + 1 for i, line in enumerate(lines) if needle in line]
    assert numbers, f"{needle!r} not in seed 000"
    assert [f for f in seed_findings if f.category == "untranslated" and f.line in numbers] == []


def test_repeated_caption_is_one_untranslated_finding_and_one_duplicate(seed_findings):
    by_line = {}
    for f in seed_findings:
        by_line.setdefault(f.line, []).append(f)
    assert [f.rule for f in by_line[28]] == ["text-untranslated"]
    assert "repeated on line 30" in by_line[28][0].message
    assert [f.rule for f in by_line[30]] == ["text-duplicate"]
    assert "line 28" in by_line[30][0].message
    # line 4 has the same caption, but not on the line before: no duplicate
    assert [f.rule for f in by_line[4]] == ["text-untranslated"]
    assert "repeated" not in by_line[4][0].message


def test_captions_run_together_on_one_line(seed_findings):
    line = [f for f in seed_findings if f.line == 180]
    assert sorted((f.rule, f.column, f.end_column) for f in line) == [
        ("text-duplicate", 16, 46), ("text-untranslated", 1, 46)]
    assert "repeated 3 times" in next(f.message for f in line if f.rule == "text-duplicate")


@pytest.mark.parametrize("seed", NATIVE_SEEDS, ids=lambda p: p.name[:3])
def test_native_seeds_stay_quiet(shipped_glossary, seed):
    config = Config(select=("text", "render"))
    assert Linter(shipped_glossary, config).lint_paths([seed]).findings == []


# -- text-untranslated on our own texts -------------------------------------------

@pytest.mark.parametrize(("text", "span", "language"), [
    (f"{VI}\nView from the hotel\n{VI}", "View from the hotel", "English"),
    (f"{VI}\nSource: Ministry of Foreign Affairs\n{VI}", "Source: Ministry of Foreign Affairs", "English"),
    (f"{VI}\n- Participants at the seminar\n{VI}", "Participants at the seminar", "English"),
    (f"{VI} The delegation visited the factory of the company in the afternoon. {VI}",
     "The delegation visited the factory of the company in the afternoon.", "English"),
    (f"{VI}\n群馬県知事との会談\n{VI}", "群馬県知事との会談", "Japanese"),
])
def test_untranslated_fires(mini_glossary, text, span, language):
    findings = lint(mini_glossary, text, "text-untranslated")
    assert spans(text, findings) == [span]
    assert findings[0].message.startswith(language)
    assert findings[0].severity is Severity.ERROR and findings[0].category == "untranslated"


@pytest.mark.parametrize("line", [
    "GDP, ODA và FDI của JETRO",                               # acronyms
    "B&Company, Inc.",                                        # a company
    "info@b-company.jp + (84) 28 3910 3913",                  # address and phone
    "Website: https://b-company.jp/vi/",
    "Theo Reuters",                                           # a source
    "Ariana Grande - No tears left to cry",                   # a credit
    "Once Upon a Time in Hollywood",                          # a title in title case
    "Liverpool (4-3-3): Alisson; Alexander-Arnold, van Dijk, Robertson",
    "Nem chua Thanh Hoa",                                     # Vietnamese without marks
    "Summary",                                                # one word: not judged
    'Bộ phim "Keeping Up with the Kardashians" rất nổi tiếng.',  # a quoted title
    "Ông nói phim Shang-chi and the legend of the ten rings rất hay.",  # a title in a sentence
    "tỉnh Gunma (群馬県) và tỉnh Yamanashi",                   # an original name in brackets
])
def test_untranslated_stays_quiet(mini_glossary, line):
    text = f"{VI}\n{line}\n{VI}"
    assert lint(mini_glossary, text, "text-untranslated") == []


def test_a_foreign_line_the_document_quotes_in_prose_is_a_title(mini_glossary):
    text = f"A star is born\nTrong tác phẩm A star is born, Lady Gaga gần như để mặt mộc. {VI}"
    assert lint(mini_glossary, text, "text-untranslated") == []
    assert classify("A star is born").language == "English"  # the line alone would be reported


def test_an_english_document_is_not_untranslated(mini_glossary):
    text = "Meeting between Prime Minister Pham Minh Chinh and representatives\nView from the hotel\n"
    assert find_untranslated(text) == []
    assert lint(mini_glossary, text, "text-untranslated") == []


def test_glossary_source_form_is_left_to_term_variant(mini_glossary):
    text = f"{VI}\nĐoàn đại biểu 群馬県 đã đến.\n"
    assert lint(mini_glossary, text, "text-untranslated") == []
    config = Config(select=("term-variant", "text-untranslated"), default_glossary=False)
    rules = [f.rule for f in Linter(mini_glossary, config).lint_text(text)]
    assert rules == ["term-variant"]


def test_classify_counts_words_not_names():
    verdict = classify("Meeting between Prime Minister Pham Minh Chinh and representatives of Japanese local governments")
    assert verdict.language == "English"
    assert verdict.english >= 3  # between, and, of
    assert classify("Kim Dung Theo Las Vegas Review Journal").language is None
    assert classify("Cooperation ceremony").language == "foreign-language"


# -- text-duplicate on our own texts ----------------------------------------------

def test_duplicate_caption_on_next_line(mini_glossary):
    text = f"{VI}\nCooperation ceremony\n\nCooperation ceremony\n{VI}"
    findings = Linter(mini_glossary, Config(select=("text",), default_glossary=False)).lint_text(text)
    assert [(f.rule, f.line) for f in findings] == [("text-untranslated", 2), ("text-duplicate", 4)]


def test_a_caption_repeated_later_is_not_a_duplicate(mini_glossary):
    text = f"{VI}\nCooperation ceremony\n{VI}\nCooperation ceremony\n"
    assert lint(mini_glossary, text, "text-duplicate") == []


def test_duplicate_is_silenced_with_text_untranslated_kept(mini_glossary):
    text = f"{VI}\nCooperation ceremony\nCooperation ceremony\n"
    config = Config(select=("text-untranslated",), default_glossary=False)
    assert [f.line for f in Linter(mini_glossary, config).lint_text(text)] == [2, 3]


# -- text-unicode -------------------------------------------------------------------

def test_decomposed_marks_are_reported_with_the_nfc_form(mini_glossary):
    word = unicodedata.normalize("NFD", "Bệnh")
    text = f"Tôi 😀 đến {word} viện."
    findings = lint(mini_glossary, text, "text-unicode")
    assert len(findings) == 1
    f = findings[0]
    assert (f.column, f.end_column) == (text.index(word) + 1, text.index(word) + len(word) + 1)
    assert f.suggestion == "Bệnh" and f.severity is Severity.INFO
    raised = lint(mini_glossary, text, "text-unicode", "text-unicode.invisible=warning")
    assert raised[0].severity is Severity.WARNING


@pytest.mark.parametrize(("text", "span", "suggestion", "severity"), [
    ("kiến\u200b\u200bthức", "\u200b\u200b", "", Severity.INFO),
    ("Chất l\u00adượng", "\u00ad", "", Severity.INFO),
    ("ông \x08H không có mặt", "\x08", "", Severity.INFO),
    ("vùng ÐBSCL", "ÐBSCL", "ĐBSCL", Severity.ERROR),
    ("xe Land Rover IIА-109", "IIА", "IIA", Severity.WARNING),   # a Cyrillic А
    ("giá 100\u00a0USD", "\u00a0", " ", Severity.INFO),
    ("mất chữ \ufffd ở đây", "\ufffd", "", Severity.ERROR),
])
def test_unicode_fires(mini_glossary, text, span, suggestion, severity):
    findings = lint(mini_glossary, text, "text-unicode")
    assert [(s, f.suggestion, f.severity) for s, f in zip(spans(text, findings), findings)] == [
        (span, suggestion, severity)]


@pytest.mark.parametrize("text", [
    "Bảo tàng do ông Sigurður Hjartarson lập",      # Icelandic ð inside a word
    "tàu ngầm Borei (\"Борей\")",                  # a Russian word
    "kích thước 5 μm",                              # Greek mu of a unit
    "gia đình 👨\u200d👩\u200d👧",                      # an emoji sequence
    VI,
])
def test_unicode_stays_quiet(mini_glossary, text):
    assert lint(mini_glossary, text, "text-unicode") == []


# -- text-tone-style ----------------------------------------------------------------

def test_minority_tone_placement_is_reported_once_as_warning(mini_glossary):
    text = "hòa bình và hòa giải\nthủy lợi ở Thanh Hóa\nhoà hợp, khoẻ mạnh"
    findings = lint(mini_glossary, text, "text-tone-style")
    assert [(s, f.suggestion, f.severity) for s, f in zip(spans(text, findings), findings)] == [
        ("hoà", "hòa", Severity.WARNING), ("khoẻ", "khỏe", Severity.INFO)]
    assert "4 old, 2 new" in findings[0].message


def test_house_style_reports_every_word_of_the_other_placement(mini_glossary):
    text = "hòa bình và hòa giải ở Thanh Hóa"
    findings = lint(mini_glossary, text, "text-tone-style", "text-tone-style.style=new")
    assert [f.suggestion for f in findings] == ["hoà", "hoà", "Hoá"]
    assert lint(mini_glossary, text, "text-tone-style") == []  # consistent: quiet


def test_tone_tie_keeps_the_placement_used_first(mini_glossary):
    text = "hoà bình, hòa giải"
    assert [f.suggestion for f in lint(mini_glossary, text, "text-tone-style")] == ["hoà"]


def test_qu_and_closed_syllables_have_no_tone_style(mini_glossary):
    assert lint(mini_glossary, "quý khách, hoàng hôn, thuở xưa, hòa bình, quỹ", "text-tone-style") == []


def test_iy_spellings_mixed_in_a_document_are_info(mini_glossary):
    text = "kỹ thuật, kỹ năng và kĩ sư; lý do, Mỹ và mĩ thuật"
    findings = lint(mini_glossary, text, "text-tone-style")
    assert [(s, f.suggestion) for s, f in zip(spans(text, findings), findings)] == [("kĩ", "kỹ")]
    assert findings[0].severity is Severity.INFO
    house = lint(mini_glossary, text, "text-tone-style", "text-tone-style.iy=i")
    assert sorted(f.suggestion for f in house) == ["kĩ", "kĩ", "lí"]


@pytest.mark.parametrize("text, fixed", [
    ("hòa bình; hoà giải, hòa hợp", "hòa"),  # new placement after o
    ("thủy lợi, thuỷ điện và thủy sản", "thủy"),  # after u, not quý
    ("HÒA BÌNH, HOÀ GIẢI, HÒA HỢP", "HÒA"),  # upper case
    ("hy vọng, hy vọng và hi sinh", "hy"),  # plain hy/hi
    ("quý khách, quý vị và quí bà", "quý"),  # qu
    ("tỉ lệ, tỉnh, tỉ số và tỷ phú", "tỉ"),  # t + hook above
])
def test_every_kind_of_mix_passes_the_quick_look(mini_glossary, text, fixed):
    # text-tone-style looks for the mixes with cheap patterns before its scan
    assert [f.suggestion for f in lint(mini_glossary, text, "text-tone-style")] == [fixed]


def test_no_mix_is_quiet(mini_glossary):
    text = "Kỹ sư Mỹ hy vọng thị trường tỉnh Thanh Hóa, khỏe mạnh; quý khách, kỹ năng, thì, chí"
    assert lint(mini_glossary, text, "text-tone-style") == []


def test_bad_rule_option_is_a_usage_error(cli, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(VI, encoding="utf-8")
    result = cli("lint", "--no-default-glossary", "--rule-option", "text-tone-style.style=modern", doc)
    assert result.exit_code == 2
    assert "modern" in result.output and "Traceback" not in result.output


# -- helpers ---------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["Chinh", "thuở", "Quang", "nghiêng", "khuya", "Quỳnh", "Đắk", "gì"])
def test_vietnamese_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["Tokyo", "from", "Naoki", "Gunma", "hotel", "ka", "Kong", "Pen", "Yamanashi"])
def test_not_vietnamese_syllables(word):
    assert not is_syllable(word)


def test_tone_placement_conversions_round_trip():
    for old, new in [("hòa", "hoà"), ("Thủy", "Thuỷ"), ("khỏe", "khoẻ"), ("HÓA", "HOÁ")]:
        assert to_new_style(old) == new
        assert to_old_style(new) == old
    assert to_new_style("hoàng") == "hoàng"
    text = "hòa, hoà, quý, Thủy"
    assert [text[a:b] for a, b in tone_style_words(text, "old")] == ["hòa", "Thủy"]
    assert [text[a:b] for a, b in tone_style_words(text, "new")] == ["hoà"]


def test_iy_words_skip_names_and_other_words():
    text = "kỹ, Mỹ, vì, quí, thi, hy vọng"
    assert [text[a:b] for a, b, _o, _v in iy_words(text)] == ["kỹ", "vì", "quí", "hy"]


# -- the whole corpus: noise and the common path -----------------------------------------

NOISE_BUDGET = 0.5  # error-or-warning findings of render-* and text-* per 10,000 words


@pytest.mark.slow
def test_render_and_text_noise_on_native_news_is_within_budget(corpus_lint, corpus_words):
    loud = [f for f in corpus_findings(corpus_lint, "render", "text") if f.severity >= Severity.WARNING]
    rate = len(loud) / corpus_words * 10_000
    assert rate <= NOISE_BUDGET, f"{rate:.2f} per 10k words; noisiest {Counter(f.rule for f in loud).most_common(3)}"


@pytest.mark.slow
def test_corpus_positions_are_inside_their_lines(corpus_lint):
    # findings made in worker processes and by corpus rules point at real text
    for f in corpus_findings(corpus_lint, "render", "text")[:400]:
        lines = open(f.path, encoding="utf-8").read().split("\n")
        assert 1 <= f.column < f.end_column <= len(lines[f.line - 1]) + 1 or f.end_line > f.line, f


def test_common_path_does_not_load_pyvi_or_a_language_model():
    code = (
        "import sys; from checker.cli import main\n"
        "try:\n    main(['lint', '--select', 'render,text', '--format', 'json', sys.argv[1]])\n"
        "except SystemExit: pass\n"
        "print('\\n' + ' '.join(m for m in ('pyvi', 'sklearn', 'lingua', 'langid') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(SEED_000)], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    findings = json.loads(out[:out.rindex("\n")])["findings"]
    assert any(f["rule"] == "text-untranslated" for f in findings)
    assert out.rsplit("\n", 1)[1].strip() == ""


def test_the_japan_words_pattern_keeps_its_word_boundaries():
    # _JAPAN_WORDS checks the \b after each branch's first letter (a fast
    # scan): the same matches as the pattern that starts with \b
    import re

    from checker.rules.term_reading import _JAPAN_WORDS

    text = ("Người Nhật, NGƯỜI Nhật, người Nhật ký, xNhật Bản, Nhật Bảnx, Việt  -\n Nhật, Nhật—Việt, "
            "Japanese, JapanX, _Japan, ĐẠI SỨ QUÁN Nhật, văn HOÁ Nhật Tảo, Chủ Nhật, Thiên hoàng, aJICA")
    reference = re.compile(
        r"\bNhật Bản\b|\b(?i:người|tiếng|nước|phía|đồng|yên|xứ|văn hóa|văn hoá|Đại sứ quán|Chính phủ|Thủ tướng|"
        r"Hoàng gia) Nhật\b(?! (?:ký|kí|trình|báo|thực|Lệ|Tân|Tảo))|\bViệt\s*[-–—]\s*Nhật\b|\bNhật\s*[-–—]\s*Việt\b"
        r"|\b(?:Japan|Japanese|JICA|JETRO|Thiên hoàng|Nhật hoàng)\b")
    assert [m.span() for m in _JAPAN_WORDS.finditer(text)] == [m.span() for m in reference.finditer(text)]
    assert [m.group() for m in _JAPAN_WORDS.finditer(text)] == [
        "Người Nhật", "NGƯỜI Nhật", "Việt  -\n Nhật", "Nhật—Việt", "Japanese", "ĐẠI SỨ QUÁN Nhật", "Thiên hoàng"]
