from hypothesis import given
from hypothesis import strategies as st

from conftest import CORPUS, FIXTURES, SEEDS, SHARED

from checker import vietnamese
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


def _fold_by_character(text: str) -> str:
    """fold() the straightforward way: one table lookup per character."""
    return text.translate(vietnamese._fold_table())


def _real_texts():
    for path in sorted(SEEDS.glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    for path in sorted(FIXTURES.rglob("*.txt"))[:60]:
        yield path.read_text(encoding="utf-8", errors="replace")
    for folder in (SHARED / "corpus" / "mt-docs" / "vi", SHARED / "corpus" / "mt-docs" / "en"):
        for path in sorted(folder.glob("*"))[:12]:
            yield path.read_text(encoding="utf-8", errors="replace")
    for path in sorted(CORPUS.rglob("*.txt"))[:300]:
        yield path.read_text(encoding="utf-8")


def test_fold_by_words_equals_fold_by_character_on_real_text(monkeypatch):
    # fold() folds each blank-separated word once per process (a cache);
    # the result must be the character-by-character translation, with the
    # cache filling, full (words folded but not kept) and warm.
    texts = list(_real_texts())
    assert len(texts) > 20  # the seeds at least; the news corpus where present
    expected = [_fold_by_character(text) for text in texts]
    assert [fold(text) for text in texts] == expected
    assert [fold(text) for text in texts] == expected
    monkeypatch.setattr(vietnamese, "_FOLDED_WORDS", vietnamese._FoldedWords())
    monkeypatch.setattr(vietnamese, "_MAX_FOLDED_WORDS", 50)
    assert [fold(text) for text in texts[:40]] == expected[:40]
    assert len(vietnamese._FOLDED_WORDS) == 50


@given(st.text(alphabet=st.characters(), max_size=60))
def test_fold_equals_fold_by_character(text):
    assert fold(text) == _fold_by_character(text)
    assert fold(f"{text} {text}  x") == _fold_by_character(f"{text} {text}  x")


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

