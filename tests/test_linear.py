"""The patterns of segmentation, extraction and masking are linear in the length of the
text: a 1 MB hostile token takes well under a second (a quadratic pattern: hours)."""

from __future__ import annotations

import time

import pytest

from l10n_pipeline.extract import _is_prose
from l10n_pipeline.mt import mask
from l10n_pipeline.segment import split_sentences

MB = 1_000_000
TOKENS = {
    "letters": "a" * MB,
    "at signs": "a@" * (MB // 2),
    "e-mail-like runs": ("x" * 50 + "@") * (MB // 51),
    "full stops": "." * MB,
    "tag openers": "<a" * (MB // 2),
    "link openers": "](" * (MB // 2),
    "brackets": "[x]" * (MB // 3),
    "backticks": "`" * MB,
}


@pytest.mark.parametrize("name", TOKENS)
def test_a_one_megabyte_token_is_linear(name):
    token = TOKENS[name] + " Next."
    for run in (lambda: split_sentences(token, "en"), lambda: _is_prose(token),
                lambda: mask(token)):
        started = time.perf_counter()
        run()
        assert time.perf_counter() - started < 3.0, name


def test_protection_still_finds_addresses_and_links():
    text = "Write to (info@icmpd.org). See [it](https://x.org/a.b) now. Next one."
    assert [text[a:b] for a, b in split_sentences(text, "en")] == [
        "Write to (info@icmpd.org).", "See [it](https://x.org/a.b) now.", "Next one."]
    assert not _is_prose("info@icmpd.org <https://x.org> `code`")
    masked, kept = mask("Mail a.b+c@icmpd.org now")
    assert kept == ["a.b+c@icmpd.org"]
