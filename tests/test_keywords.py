"""Keywords: clean, whole domain terms, by two methods, from tokens tagged once."""

from __future__ import annotations

import csv
import re


from etl import pipeline
from etl.keywords import CORPUS_IDF_MIN, Idf, article_keywords, jieba_idf
from etl.text import Lexicon, Tokenizer, default_tokenizer

PARAGRAPH = "新就业形态劳动者成为重要劳动群体。全国总工会推动平台企业与骑手集体协商，数字工匠培育需要数字技能。"


def rows(out, table):
    with open(out / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_domain_terms_stay_whole():
    words = default_tokenizer().cut(PARAGRAPH)
    for term in ("新就业形态劳动者", "全国总工会", "平台企业", "数字工匠", "数字技能", "集体协商"):
        assert term in words


def test_every_article_has_twenty_keywords_by_each_method(built):
    kws = rows(built, "keywords")
    articles = {a["article_id"] for a in rows(built, "articles")}
    for article in articles:
        for method in ("tfidf", "textrank"):
            ranked = [k for k in kws if k["article_id"] == article and k["method"] == method]
            assert [int(k["rank"]) for k in ranked] == list(range(1, 21))
            weights = [float(k["weight"]) for k in ranked]
            assert weights == sorted(weights, reverse=True)


def test_keywords_are_never_stop_words_numbers_single_characters_or_punctuation(built):
    stop = default_tokenizer().lexicon.stopwords
    for k in rows(built, "keywords"):
        word = k["keyword"]
        assert len(word) >= 2, word
        assert word not in stop, word
        assert not re.fullmatch(r"[\d.%,]+", word), word
        assert re.search(r"[\u4e00-\u9fffA-Za-z]", word), word


def test_user_dictionary_terms_are_not_boosted_by_a_missing_idf():
    table, median = jieba_idf()
    idf = Idf()
    assert "新就业形态" not in table
    assert idf("新就业形态") < median  # the IDF of its rarest part, not jieba's median
    assert idf("新就业形态") == max(table[p] for p in ("新", "就业", "形态") if p in table)


def test_idf_is_learned_from_the_corpus_when_it_is_large_enough():
    docs = [{"工会", "骑手"}] * CORPUS_IDF_MIN
    assert Idf(docs).source == "corpus"
    assert Idf(docs[:10]).source == "jieba"
    assert Idf(docs)("工会") < Idf(docs)("从未出现的词")


def test_extra_userdict_and_stopwords_from_files(tmp_path):
    userdict = tmp_path / "terms.txt"
    userdict.write_text("劳动群体 5000 n\n", encoding="utf-8")
    stops = tmp_path / "stops.txt"
    stops.write_text("骑手\n", encoding="utf-8")
    tok = Tokenizer(Lexicon.load((userdict,), (stops,)))
    tags = [tok.tag(PARAGRAPH)]
    words = [k.keyword for k in article_keywords(tags, Idf(), tok.lexicon.stopwords)]
    assert "劳动群体" in words
    assert "骑手" not in words


def test_each_paragraph_is_tokenized_exactly_once(monkeypatch, tmp_path, sample_files):
    calls = []
    original = Tokenizer.tag

    def counting(self, text):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(Tokenizer, "tag", counting)
    pipeline.build(sample_files, tmp_path / "out")
    paragraphs = rows(tmp_path / "out", "paragraphs")
    assert sorted(calls) == sorted(p["text"] for p in paragraphs)


def test_rjieba_cuts_the_sample_pages_exactly_as_jieba_does_with_the_project_dictionary(sample_files):
    # The build tokenizes with rjieba (jieba-rs) for speed; jieba stays the
    # reference.  Load the same user dictionary into a private jieba and
    # compare every paragraph of the bundled pages.
    import logging

    import jieba

    from etl.layout import parse_page

    jieba.setLogLevel(logging.WARNING)
    tokenizer = default_tokenizer()
    reference = jieba.Tokenizer()
    for word, freq, tag in tokenizer.lexicon.words:
        reference.add_word(word, freq, tag)
    paragraphs = [
        p.text for f in sample_files for a in parse_page(f.read_text(encoding="utf-8")).articles for p in a.paragraphs
    ]
    assert len(paragraphs) == 87
    for text in paragraphs:
        assert [w for w, _ in tokenizer.tag(text)] == reference.lcut(text)
    assert "新就业形态劳动者" in reference.lcut(paragraphs[0] + "新就业形态劳动者")
