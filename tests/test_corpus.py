"""Acceptance on our own corpus: what issue 6 promises coordinators and CI."""

from __future__ import annotations

from l10n_pipeline.build import build_project
from l10n_pipeline.checks import run_checks
from l10n_pipeline.cli import main
from l10n_pipeline.gate import evaluate
from l10n_pipeline.report import coverage


def test_release_documents_pass_the_gate(corpus_project):
    assert evaluate(corpus_project) == []
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


def test_coverage_is_real_and_partial(corpus_project):
    reports = coverage(corpus_project, ("fr", "tr", "en", "ru", "ar"))
    assert reports["en"].documents["turkiye/icmpd-turkiye"].translated_pct == 100.0
    assert reports["fr"].total.translated_pct == 100.0
    assert all(t.translated_pct == 100.0 for t in reports["fr"].documents.values())
    news_tr = [t for key, t in reports["tr"].documents.items() if key.startswith("news/")]
    done = sum(1 for t in news_tr if t.translated_pct == 100.0)
    assert 0 < done < len(news_tr)


def test_arabic_is_fully_translated(corpus_project):
    arabic = coverage(corpus_project, ("ar",))["ar"]
    assert len(arabic.documents) == 18
    assert all(t.translated_pct == 100.0 for t in arabic.documents.values())


def test_russian_is_fully_translated(corpus_project):
    russian = coverage(corpus_project, ("ru",))["ru"]
    assert russian.documents.keys() >= {"turkiye/icmpd-turkiye", "news/2023-01-31-scop-moldova"}
    assert {doc: t.translated_pct for doc, t in russian.documents.items()
            if t.translated_pct != 100.0} == {}
