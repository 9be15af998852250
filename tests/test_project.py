"""Project.catalogues: the one walk over (document, language) catalogues."""

from l10n_pipeline.project import CatalogueRef

CONFIG = """
[tool.l10n]
source_language = "en"
languages = ["fr", "ru", "ar"]

[tool.l10n.mt]
provider = "none"
"""


def _walk(catalogues: list[CatalogueRef]) -> list[tuple[str, str, str]]:
    return [(c.document.key, c.language, c.name) for c in catalogues]


def test_every_translatable_document_in_its_own_languages_in_key_order(make_project):
    project = make_project({
        "source/b.md": "---\nlanguages: [ar, fr]\n---\nB.\n",
        "source/a.md": "A.\n",
        "source/c.md": "---\ntranslate: false\n---\nC.\n",
        "source/d.md": "---\nlang: fr\n---\nD.\n",
    }, CONFIG)
    assert _walk(list(project.catalogues())) == [
        ("a", "fr", "translations/fr/a.po"), ("a", "ru", "translations/ru/a.po"),
        ("a", "ar", "translations/ar/a.po"),
        ("b", "ar", "translations/ar/b.po"), ("b", "fr", "translations/fr/b.po"),
        ("d", "en", "translations/en/d.po"), ("d", "ru", "translations/ru/d.po"),
        ("d", "ar", "translations/ar/d.po")]
    assert _walk(list(project.catalogues(("fr",), project.select(["a", "b"])))) == [
        ("a", "fr", "translations/fr/a.po"), ("b", "fr", "translations/fr/b.po")]
    assert [c.document.key for c in project.catalogues(("ru",), untranslated=True)] == \
        ["a", "c", "d"]


def test_a_catalogue_reference_reads_its_file(make_project):
    project = make_project({"source/a.md": "A.\n"}, CONFIG)
    catalogue = next(project.catalogues(("fr",)))
    assert catalogue.path == project.po_file(catalogue.document, "fr")
    assert not catalogue.exists()
    catalogue.path.parent.mkdir(parents=True)
    catalogue.path.write_text('msgid "A."\nmsgstr "A."\n', encoding="utf-8")
    assert catalogue.exists() and [e.msgstr for e in catalogue.load()] == ["A."]
