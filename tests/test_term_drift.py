"""render-term-drift: one concept rendered several ways in one document
(curated near-synonyms, the text's own glosses, and with a source text:
identical source units translated differently)."""

from __future__ import annotations

import time

import pytest

from checker import rules as registry
from checker.config import Config
from checker.document import Document
from checker.linter import Linter
from checker.model import CATEGORIES
from checker.rules.render_term_drift import RenderTermDrift
from checker.synonyms import compile_concept, concepts, matching_form

RULE = "render-term-drift"


def _linter(mini_glossary, *options):
    config = Config(select=(RULE,), default_glossary=False)
    for option in options:
        config = config.with_rule_options(registry, option)
    return Linter(mini_glossary, config)


def _findings(mini_glossary, text, *options, source=None, segments=()):
    doc = Document("doc.md", text, source=source)
    doc.segments = segments
    findings, _ = _linter(mini_glossary, *options).lint_document(doc)
    return [f for f in findings if f.rule == RULE]


def _spans(text, findings):
    lines = text.split("\n")
    return [lines[f.line - 1][f.column - 1:f.end_column - 1] for f in findings]


def test_category_is_part_of_the_contract():
    assert RenderTermDrift.category == "term-inconsistent"
    assert "term-inconsistent" in CATEGORIES


def test_the_curated_list_loads_and_every_entry_says_why():
    loaded = concepts()
    assert len(loaded) >= 10
    for concept in loaded:
        assert len(concept.renderings) >= 2, concept.name
    import yaml
    from importlib.resources import files

    data = yaml.safe_load(files("checker.data").joinpath("synonyms.yaml").read_text(encoding="utf-8"))
    for entry in data:
        assert entry.get("why"), entry["concept"]
    # one spelling belongs to one concept only
    spellings = [s for c in loaded for r in c.renderings for s in r.spellings if not (r.before or r.after)]
    assert len(spellings) == len(set(spellings))


def test_a_typo_in_the_data_is_an_error():
    with pytest.raises(ValueError, match="not_befor"):
        compile_concept({"concept": "x", "renderings": ["a", {"form": "b", "not_befor": ["c"]}]})
    with pytest.raises(ValueError):
        compile_concept({"concept": "x", "renderings": ["a"]})


def test_normalisation_keeps_offsets_and_merges_spellings():
    for a, b in (("khoá riêng", "khóa riêng"), ("kĩ thuật số", "kỹ thuật số"), ("Rơ-Le", "rơ-le")):
        assert matching_form(a) == matching_form(b)
        assert len(matching_form(a)) == len(a)


def test_every_minority_occurrence_is_reported_with_the_majority(mini_glossary):
    text = ("Relay là công tắc điện. Relay bật máy bơm.\n"
            "Khi relay tắt, máy bơm dừng. Kiểm tra relay.\n"
            "Bật rơ-le rồi tắt rơ-le.\n")
    findings = _findings(mini_glossary, text)
    assert _spans(text, findings) == ["rơ-le", "rơ-le"]
    assert {f.suggestion for f in findings} == {"relay"}
    assert "4 times" in findings[0].message and "2 times" in findings[0].message
    assert all(str(f.severity) == "warning" and f.category == "term-inconsistent" for f in findings)


def test_the_english_minority_is_reported_when_the_document_translates(mini_glossary):
    text = "Bật rơ-le. Tắt rơ-le. Nối rơ-le với máy bơm. Kiểm tra relay.\n"
    findings = _findings(mini_glossary, text)
    assert _spans(text, findings) == ["relay"]
    assert findings[0].suggestion == "rơ-le"


def test_a_capital_is_kept_in_the_suggestion(mini_glossary):
    text = "Bật relay. Tắt relay. Nối relay với bơm.\nRơ-le kêu tách.\n"
    (finding,) = _findings(mini_glossary, text)
    assert finding.suggestion == "Relay"


def test_ties_go_to_the_usual_term(mini_glossary):
    text = "Dùng máy tính bo mạch đơn.\nMáy tính bảng đơn có GPIO.\n"
    (finding,) = _findings(mini_glossary, text)
    assert _spans(text, [finding]) == ["Máy tính bảng đơn"]
    assert finding.suggestion == "Máy tính bo mạch đơn"


def test_code_link_targets_and_names_are_not_counted(mini_glossary):
    text = ("Bật rơ-le. Tắt rơ-le. Nối rơ-le.\n"
            "```python\nrelay.on()\nrelay.off()\n```\n"
            "Gọi `relay.on()` hoặc xem [hướng dẫn](https://example.org/relay).\n"
            "Mua Grove Relay, xem thư mục soil-relay-server.\n")
    assert _findings(mini_glossary, text) == []


