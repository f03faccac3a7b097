import pytest

from checker.document import Document, DocumentError, decode
from checker.loaders import load_document


def test_line_col_is_one_based_in_code_points():
    doc = Document("x.txt", "ab\nĐắk Lắk\r\nz")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(3) == (2, 1)
    assert doc.line_col(3 + len("Đắk ")) == (2, 5)
    assert doc.line_col(len("ab\nĐắk Lắk\r\n")) == (3, 1)


def test_line_text_drops_crlf():
    doc = Document("x.txt", "một\r\nhai\n")
    assert doc.line_text(0) == "một"
    assert doc.line_text(1) == "hai"


def test_decomposed_text_keeps_columns_of_the_file_as_written():
    text = "Vi\u0323\u0302t Nam"  # NFD "Việt" is 5 code points, NFC 4
    doc = Document("x.txt", text)
    assert doc.line_col(text.index("Nam")) == (1, 7)


def test_decode_rejects_binary_and_bad_utf8_with_line():
    with pytest.raises(DocumentError, match="binary"):
        decode("b.txt", b"abc\x00def")
    with pytest.raises(DocumentError) as info:
        decode("c.txt", "dòng một\ndòng hai \xff".encode("utf-8", "surrogateescape")[:-2] + b"\xff\n")
    assert info.value.line == 2
    assert "UTF-8" in info.value.message


def test_decode_drops_byte_order_mark():
    assert decode("x.txt", "\ufeffViệt".encode("utf-8")) == "Việt"


def test_load_document_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "missing.txt")
