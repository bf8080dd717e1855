"""Reading page files: encodings, line ends, identity, clear errors."""

from pathlib import Path

import pytest

from etl.layout.lines import split_lines
from etl.read import PageError, decode, find_pages, read_page

ROOT = Path(__file__).resolve().parent.parent
TEXT = "从工运历史中汲取奋进力量\n数字技术已经成为经济增长的新引擎。\n"
SAMPLE = sorted((ROOT / "data" / "pages").glob("*.txt"))[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data, expected",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16-le"),  # Python writes a BOM, little-endian
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-32"), "utf-32-le"),
    ],
)
def test_a_byte_order_mark_decides_the_encoding(data, expected):
    assert decode(data) == (TEXT, expected)


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "utf-16-le", "utf-16-be"])
def test_a_whole_page_without_a_mark_is_detected(codec):
    # A real page: charset-normalizer has enough text to be sure.
    text, enc = decode(SAMPLE.encode(codec))
    assert text == SAMPLE
    assert enc == {"gbk": "gb18030"}.get(codec, codec)  # GBK is read as its superset


def test_a_short_gbk_line_is_still_chinese():
    text, enc = decode("数字技术已经成为经济增长的新引擎，工会要积极作为。".encode("gbk"))
    assert text == "数字技术已经成为经济增长的新引擎，工会要积极作为。"
    assert enc == "gb18030"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_give_the_same_lines(newline):
    text, _ = decode(SAMPLE.replace("\n", newline).encode("utf-8"))
    assert text == SAMPLE
    assert [ln.no for ln in split_lines(text)] == [ln.no for ln in split_lines(SAMPLE)]


def test_full_width_digits_and_letters_become_ascii_but_keep_their_print_width():
    (line,) = split_lines("２０２１年，我国ＧＤＰ增长３．５９％，")
    assert line.text == "2021年，我国GDP增长3.59％，"
    assert line.width == 19  # every glyph filled a cell of the printed line


def test_page_id_is_the_content_hash_whatever_the_file_name(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text(TEXT, encoding="utf-8")
    assert read_page(a).page_id == read_page(b).page_id
    assert len(read_page(a).page_id) == 16


def test_binary_file_is_refused_with_its_name(tmp_path):
    f = tmp_path / "scan.txt"
    f.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe\x00")
    with pytest.raises(PageError, match="scan.txt: binary data"):
        read_page(f)


def test_random_bytes_that_decode_as_utf16_are_refused(tmp_path):
    f = tmp_path / "noise.txt"
    f.write_bytes(b"\xff\xfe" + bytes(range(0x20, 0xFF)) * 3)
    with pytest.raises(PageError, match="noise.txt"):
        read_page(f)


def test_an_empty_file_is_a_page_without_text(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("", encoding="utf-8")
    page = read_page(f)
    assert (page.text, page.encoding) == ("", "empty")


def test_text_that_is_not_chinese_is_refused(tmp_path):
    f = tmp_path / "english.txt"
    f.write_text("This is an English page about unions.\n" * 5, encoding="utf-8")
    with pytest.raises(PageError, match="english.txt: only 0 of .* characters are Chinese"):
        read_page(f)


def test_missing_paths_broken_links_and_empty_folders_are_named(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    files, problems = find_pages([tmp_path / "nothing.txt", tmp_path / "empty", tmp_path / "dangling.txt"])
    assert files == []
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'nothing.txt'}: no such file or folder",
        f"{tmp_path / 'empty'}: no page files (*.txt) in this folder",
        f"{tmp_path / 'dangling.txt'}: not a regular file (a broken link or a device?)",
    ]


def test_a_folder_is_read_in_name_order_each_file_once(tmp_path):
    for name in ["b.txt", "a.txt", "sub/c.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    files, problems = find_pages([tmp_path, tmp_path / "a.txt"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.txt", "b.txt", "sub/c.txt"]
    assert problems == []


@pytest.mark.parametrize(
    "data",
    [
        "Le café de la résumé, à bientôt. ".encode("latin-1") * 20,  # another language's legacy encoding
        "数字技术已经成为经济增长的新引擎。".encode("gbk") * 5 + b"\xff\xfe\x81",  # GBK broken at the end
    ],
)
def test_undecodable_bytes_are_refused_rather_than_guessed(tmp_path, data):
    f = tmp_path / "odd.txt"
    f.write_bytes(data)
    with pytest.raises(PageError, match="odd.txt: not text in UTF-8, GB18030/GBK, Big5 or UTF-16"):
        read_page(f)
