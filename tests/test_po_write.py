"""Our PO writer matches GNU gettext's msgcat byte for byte."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n_pipeline.formats.po_write import format_catalog

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext missing")

TRICKY = [
    "Sürdürülebilir Sosyo-ekonomik Entegrasyon için Girişimcilik Kapasitelerinin İyileştirilmesi",
    "More: [www.icmpd.org](https://www.icmpd.org/very/long/path/that/goes/on/and/on \"Title\") x",
    "В 2022 г. проф. И. И. Иванов посетил т. н. «Дом учёных» и ещё много очень длинных слов",
    "نعم، وقّعها د. أحمد يوم 21 ديسمبر 2022. نعم، وقّعها د. أحمد يوم 21 ديسمبر 2022. نعم",
    "x" * 100 + " tail",
    "a line\nwith newline and a very long continuation that goes beyond seventy nine columns",
    "quote \"inside\" and backslash \\ and tab\there and more text to make it wrap around ok",
    "part of the project “Capacity for a Rights-Based Reception System for Moldova” (CareFor) to",
]


def msgcat(path: Path, tmp_path: Path) -> str:
    out = tmp_path / "ref.po"
    subprocess.run(["msgcat", str(path), "-o", str(out)], check=True)
    return out.read_text(encoding="utf-8")


def test_tricky_strings(tmp_path):
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for text in TRICKY:
        entry = polib.POEntry(msgid=text, msgstr=text, tcomment="a translator comment that is "
                              "much longer than seventy-nine columns and must never be wrapped")
        catalog.append(entry)
    path = tmp_path / "t.po"
    path.write_text(format_catalog(catalog), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == msgcat(path, tmp_path)


def test_every_file_of_the_corpus(tmp_path):
    for path in sorted((REPO / "translations").rglob("*.po*")):
        assert path.read_text(encoding="utf-8") == msgcat(path, tmp_path), path


@pytest.mark.parametrize("comment", ["C:\\", "reason ends in two \\\\", "l10n-rejected: Ana: C:\\"])
def test_a_comment_ending_in_a_backslash_does_not_swallow_the_next_line(tmp_path, comment):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Rejected", msgstr="Rejeté", tcomment=comment,
                            comment=comment, flags=["fuzzy"]))
    path = tmp_path / "x.po"
    path.write_text(format_catalog(po), encoding="utf-8")
    stats = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                           capture_output=True, text=True).stderr
    assert "0 translated messages, 1 fuzzy translation" in stats, stats
    written = path.read_text(encoding="utf-8")
    assert "\\\n" not in written and "\uff3c\n" in written
