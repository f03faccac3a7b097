"""Calques of page furniture and labels on machine-translated Japanese pages
(issue 13, part 4): the shipped phrases of glossaries/phrases.yaml, reported
by term-phrase, and the mining script scripts/mine_calques.py.

The sentences are written for these tests, modelled on what the pages named
in each entry's `source` say; no page text is copied here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from checker.config import Config
from checker.glossary import DEFAULT_GLOSSARY_DIR, load_glossary
from checker.linter import Linter

ROOT = Path(__file__).resolve().parent.parent
PHRASES = Path(DEFAULT_GLOSSARY_DIR) / "phrases.yaml"

# (text, reported span, suggestion)
FIRES = [
    ("- Trang đầu của Thành phố Kobe\n- Đời sống và thủ tục", "Trang đầu của Thành phố", "Trang chủ Thành phố"),
    ("- Trang đầu của Phường Aoba\n- Thông tin phường", "Trang đầu của Phường", "Trang chủ Phường"),
    ("- Trang đầu của Quận Chuo\n- Sự kiện", "Trang đầu của Quận", "Trang chủ Quận"),
    ("Văn bản chính bắt đầu ở đây.\nThông báo về lịch thu gom rác", "Văn bản chính bắt đầu ở đây.", "Nội dung chính"),
    ("menu\nPhần chính bắt đầu từ đây.\nHướng dẫn cho cư dân", "Phần chính bắt đầu từ đây.", "Nội dung chính"),
    ("Đây là văn bản chính.\nBuổi đối thoại với thị trưởng lần thứ 3", "Đây là văn bản chính.", "Nội dung chính"),
    ("Địa điểm: Phòng họp đầu tiên, tầng 2 trụ sở phường", "Phòng họp đầu tiên", "Phòng họp số 1"),
    ("※Tiêu đề bị bỏ qua\nThị trưởng: Vâng, tôi xin báo cáo.", "Tiêu đề bị bỏ qua", "Lược bỏ chức danh"),
    ("- [Vật liệu slide] Kế hoạch du lịch của thành phố (PDF: 300KB)", "Vật liệu slide", "Tài liệu trình chiếu"),
    ("Chúng ta bắt đầu buổi họp báo. Thưa thị trưởng, xin hãy làm ơn.", "xin hãy làm ơn.", "xin mời."),
    ("- Tìm kiếm theo thẩm quyền\n- Cục Môi trường", "Tìm kiếm theo thẩm quyền", "Tìm theo cơ quan phụ trách"),
    ("Hội khu phố tổ chức phục hồi tài nguyên tập thể vào thứ Bảy.", "phục hồi tài nguyên tập thể",
     "thu gom tài nguyên tập thể"),
    ("Ngày thu thập tài nguyên tập thể do hội khu phố quyết định.", "thu thập tài nguyên tập thể",
     "thu gom tài nguyên tập thể"),
    ("Thực đơn phường\nđóng", "Thực đơn phường", "Danh mục phường"),
    ("Giấy chứng nhận cư trú có thể xin tại góc dịch vụ hành chính ở nhà ga.", "góc dịch vụ hành chính",
     "quầy dịch vụ hành chính"),
    ("- Quan hệ công chúng, điều trần công khai và báo chí", "Quan hệ công chúng, điều trần công khai",
     "Thông tin, tiếp nhận ý kiến người dân"),
    ("Tư vấn qua điện thoại. Thời gian tiếp tân: 9:00 ~ 17:00", "Thời gian tiếp tân", "Thời gian tiếp nhận"),
    ("Bảng nội dung\n1 Đăng ký cư trú\n2 Thuế", "Bảng nội dung", "Mục lục"),
    ("Các phường (kể cả phường đặc biệt. Giống như bên dưới.) lập sổ địa chỉ.", "Giống như bên dưới.",
     "(dưới đây cũng vậy)"),
]

# Ordinary Vietnamese that shares words with the variants.
QUIET = [
    "Sau khi tốt nghiệp, Kiều Trang đầu quân cho một tập đoàn tư vấn.",
    "Trang đầu tiên của cuốn sách in bản đồ thành phố.",
    "Bài viết được đăng trên trang đầu của tờ báo thành phố.",
    "Bộ đã có văn bản chính thức gửi các địa phương.",
    "Hội nghị tập trung vào ba nội dung chính: đầu tư, lao động và du lịch.",
    "Công ty cải tạo phòng họp đầu tiên vào năm ngoái.",
    "Xin hãy làm ơn giúp tôi tìm đường đến nhà ga.",
    "Chính quyền phục hồi tài nguyên rừng sau bão.",
    "Khách sạn cần tuyển thêm nhân viên tiếp tân cho mùa du lịch.",
    "Công ty gửi bảng nội dung công việc cho từng phòng ban.",
    "Thực đơn của quán có nhiều món ăn Nhật Bản.",
    "Trang chủ Thành phố Yokohama có thông tin bằng tiếng Việt.",
    "Kết quả sẽ giống như bên dưới.",
]


@pytest.fixture(scope="module")
def linter():
    return Linter(load_glossary([str(PHRASES)]), Config(select=("term-phrase",), default_glossary=False))


def _spans(linter, text):
    lines = text.split("\n")
    return [(lines[f.line - 1][f.column - 1:f.end_column - 1], f.suggestion) for f in linter.lint_text(text)]


@pytest.mark.parametrize(("text", "span", "suggestion"), FIRES, ids=[f[1] for f in FIRES])
def test_calque_is_reported_with_press_usage(linter, text, span, suggestion):
    assert (span, suggestion) in _spans(linter, text)


@pytest.mark.parametrize("text", QUIET)
def test_ordinary_vietnamese_stays_quiet(linter, text):
    assert _spans(linter, text) == []


def test_every_calque_entry_has_a_note_and_a_source():
    glossary = load_glossary([str(PHRASES)])
    variants = {v.form for entry in glossary.entries for v in entry.variants}
    for _, span, _ in FIRES:
        assert any(span.lower() == form.lower() for form in variants), span
    calques = [e for e in glossary.entries if any(
        any(span.lower() == v.form.lower() for v in e.variants) for _, span, _ in FIRES)]
    assert len(calques) >= 15
    for entry in calques:
        assert entry.note and entry.source and entry.source.startswith("http"), entry.canonical


def _load_script():
    spec = importlib.util.spec_from_file_location("mine_calques", ROOT / "scripts" / "mine_calques.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mining_keeps_phrases_absent_from_native_text(tmp_path):
    mt, native = tmp_path / "mt", tmp_path / "native"
    mt.mkdir()
    native.mkdir()
    (mt / "a.txt").write_text("# https://example.org/a\nThực đơn phường\nGiá vé tàu tăng\n", encoding="utf-8")
    (mt / "b.txt").write_text("Thực đơn phường\nGiá vé tàu tăng mạnh\n", encoding="utf-8")
    (native / "n.txt").write_text("Giá vé tàu tăng từ tháng sau.\n", encoding="utf-8")
    rows = _load_script().mine(mt, native, min_docs=2)
    phrases = {row[3]: row for row in rows}
    assert phrases["thực đơn phường"][:3] == (2, 2, 0)
    assert "giá vé tàu tăng" not in phrases  # native news writes it
    assert not any("https" in phrase for phrase in phrases)  # the address line is skipped
