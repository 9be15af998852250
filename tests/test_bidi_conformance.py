"""python-bidi, as the bidi checks call it, on a deterministic sample of the Unicode
conformance files (the whole files: ``python tests/bidi_conformance.py``, figures in
the README).  Skipped only where the files are absent (Debian: ``unicode-data``)."""

from __future__ import annotations

from dataclasses import replace
import pytest

from bidi_conformance import UNICODE_DATA, character_cases, class_cases, run

# Every n-th case: about 1,800 lines of BidiCharacterTest.txt and 3,900 cases of
# BidiTest.txt (of 91,707 and 770,241), well under a second.
_SAMPLES = {"BidiCharacterTest.txt": (character_cases, 50), "BidiTest.txt": (class_cases, 200)}


@pytest.mark.parametrize("name", sorted(_SAMPLES))
def test_relevant_cases_pass(name: str) -> None:
    path = UNICODE_DATA / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (Debian package unicode-data)")
    reader, step = _SAMPLES[name]
    visual, levels, failed = run(reader(path, step))
    assert visual.relevant > 600 and levels.relevant == visual.relevant
    assert failed == [], [(case.line, case.direction, case.text) for case in failed]
    assert levels.passed == levels.lines  # python-bidi resolves every level right
    assert visual.passed >= 0.99 * visual.lines  # python-bidi itself, every case


def test_a_wrong_order_fails() -> None:
    """The comparison can fail: a case whose visual order is reversed does."""
    path = UNICODE_DATA / "BidiCharacterTest.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent (Debian package unicode-data)")
    case = next(c for c in character_cases(path) if c.direction == "R" and len(c.text) > 3)
    wrong = replace(case, order=case.order[::-1], levels=tuple(
        None if level is None else level + 1 for level in case.levels))
    visual, levels, failed = run(iter([wrong]))
    assert (visual.passed, levels.passed, failed) == (0, 0, [wrong])
