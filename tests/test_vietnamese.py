from hypothesis import given
from hypothesis import strategies as st

from checker.vietnamese import fold, has_vietnamese_marks, lower, tone_key


def test_fold_strips_tone_marks_and_diacritics():
    assert fold("Phạm Minh Chính") == "pham minh chinh"
    assert fold("ĐẮK LẮK") == "dak lak"
    assert fold("Vĩnh Long") == fold("Vinh Long") == fold("Vịnh Lồng")
    assert fold("Bảo Chính Phủ") == fold("Báo Chính phủ")


def test_fold_keeps_non_latin_text():
    assert fold("群馬県") == "群馬県"


@given(st.text())
def test_fold_and_lower_keep_one_code_point_per_code_point(text):
    assert len(fold(text)) == len(text)
    assert len(lower(text)) == len(text)


def test_lower_does_not_grow_dotted_capital_i():
    assert "İ".lower() != "i"  # Python turns it into two code points
    assert lower("İx") == "İx"


def test_tone_key_unifies_old_and_new_placement():
    assert tone_key("Thanh Hoá") == tone_key("Thanh Hóa")
    assert tone_key("thuỷ") == tone_key("thủy")
    assert tone_key("Uỷ ban") == tone_key("Ủy ban")
    assert tone_key("hoàng") == "hoàng"  # closed syllable: one placement only
    assert tone_key("hoà") != tone_key("hoá")


def test_has_vietnamese_marks():
    assert has_vietnamese_marks("tỉnh Vinh Long")
    assert not has_vietnamese_marks("Meeting between Prime Minister Pham Minh Chinh")

