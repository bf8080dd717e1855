"""Reading page files: encodings, identity, clear errors."""

import pytest

from etl.read import PageError, decode, find_pages, read_page

TEXT = "从工运历史中汲取奋进力量\n数字技术已经成为经济增长的新引擎。\n"


@pytest.mark.parametrize("encoding, expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("utf-16", "utf-16")])
def test_dumps_in_common_encodings_decode_to_the_same_text(encoding, expected):
    text, enc = decode(TEXT.encode(encoding))
    assert text == TEXT
    assert enc == expected


def test_page_id_is_the_content_hash_whatever_the_file_name(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text(TEXT, encoding="utf-8")
    assert read_page(a).page_id == read_page(b).page_id
    assert len(read_page(a).page_id) == 16


def test_binary_file_is_refused_with_its_name(tmp_path):
    f = tmp_path / "scan.txt"
    f.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe\x00")
    with pytest.raises(PageError, match="scan.txt"):
        read_page(f)


def test_random_bytes_that_decode_as_utf16_are_refused(tmp_path):
    f = tmp_path / "noise.txt"
    f.write_bytes(b"\xff\xfe" + bytes(range(0x20, 0xFF)) * 3)
    with pytest.raises(PageError, match="noise.txt"):
        read_page(f)


def test_empty_file_is_refused(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("\n\n", encoding="utf-8")
    with pytest.raises(PageError, match="empty.txt: the file is empty"):
        read_page(f)


def test_text_that_is_not_chinese_is_refused(tmp_path):
    f = tmp_path / "english.txt"
    f.write_text("This is an English page about unions.\n" * 5, encoding="utf-8")
    with pytest.raises(PageError, match="not a page dump"):
        read_page(f)


def test_missing_paths_and_empty_folders_are_named(tmp_path):
    with pytest.raises(PageError, match="nothing.txt: no such file"):
        find_pages([tmp_path / "nothing.txt"])
    with pytest.raises(PageError, match="no page files"):
        find_pages([tmp_path])
