"""charset.detect_encoding / decode_html: BOM, valid UTF-8, <meta>, header, guess."""

import codecs

import pytest
from hypothesis import given, settings, strategies as st

from newscrawler.extract.charset import decode_html, detect_encoding, header_charset, normalise_encoding

WRONG_HEADER = "text/html; charset=ISO-8859-1"
RU = "<p>Дата публикации: 27-08-2025. Министерство промышленности и торговли</p>"
ZH = "<p>工业和信息化部 发布时间 通知公告 先进制造业集群</p>"
KO = "<p>한국산업단지공단 보도자료 관련 읽기</p>"


def _html(meta, body):
    return f"<html><head>{meta}</head><body>{body}</body></html>"


def test_valid_utf8_wins_over_wrong_header():
    body = _html("", RU).encode("utf-8")
    assert decode_html(body, "text/html; charset=windows-1251") == (_html("", RU), "utf-8")


def test_valid_utf8_wins_over_wrong_meta():
    assert detect_encoding(_html('<meta charset="gb2312">', ZH).encode("utf-8")) == "utf-8"


@pytest.mark.parametrize("meta, text, codec, expected", [
    ('<meta charset="windows-1251">', RU, "cp1251", "cp1251"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', ZH, "gb2312", "gb18030"),
    ('<meta charset="euc-kr">', KO, "euc-kr", "cp949"),
])
def test_meta_charset_wins_over_wrong_header(meta, text, codec, expected):
    html = _html(meta, text)
    assert decode_html(html.encode(codec), WRONG_HEADER) == (html, expected)


def test_gb2312_label_decodes_gbk_only_characters():
    html = _html('<meta charset="gb2312">', "<p>镕基 发布时间</p>")   # 镕 is outside GB2312
    assert decode_html(html.encode("gb18030"), None)[0] == html


def test_euc_kr_label_decodes_cp949_only_syllables():
    html = _html('<meta charset="euc-kr">', "<p>똠방각하 관련 읽기</p>")   # 똠 is a CP949 extension
    assert decode_html(html.encode("cp949"), "text/html; charset=euc-kr")[0] == html


@pytest.mark.parametrize("header, text, codec, expected", [
    ("text/html; charset=windows-1251", RU, "cp1251", "cp1251"),
    ("text/html; charset=GB2312", ZH, "gb2312", "gb18030"),
    ("text/html; charset=euc-kr", KO, "euc-kr", "cp949"),
])
def test_header_used_when_no_meta(header, text, codec, expected):
    html = _html("", text)
    assert decode_html(html.encode(codec), header) == (html, expected)


def test_utf8_bom_is_used_and_stripped():
    body = codecs.BOM_UTF8 + "<p>Привет</p>".encode("utf-8")
    assert decode_html(body, "text/html; charset=windows-1251") == ("<p>Привет</p>", "utf-8")


@pytest.mark.parametrize("bom, codec, name", [
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
])
def test_utf16_bom_chooses_codec(bom, codec, name):
    assert detect_encoding(bom + "<p>Привет</p>".encode(codec), WRONG_HEADER) == name


def test_utf16_bom_is_stripped():
    assert decode_html(codecs.BOM_UTF16_LE + "<p>x</p>".encode("utf-16-le"))[0] == "<p>x</p>"


def test_latin1_label_is_widened_to_windows_1252():
    assert normalise_encoding("ISO-8859-1") == "cp1252"
    assert decode_html(b"<p>\x93Quoted\x94</p>", WRONG_HEADER)[0] == "<p>\u201cQuoted\u201d</p>"


def test_declared_utf8_with_one_bad_byte_stays_utf8():
    html = _html('<meta charset="utf-8">', "<p>" + "Министерство промышленности сообщает. " * 5 + "</p>")
    body = html.encode("utf-8").replace(b"<p>", b"<p>\xa0", 1)
    text, encoding = decode_html(body, "text/html; charset=utf-8")
    assert encoding == "utf-8" and "Министерство промышленности" in text


@pytest.mark.parametrize("label, expected", [
    ("GB2312", "gb18030"), ("gbk", "gb18030"), ("euc-kr", "cp949"), ("ks_c_5601-1987", "cp949"),
    ("windows-1251", "cp1251"), ("Shift_JIS", "cp932"), ("big5", "big5hkscs"), ('"utf-8"', "utf-8"),
    ("nonsense", None), ("", None), (None, None),
])
def test_normalise_encoding(label, expected):
    assert normalise_encoding(label) == expected


@pytest.mark.parametrize("content_type, expected", [
    ('text/html; charset="utf-8"', "utf-8"), ("text/html;charset=GB2312", "GB2312"), ("text/html", None), (None, None),
])
def test_header_charset(content_type, expected):
    assert header_charset(content_type) == expected


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600),
       st.sampled_from([None, "text/html", WRONG_HEADER, "text/html; charset=bogus", "text/html; charset=utf-16"]))
def test_garbage_never_raises(body, content_type):
    text, encoding = decode_html(body, content_type)
    assert isinstance(text, str) and codecs.lookup(encoding)
