"""The checks measured on a hand-labelled gold set (tests/gold/gold.yaml): real sentences
of the corpus and their translations, each labelled with the checks that must fire on it.

Every check's precision and recall is computed; the bar is no false positive at all
(nothing fires on a correct translation, nothing unlabelled fires on a defective one)
and every labelled defect caught.  The README shows the table this computes:

    python tests/test_gold.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from l10n_pipeline.checks import (REGISTRY, Pair, Placed, Source, SourceCheck, TargetCheck,
                                  check_project, checks_of)
from l10n_pipeline.glossary import Glossary, load_glossary

REPO = Path(__file__).resolve().parents[1]
GOLD = yaml.safe_load((Path(__file__).parent / "gold" / "gold.yaml").read_text(encoding="utf-8"))


def gold_glossary() -> Glossary:
    """The project's glossary as it was when the set was labelled, and a row of the gold
    set's own (an allowed term holding a forbidden word): labels do not move with it."""
    return load_glossary(Path(__file__).parent / "gold" / "glossary.csv")


def found() -> list[tuple[str, set[str], set[str]]]:
    """(what, labelled check ids, ids that fired) for every item of the gold set."""
    glossary = gold_glossary()
    results = []
    for item in GOLD["translations"]:
        pair = Pair(item["source"], item["target"], "en" if item["language"] != "en" else "tr",
                    item["language"], glossary)
        fired = {c.id for c in checks_of(TargetCheck, item["language"])
                 if c.relevant(pair) and list(c.run(pair))}
        results.append((f"{item['language']}: {item['target']}", set(item["defects"]), fired))
    for item in GOLD["sources"]:
        source = Source(item["source"], item["language"], glossary)
        fired = {c.id for c in checks_of(SourceCheck, item["language"]) if list(c.run(source))}
        results.append((f"source: {item['source']}", set(item["defects"]), fired))
    for group in GOLD["consistency"]:
        entries = [Placed(e["file"], n, e["source"], e["target"])
                   for n, e in enumerate(group["entries"], 1)]
        findings = check_project({group["language"]: entries})
        for n, entry in enumerate(group["entries"], 1):
            fired = {f.check for f in findings if f.line == n}
            results.append((f"{group['language']}: {entry['target']}", set(entry["defects"]),
                            fired))
    return results


# Checks of sentences; a catalogue check reads a header, not a sentence (test_lang.py)
SENTENCE_CHECKS = [check for check, found in REGISTRY.items() if found.kind != "catalogue"]


def measure() -> dict[str, Counter]:
    """Per check: true positives, false positives, false negatives."""
    scores: dict[str, Counter] = {check: Counter() for check in SENTENCE_CHECKS}
    for _, labelled, fired in found():
        for check in labelled | fired:
            scores[check]["tp" if check in labelled and check in fired else
                          "fp" if check in fired else "fn"] += 1
    return scores


def table() -> str:
    """The README's table: every check, its kind, and how it does on the gold set."""
    counts = Counter(item["language"] for item in GOLD["translations"])
    correct = sum(not item["defects"] for item in GOLD["translations"] + GOLD["sources"])
    lines = [f"Gold set: {sum(counts.values())} translations "
             f"({', '.join(f'{lang} {n}' for lang, n in sorted(counts.items()))}), "
             f"{len(GOLD['sources'])} source texts, "
             f"{sum(len(g['entries']) for g in GOLD['consistency'])} entries for the project "
             f"checks; {correct} translations and sources are correct.", "",
             "| check | kind | labelled defects | caught | false positives | precision | recall |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for check, score in measure().items():
        labelled = score["tp"] + score["fn"]
        precision = f"{score['tp'] / (score['tp'] + score['fp']):.2f}" \
            if score["tp"] + score["fp"] else "–"
        recall = f"{score['tp'] / labelled:.2f}" if labelled else "–"
        lines.append(f"| `{check}` | {REGISTRY[check].kind} | {labelled} | {score['tp']} | "
                     f"{score['fp']} | {precision} | {recall} |")
    return "\n".join(lines)


def test_no_false_positive_and_every_labelled_defect_caught():
    wrong = [(what, sorted(fired - labelled), sorted(labelled - fired))
             for what, labelled, fired in found() if fired != labelled]
    assert wrong == []


def test_at_least_25_sentences_per_target_language():
    counts = Counter(item["language"] for item in GOLD["translations"])
    assert all(counts[lang] >= 25 for lang in ("fr", "ru", "ar", "tr")), counts


def test_every_check_is_in_the_gold_set():
    labelled = {check for _, labels, _ in found() for check in labels}
    assert labelled == set(SENTENCE_CHECKS)


def test_the_readme_shows_the_table():
    assert table() in (REPO / "README.md").read_text(encoding="utf-8")


if __name__ == "__main__":
    print(table())