def test_reading_list_titles_in_english_are_not_renderings(mini_glossary):
    text = ("Nguyên tắc đặc quyền tối thiểu. Áp dụng quyền tối thiểu.\n"
            "- [least privilege - Glossary](https://example.org/a)\n"
            "- [Principle of least privilege](https://example.org/b)\n")
    assert _findings(mini_glossary, text) == []


def test_min_ratio_and_domain_keep_ambiguous_pairs_quiet(mini_glossary):
    # thông điệp / tin nhắn: one IoT document with a clear majority fires,
    # a close count does not, and without MQTT/telemetry nothing is compared.
    mqtt = "Gửi thông điệp MQTT. Nhận thông điệp. Đọc thông điệp. Gửi tin nhắn lệnh.\n"
    assert _spans(mqtt, _findings(mini_glossary, mqtt)) == ["tin nhắn"]
    close = "Gửi thông điệp MQTT. Nhận thông điệp. Gửi tin nhắn. Đọc tin nhắn.\n"
    assert _findings(mini_glossary, close) == []
    news = "Gửi thông điệp hòa bình. Nhận thông điệp. Đọc thông điệp. Gửi tin nhắn chúc mừng.\n"
    assert _findings(mini_glossary, news) == []


def test_min_count_option(mini_glossary):
    text = "Bật relay. Tắt relay. Bật rơ-le.\n"
    assert _findings(mini_glossary, text)
    assert _findings(mini_glossary, text, f"{RULE}.min_count=3") == []


def test_glosses_pair_a_term_with_its_translation(mini_glossary):
    text = ("Thiết bị gửi dữ liệu cảm biến (sensor readings) lên đám mây.\n"
            "Mỗi phút gửi sensor readings một lần. Lưu sensor readings vào bảng.\n"
            "Đọc sensor readings rồi vẽ biểu đồ. Xóa dữ liệu cảm biến cũ.\n")
    findings = _findings(mini_glossary, text)
    assert _spans(text, findings) == ["dữ liệu cảm biến"]
    assert findings[0].suggestion == "sensor readings"
    assert _findings(mini_glossary, text, f"{RULE}.glosses=off") == []


def test_one_repeat_after_a_gloss_is_only_a_note(mini_glossary):
    text = "Bệnh zona (herpes zoster) gây đau. Bệnh zona lây qua tiếp xúc. Bệnh zona cần điều trị. Herpes zoster ở người già.\n"
    findings = _findings(mini_glossary, text)
    assert findings and all(str(f.severity) == "info" for f in findings)


SOURCE = """# Pre-lecture quiz

Read the quiz.

## Relays

A relay is a switch.

## Pre-lecture quiz

## Pre-lecture quiz
"""


def test_with_a_source_identical_paragraphs_translated_differently(mini_glossary):
    target = """# Câu hỏi trước bài giảng

Đọc câu hỏi.

## Rơ-le

Rơ-le là một công tắc.

## Câu hỏi trước bài giảng

## Câu hỏi trước buổi học
"""
    findings = _findings(mini_glossary, target, source=SOURCE)
    assert _spans(target, findings) == ["## Câu hỏi trước buổi học"]
    assert findings[0].suggestion == "# Câu hỏi trước bài giảng"
    assert str(findings[0].severity) == "warning"
    assert _findings(mini_glossary, target, f"{RULE}.source=off", source=SOURCE) == []


def test_with_xliff_units_identical_sources_translated_differently(mini_glossary):
    units = ["Turn the relay on.", "Turn the relay on.", "Turn the relay on.", "Wait."]
    targets = ["Bật relay.", "Bật relay.", "Bật rơ-le.", "Chờ."]
    text, segments, pos = "", [], 0
    for source, target in zip(units, targets):
        segments.append((pos, pos + len(target), source))
        text += target + "\n"
        pos += len(target) + 1
    findings = _findings(mini_glossary, text, f"{RULE}.min_count=9", segments=tuple(segments))
    assert _spans(text, findings) == ["Bật rơ-le."]
    assert findings[0].suggestion == "Bật relay."


def test_native_style_text_is_quiet(mini_glossary):
    text = ("Ngân hàng Nhà nước công bố chuyển đổi số trong năm 2024. Kinh tế số tăng trưởng 20%.\n"
            "Máy ảnh kỹ thuật số bán chạy. Cảnh sát nhận diện nghi phạm qua camera.\n"
            "Bộ trưởng gửi thông điệp tới người dân; nhiều người nhận tin nhắn lừa đảo.\n")
    assert _findings(mini_glossary, text) == []


