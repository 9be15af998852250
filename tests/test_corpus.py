"""Acceptance on our own corpus: what issue 6 promises coordinators and CI."""

from __future__ import annotations

import pytest

from l10n_pipeline.build import build_project
from l10n_pipeline.checks import run_checks
from l10n_pipeline.cli import main
from l10n_pipeline.gate import evaluate
from l10n_pipeline.report import coverage


def test_release_documents_pass_the_gate(corpus_project):
    assert evaluate(corpus_project).blockers == ()
    assert main(["-C", str(corpus_project.root), "gate"]) == 0


def test_no_check_error_on_our_translations(corpus_project):
    errors = [f for f in run_checks(corpus_project, corpus_project.languages_for(None))
              if f.severity == "error"]
    assert errors == []


def test_about_pages_build_in_french_russian_and_arabic(corpus_project):
    summary = build_project(corpus_project, ("fr", "ru", "ar"),
                            corpus_project.select(["about/**"]))
    written = {(b.document, b.language) for b in summary.builds if b.written}
    assert written == {(doc, lang) for doc in ("about/factsheet", "about/quality-policy",
                                               "about/mission-statement")
                       for lang in ("fr", "ru", "ar")}
    arabic = (corpus_project.root / "build/ar/about/factsheet.md").read_text(encoding="utf-8")
    assert 'dir: "rtl"' in arabic and 'lang: "ar"' in arabic
    assert "# صحيفة وقائع عن ICMPD" in arabic and "ICMPD Factsheet" not in arabic


# documents per target language: every document in each of its languages
DOCUMENTS = {"fr": 18, "ru": 18, "ar": 18, "tr": 17, "en": 1}
REVIEWED = ("fr", "ru", "ar", "tr", "en")


@pytest.mark.parametrize("language", sorted(DOCUMENTS))
def test_every_document_is_translated_in_every_language(corpus_project, language):
    report = coverage(corpus_project, (language,))[language]
    assert len(report.documents) == DOCUMENTS[language]
    assert {doc: t.translated_pct for doc, t in report.documents.items()
            if t.translated_pct != 100.0} == {}


@pytest.mark.parametrize("language", REVIEWED)
def test_every_translation_is_reviewed(corpus_project, language):
    report = coverage(corpus_project, (language,))[language]
    assert {doc: t.reviewed_pct for doc, t in report.documents.items()
            if t.reviewed_pct != 100.0} == {}


def test_a_gate_on_one_language_counts_the_documents_translated_into_it(corpus_project):
    assert evaluate(corpus_project, ["en"]).documents == ("turkiye/icmpd-turkiye",)
    assert "turkiye/icmpd-turkiye" not in evaluate(corpus_project, ["tr"]).documents
    assert len(evaluate(corpus_project).documents) == 18
