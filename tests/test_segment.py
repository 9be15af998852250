"""Sentence segmentation: abbreviations in all five languages."""

from __future__ import annotations

import pytest

from l10n_pipeline.lang import language
from l10n_pipeline.segment import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


@pytest.mark.parametrize("lang, text", [
    ("en", "The event was welcomed by Head of the EU Delegation to Armenia, Ambassador, H.E. "
           "Mrs. Andrea Wiktorin, ICMPD Regional Portfolio Manage MS Violeta Wagner, High "
           "Commissioner for Diaspora Affairs."),
    ("en", "On 21 December 2022 in Vienna, Mr. Lukas Gehrke, the ICMPD Deputy Director "
           "General, signed it."),
    ("en", "Joint Training in Tamale from Nov 28 – Dec 3."),
    ("ru", "В 2022 г. проф. И. И. Иванов посетил т. н. «Дом учёных»."),
    ("tr", "Prof. Dr. Ayşe Yılmaz, 3 Oca. 2023'te İstanbul'daki toplantıya katıldı."),
    ("ar", "نعم، وقّعها د. أحمد يوم 21 ديسمبر 2022."),
    ("tr", "Türkiye 09.03.2017 tarih ve 15 Mayıs 2018 tarihinde 17. Üyesi olarak katılmıştır."),
    ("tr", "2018 yılında 25.yılını dolduran bir kuruluştur."),
    ("fr", "M. Dupont a rencontré Mme Durand et le Dr Martin."),
    ("en", "See `a. B` and [the site](https://example.org/a. B) now."),
    ("en", "Write to info@icmpd.org. or not"),
    ("tr", "PROF. DR. AYŞE YILMAZ TOPLANTIYA KATILDI."),
])
def test_one_sentence(lang, text):
    assert sentences(text, lang) == [text]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "It works. Does it? Yes! Then we go.",
     ["It works.", "Does it?", "Yes!", "Then we go."]),
    ("en", "He said “Go.” Then he left.", ["He said “Go.”", "Then he left."]),
    ("en", "We met in Dec. The talks began at once.",
     ["We met in Dec.", "The talks began at once."]),
    ("en", "Costs rose, etc. Then it ended.", ["Costs rose, etc.", "Then it ended."]),
    ("fr", "Il est venu. Elle est partie… Pourquoi ?",
     ["Il est venu.", "Elle est partie…", "Pourquoi ?"]),
    ("ru", "Он приехал в 2022 г. Потом уехал. Всё.",
     ["Он приехал в 2022 г.", "Потом уехал.", "Всё."]),
    ("ar", "هل تعمل؟ نعم. شكرا، جزيلا.", ["هل تعمل؟", "نعم.", "شكرا، جزيلا."]),
    ("tr", "ICMPD 1993 yılında kuruldu. Bugün 19 üyesi var.",
     ["ICMPD 1993 yılında kuruldu.", "Bugün 19 üyesi var."]),
    ("en", "It grew in 2018. The next year too.", ["It grew in 2018.", "The next year too."]),
])
def test_splits(lang, text, expected):
    assert sentences(text, lang) == expected


def test_spans_exclude_whitespace_between_sentences():
    text = "One.   Two."
    assert split_sentences(text, "en") == [(0, 4), (7, 11)]


@pytest.mark.parametrize("text, lang, folded", [
    ("İSTANBUL", "tr", "istanbul"),
    ("ISTANBUL", "tr", "ıstanbul"),
    ("ISTANBUL", "en", "istanbul"),
    ("İltica", "tr", "iltica"),
])
def test_turkish_case_folding(text, lang, folded):
    assert language(lang).lower(text) == folded