def test_a_long_document_is_linted_quickly(mini_glossary):
    paragraph = ("Relay bật máy bơm khi cảm biến kỹ thuật số báo đất khô; tín hiệu số 3 "
                 "được gửi qua thông điệp MQTT tới máy chủ (server) và khóa riêng được giữ an toàn.\n")
    text = paragraph * 2000  # ~300 KB
    linter = _linter(mini_glossary)
    linter.lint_document(Document("doc.md", text))  # load the data once
    start = time.perf_counter()
    linter.lint_document(Document("doc.md", text))
    assert time.perf_counter() - start < 2.0


TERM_SOURCE = """# Build a server

The server stores the readings.

Start the server before the device.

The server answers each request.

Stop the server when you are done.

Restart the server after an update.

Read the guide.
"""


def test_with_a_source_a_term_kept_in_english_where_it_is_translated_elsewhere(mini_glossary):
    target = """# Xây dựng một máy chủ

Máy chủ lưu các số đo.

Khởi động server trước thiết bị.

Máy chủ trả lời từng yêu cầu.

Dừng máy chủ khi xong việc.

Khởi động lại máy chủ sau khi cập nhật.

Đọc hướng dẫn.
"""
    findings = _findings(mini_glossary, target, source=TERM_SOURCE)
    assert _spans(target, findings) == ["server"]
    assert findings[0].suggestion == "máy chủ"
    assert "'server'" in findings[0].message and "5 times" in findings[0].message


def test_with_a_source_english_phrases_and_names_are_not_counted(mini_glossary):
    target = """# Xây dựng một máy chủ

Máy chủ lưu các số đo.

Mở "server settings" trước thiết bị.

Máy chủ trả lời từng yêu cầu.

Dừng máy chủ khi xong việc.

Khởi động lại máy chủ sau khi cập nhật.

Đọc hướng dẫn.
"""
    assert _findings(mini_glossary, target, source=TERM_SOURCE) == []


@pytest.mark.slow
def test_native_news_stays_quiet(corpus_lint, corpus_words):
    """Issue 12 budget: at most 0.3 error-or-warning findings per 10,000
    words of native news (2,653 articles); native writers rarely drift."""
    from conftest import corpus_findings

    from checker.model import Severity

    loud = [f for f in corpus_findings(corpus_lint, RULE) if f.severity >= Severity.WARNING]
    assert len(loud) / corpus_words * 10_000 <= 0.3, [f.message for f in loud[:5]]


def test_with_a_source_a_two_word_term_translated_two_ways(mini_glossary):
    source = "\n\n".join([
        "# Light sensors",
        "The sensor reads light levels.",
        "Low light levels turn the lamp on.",
        "High light levels turn it off.",
        "Log the light levels every minute.",
        "Plot the light levels on a chart.",
        "Compare the light levels of two rooms.",
        "Stop the program.",
    ]) + "\n"
    target = "\n\n".join([
        "# Cảm biến ánh sáng",
        "Cảm biến đọc mức ánh sáng.",
        "Mức ánh sáng thấp thì bật đèn.",
        "Mức ánh sáng cao thì tắt đèn.",
        "Ghi độ ánh sáng mỗi phút.",
        "Vẽ mức ánh sáng lên biểu đồ.",
        "So sánh độ ánh sáng của hai phòng.",
        "Dừng chương trình.",
    ]) + "\n"
    findings = _findings(mini_glossary, target, source=source)
    assert _spans(target, findings) == ["độ ánh sáng", "độ ánh sáng"]
    assert findings[0].suggestion == "mức ánh sáng"
    assert "'light levels'" in findings[0].message
    # single words are rendered by many collocations: never compared this way
    single = source.replace("light levels", "brightness")
    assert _findings(mini_glossary, target, source=single) == []


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="pump.txt" source-language="en" target-language="vi" datatype="plaintext">
    <body>
{units}
    </body>
  </file>
</xliff>
"""


def test_an_xliff_file_with_a_unit_translated_two_ways(tmp_path, mini_glossary):
    pairs = [("Turn the pump on.", "Bật máy bơm."), ("Wait ten seconds.", "Chờ mười giây."),
             ("Turn the pump on.", "Bật máy bơm."), ("Turn the pump on.", "Mở cái bơm.")]
    units = "\n".join(f'      <trans-unit id="{i}"><source>{s}</source><target>{t}</target></trans-unit>'
                      for i, (s, t) in enumerate(pairs, 1))
    path = tmp_path / "pump.xlf"
    path.write_text(XLIFF.format(units=units), encoding="utf-8")
    findings = [f for f in _linter(mini_glossary).lint_paths([path]).findings if f.rule == RULE]
    assert len(findings) == 1
    (finding,) = findings
    line = path.read_text(encoding="utf-8").split("\n")[finding.line - 1]
    assert line[finding.column - 1:finding.end_column - 1] == "Mở cái bơm."
    assert finding.suggestion == "Bật máy bơm."
