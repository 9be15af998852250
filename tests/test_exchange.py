"""XLIFF, TMX and TBX in and out: schemas, statuses, inline codes, import semantics, a
CAT tool's round trip, and translate-toolkit reading what we write (GPL: tests only)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from l10n_pipeline.cli import main
from l10n_pipeline.files import load_po, save_po
from l10n_pipeline.formats import inline, tbx, tmx, xliff
from l10n_pipeline.model import (PREFILL_TAG, REVIEW_TAG, Status, entry_hash, entry_status,
                                 set_tagged_line, tagged_lines)
from l10n_pipeline.report import coverage
from l10n_pipeline.review import sign

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"x": xliff.NS_12}

SOURCE = """\
---
title: Asylum in Vienna
---

# Asylum in Vienna

See [the **annual** report](https://example.org/r.pdf "The report") and run `l10n check`.

Machines filled this sentence.

This one is fuzzy.

This one is translated.

This one is reviewed.
"""


class _LocalXmlXsd(etree.Resolver):
    """The W3C schema of the xml: attributes, which both XLIFF schemas import, from
    tests/schemas instead of the network."""

    def resolve(self, url, pubid, context):
        if url.endswith("xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xliff-2.1/informativeCopiesOf3rdParty"
                                             "Schemas/w3c/xml.xsd"), context)
        return None


def _schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


@pytest.fixture(scope="module")
def schema_12() -> etree.XMLSchema:
    return _schema("xliff-1.2/xliff-core-1.2-strict.xsd")


@pytest.fixture(scope="module")
def schema_21() -> etree.XMLSchema:
    return _schema("xliff-2.1/xliff_core_2.0.xsd")


def valid(schema: etree.XMLSchema, xml: bytes | Path) -> None:
    schema.assertValid(etree.fromstring(xml) if isinstance(xml, bytes) else etree.parse(str(xml)))


def run(project, *args: str) -> int:
    return main(["-C", str(project.root), *args])


def prepared(make_project):
    """news/a in fr: one entry in each status (the first two untranslated)."""
    project = make_project({"source/news/a.md": SOURCE},
                           config='[tool.l10n]\nlanguages = ["fr", "ar"]\n'
                                  '[tool.l10n.mt]\nprovider = "none"\n')
    assert run(project, "extract") == 0 and run(project, "update") == 0
    path = project.root / "translations/fr/news/a.po"
    po = load_po(path)
    by_id = {e.msgid: e for e in po if e.msgid}
    machine = by_id["Machines filled this sentence."]
    machine.msgstr = "Des machines ont rempli cette phrase."
    machine.flags.append("fuzzy")
    set_tagged_line(machine, PREFILL_TAG, f"mt:test h={entry_hash(machine)}")
    fuzzy = by_id["This one is fuzzy."]
    fuzzy.msgstr, fuzzy.flags = "Celle-ci est floue.", ["fuzzy"]
    by_id["This one is translated."].msgstr = "Celle-ci est traduite."
    reviewed = by_id["This one is reviewed."]
    reviewed.msgstr = "Celle-ci est relue."
    sign(reviewed, "Ana", date(2026, 1, 1))
    save_po(po, path)
    return project, path


def statuses(path: Path) -> dict[str, Status]:
    return {e.msgid: entry_status(e) for e in load_po(path) if e.msgid and not e.obsolete}


def export(project, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / f"out-{len(list(tmp_path.glob('out-*')))}.xlf"
    assert run(project, "export", "xliff", "--lang", "fr", "-o", str(out), *args) == 0
    return out


# -- inline codes ----------------------------------------------------------------------------

def test_inline_markdown_becomes_codes():
    pieces = inline.parse('See [the **annual** report](https://e.org/r "T") and `x` <br> '
                          '<a href="#">here</a> *now* <https://e.org> ![i](p.png)')
    assert pieces[0] == "See "
    link = pieces[1]
    assert isinstance(link, inline.Pair) and (link.open, link.close) == ("[", '](https://e.org/r "')
    assert link.children[1] == inline.Pair("2", "strong", "**", "**", ("annual",))
    assert pieces[2] == "T" and pieces[3] == inline.Code("3", "link-end", '")')
    kinds = [p.kind for p in pieces if not isinstance(p, str)]
    assert kinds == ["link", "link-end", "code", "html", "html", "emphasis", "autolink", "image"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab *_`[]()<>/!\\\"=\n:@.") + ["a href", "br"]),
                max_size=40).map("".join))
def test_inline_parse_is_a_partition(text):
    assert inline.render(inline.parse(text)) == text


# -- statuses and schemas -------------------------------------------------------------------

UNITS = [xliff.Unit("u1", "One [link](x) here.", "", Status.UNTRANSLATED),
         xliff.Unit("u2", "Two.", "Deux.", Status.MACHINE, "mt"),
         xliff.Unit("u3", "Three.", "Trois.", Status.MACHINE, "memory"),
         xliff.Unit("u4", "Four **b**.", "Quatre **b**.", Status.FUZZY, notes=(("check", "x"),)),
         xliff.Unit("u5", "Five `c`.", "Cinq `c`.", Status.TRANSLATED),
         xliff.Unit("u6", "Six <br> six.", "Six <br> six.", Status.REVIEWED)]


def test_status_mapping_both_ways_in_1_2(schema_12):
    data = xliff.write([xliff.Document("news/a", "en", "fr", tuple(UNITS))], "1.2")
    valid(schema_12, data)
    with pytest.raises(etree.DocumentInvalid):  # the schema does say no
        valid(schema_12, data.replace(b'state="new"', b'state="done"'))
    root = etree.fromstring(data)
    states = [(t.get("state"), t.get("state-qualifier")) for t in root.iterfind(".//x:target", NS)]
    assert states == [("new", None), ("needs-translation", "leveraged-mt"),
                      ("needs-translation", "leveraged-tm"), ("needs-review-translation", None),
                      ("translated", None), ("signed-off", None)]
    assert root.find(".//x:trans-unit[@id='u6']", NS).get("approved") == "yes"
    _, (document,) = xliff.read(data, "t.xlf")
    assert [(u.source, u.target or "", u.status) for u in document.units] == \
        [(u.source, u.target, u.status) for u in UNITS]


def test_status_mapping_both_ways_in_2_1(schema_21):
    data = xliff.write([xliff.Document("news/a", "en", "fr", tuple(UNITS))], "2.1")
    valid(schema_21, data)
    root = etree.fromstring(data)
    segments = [(s.get("state"), s.get("subState"))
                for s in root.iterfind(".//{%s}segment" % xliff.NS_20)]
    assert segments == [("initial", None), ("initial", "l10n:machine-mt"),
                        ("initial", "l10n:machine-memory"), ("initial", "l10n:fuzzy"),
                        ("translated", None), ("reviewed", None)]
    version, (document,) = xliff.read(data, "t.xlf")
    assert version == "2.1"
    assert [(u.source, u.target or "", u.status) for u in document.units] == \
        [(u.source, u.target, u.status) for u in UNITS]


@pytest.mark.parametrize("state, qualifier, expected", [
    ("final", None, Status.REVIEWED), ("needs-translation", "mt-suggestion", Status.MACHINE),
    ("needs-adaptation", None, Status.FUZZY), (None, None, Status.TRANSLATED)])
def test_other_tools_states_read_as_our_statuses(state, qualifier, expected):
    attrs = (f' state="{state}"' if state else "") + \
        (f' state-qualifier="{qualifier}"' if qualifier else "")
    data = (f'<xliff xmlns="{xliff.NS_12}" version="1.2"><file original="a" source-language="en" '
            f'target-language="fr" datatype="plaintext"><body><trans-unit id="u"><source>A'
            f'</source><target{attrs}>B</target></trans-unit></body></file></xliff>').encode()
    assert xliff.read(data, "t.xlf")[1][0].units[0].status is expected


def test_codes_in_1_2_and_2_1_carry_the_markdown(make_project, tmp_path):
    project, _ = prepared(make_project)
    root = etree.parse(str(export(project, tmp_path))).getroot()
    unit = next(u for u in root.iterfind(".//x:trans-unit", NS)
                if "report" in "".join(u.find("x:source", NS).itertext()))
    source = unit.find("x:source", NS)
    assert [(c.tag.split("}")[1], c.get("id"), c.get("equiv-text")) for c in source] == [
        ("bpt", "1", "["), ("bpt", "2", "**"), ("ept", "2", "**"),
        ("ept", "1", '](https://example.org/r.pdf "'), ("ph", "3", '")'), ("ph", "4", "`l10n check`")]
    assert source.text == "See " and "".join(source.itertext()) == \
        'See [the **annual** report](https://example.org/r.pdf "The report") and run `l10n check`.'
    root = etree.parse(str(export(project, tmp_path, "--version", "2.1"))).getroot()
    ns = {"y": xliff.NS_20}
    unit = next(u for u in root.iterfind(".//y:unit", ns) if u.find("y:originalData", ns) is not None)
    data = {d.get("id"): d.text for d in unit.iterfind("y:originalData/y:data", ns)}
    assert data["d1s"] == "[" and data["d4"] == "`l10n check`"
    pc = unit.find("y:segment/y:source/y:pc", ns)
    assert (pc.get("equivStart"), pc.get("dataRefEnd")) == ("[", "d1e")


def test_notes_and_stable_ids(make_project, tmp_path):
    project, _ = prepared(make_project)
    (project.root / "glossary.csv").write_text("en,fr,type,note\nasylum,asile,term,\n"
                                               "Vienna,,dnt,city\n", encoding="utf-8")
    first = export(project, tmp_path)
    root = etree.parse(str(first)).getroot()
    unit = root.find(".//x:trans-unit", NS)
    notes = [(n.get("from"), n.text) for n in unit.iterfind("x:note", NS)]
    assert ("extracted", "front matter: title; heading") in notes
    assert ("glossary", "asylum = asile") in notes and ("glossary", "Vienna: do not translate") in notes
    # a check finding: the translated title lacks the glossary term
    po_path = project.root / "translations/fr/news/a.po"
    po = load_po(po_path)
    po.find("Asylum in Vienna").msgstr = "Refuge à Vienne"
    save_po(po, po_path)
    root = etree.parse(str(export(project, tmp_path))).getroot()
    unit = root.find(".//x:trans-unit", NS)
    assert any(n.get("from") == "check" and "glossary-term" in n.text
               for n in unit.iterfind("x:note", NS))
    assert unit.get("id") == xliff.unit_id(None, "Asylum in Vienna") == \
        etree.parse(str(first)).getroot().find(".//x:trans-unit", NS).get("id")


def test_exported_files_validate_and_status_filter(make_project, tmp_path, schema_12, schema_21):
    project, _ = prepared(make_project)
    valid(schema_12, export(project, tmp_path))
    valid(schema_21, export(project, tmp_path, "--version", "2.1"))
    only = etree.parse(str(export(project, tmp_path, "--status", "machine,fuzzy"))).getroot()
    assert ["".join(u.find("x:source", NS).itertext()) for u in only.iterfind(".//x:trans-unit", NS)] \
        == ["Machines filled this sentence.", "This one is fuzzy."]
    assert run(project, "export", "xliff", "--status", "done", "--lang", "fr") == 2


# -- import ---------------------------------------------------------------------------------

def snapshot(project) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in (project.root / "translations").rglob("*.po")}


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_export_then_import_changes_no_byte(make_project, tmp_path, version):
    project, _ = prepared(make_project)
    before = snapshot(project)
    for language in ("fr", "ar"):
        out = tmp_path / f"{language}.xlf"
        assert run(project, "export", "xliff", "--lang", language, "--version", version,
                   "-o", str(out)) == 0
        assert run(project, "import", "xliff", str(out)) == 0
    assert snapshot(project) == before


def test_corpus_export_import_is_byte_identical_and_valid(corpus_project, tmp_path, schema_12):
    before = snapshot(corpus_project)
    for language in corpus_project.config.languages:
        out = tmp_path / f"{language}.xlf"
        assert run(corpus_project, "export", "xliff", "--lang", language, "-o", str(out)) == 0
        valid(schema_12, out)
        assert run(corpus_project, "import", "xliff", str(out)) == 0
    assert snapshot(corpus_project) == before


def cat_edit(path: Path, edits: dict[str, tuple[str, str]]) -> None:
    """What a CAT tool does: a new target (XLIFF content: text and the source's codes,
    given by id only) and a new state."""
    tree = etree.parse(str(path))
    for unit in tree.getroot().iterfind(".//x:trans-unit", NS):
        text = "".join(unit.find("x:source", NS).itertext())
        if text not in edits:
            continue
        content, state = edits[text]
        target = unit.find("x:target", NS)
        new = etree.fromstring(f'<target xmlns="{xliff.NS_12}" state="{state}">{content}</target>')
        target.getparent().replace(target, new)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def test_cat_round_trip_shows_new_statuses_in_the_report(make_project, tmp_path, capsys):
    project, path = prepared(make_project)
    out = export(project, tmp_path)
    link = 'See [the **annual** report](https://example.org/r.pdf "The report") and run `l10n check`.'
    cat_edit(out, {"Asylum in Vienna": ("L'asile à Vienne", "translated"),
                   link: ('Voir le <bpt id="1"/>rapport <bpt id="2"/>annuel<ept id="2"/><ept id="1"/>'
                          'Le rapport<ph id="3"/> et lancez <ph id="4"/>.', "translated"),
                   "Machines filled this sentence.": ("Des machines ont rempli cette phrase !",
                                                     "needs-review-translation"),
                   "This one is fuzzy.": ("Celle-ci n'est plus floue.", "translated")})
    capsys.readouterr()
    assert run(project, "import", "xliff", str(out)) == 0
    printed = capsys.readouterr().out
    assert "4 entries applied" in printed
    after = statuses(path)
    assert after["Asylum in Vienna"] is Status.TRANSLATED
    assert after["Machines filled this sentence."] is Status.FUZZY  # a person's draft now
    assert after["This one is fuzzy."] is Status.TRANSLATED
    assert after["This one is reviewed."] is Status.REVIEWED  # untouched, sign-off kept
    entry = load_po(path).find(link)
    # the tags came back as exactly the Markdown they were
    assert entry.msgstr == 'Voir le [rapport **annuel**](https://example.org/r.pdf "Le rapport") ' \
                           'et lancez `l10n check`.'
    assert not tagged_lines(load_po(path).find("Machines filled this sentence."), PREFILL_TAG)
    report = coverage(project, ("fr",))["fr"].total.strings
    assert (report[Status.TRANSLATED], report[Status.FUZZY], report[Status.MACHINE],
            report[Status.REVIEWED]) == (4, 1, 0, 1)


def test_import_checks_what_it_applied(make_project, tmp_path, capsys):
    project, path = prepared(make_project)
    out = export(project, tmp_path)
    cat_edit(out, {"This one is fuzzy.": ("Celle-ci  est traduite. ", "translated")})
    capsys.readouterr()
    assert run(project, "import", "xliff", "--format", "json", str(out)) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    assert data["changes"][0]["after"] == "translated"
    assert {f["check"] for f in data["findings"]} == {"whitespace", "double-space"}
    assert all(f["msgid"] == "This one is fuzzy." for f in data["findings"])


def test_signoff_kept_only_where_its_hash_matches(make_project, tmp_path, capsys):
    project, path = prepared(make_project)
    out = export(project, tmp_path)
    cat_edit(out, {"This one is reviewed.": ("Celle-ci est relue, et changée", "signed-off"),
                   "This one is translated.": ("Celle-ci est traduite.", "signed-off")})
    assert run(project, "import", "xliff", str(out)) == 1  # signed-off units not signed here
    entry = load_po(path).find("This one is reviewed.")
    assert entry_status(entry) is Status.TRANSLATED and not tagged_lines(entry, REVIEW_TAG)
    assert "not signed here" in capsys.readouterr().out
    cat_edit(out, {"This one is translated.": ("Celle-ci est traduite.", "signed-off")})
    assert run(project, "import", "xliff", "--reviewed-by", "Agency", str(out)) == 0
    entry = load_po(path).find("This one is translated.")
    assert entry_status(entry) is Status.REVIEWED and "Agency" in tagged_lines(entry, REVIEW_TAG)[0]


def test_changed_source_is_refused_and_reported(make_project, tmp_path, capsys):
    project, path = prepared(make_project)
    out = export(project, tmp_path)
    cat_edit(out, {"This one is translated.": ("Nouvelle traduction.", "translated"),
                   "This one is fuzzy.": ("Plus floue.", "translated")})
    source = project.root / "source/news/a.md"
    source.write_text(SOURCE.replace("This one is translated.", "This one is translated again."),
                      encoding="utf-8")
    assert run(project, "extract") == 0 and run(project, "update") == 0
    capsys.readouterr()
    assert run(project, "import", "xliff", str(out)) == 1
    printed = capsys.readouterr().out
    assert "its source changed since the export" in printed
    assert statuses(path)["This one is fuzzy."] is Status.TRANSLATED  # the rest applied
    assert load_po(path).find("This one is translated again.").msgstr != "Nouvelle traduction."


@pytest.mark.parametrize("damage, message", [
    (lambda t: t.replace("</body>", ""), "not well-formed XML"),
    (lambda t: t.replace('target-language="fr"', 'target-language="de"'), "target language 'de'"),
    (lambda t: t.replace('source-language="en"', 'source-language="ru"'), "source language 'ru'"),
    (lambda t: t.replace('original="news/a"', 'original="news/b"'), "unknown document"),
    (lambda t: t.replace('id="u', 'id="x', 1), "unknown unit id"),
    (lambda t: t.replace("<?xml version='1.0' encoding='UTF-8'?>",
                         '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                         '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'), "entity declarations"),
])
def test_bad_files_are_one_line_exit_2_nothing_changed(make_project, tmp_path, capsys, damage,
                                                       message):
    project, _ = prepared(make_project)
    good = export(project, tmp_path)
    cat_edit(good, {"This one is fuzzy.": ("Plus floue.", "translated")})
    bad = tmp_path / "bad.xlf"
    bad.write_text(damage(good.read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(project)
    capsys.readouterr()
    assert run(project, "import", "xliff", str(good), str(bad)) == 2  # the good one neither
    error = capsys.readouterr().err
    assert message in error and str(bad) in error and len(error.strip().splitlines()) == 1
    assert snapshot(project) == before


def test_external_entities_are_never_read(make_project, tmp_path, capsys):
    project, _ = prepared(make_project)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    text = export(project, tmp_path).read_text(encoding="utf-8").replace(
        "<?xml version='1.0' encoding='UTF-8'?>",
        f'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY s SYSTEM "file://{secret}">]>')
    bad = tmp_path / "xxe.xlf"
    bad.write_text(text.replace("Celle-ci est traduite.", "&s;"), encoding="utf-8")
    assert run(project, "import", "xliff", str(bad)) == 2
    assert "SECRET" not in (project.root / "translations/fr/news/a.po").read_text(encoding="utf-8")


# -- TMX ------------------------------------------------------------------------------------

def test_tmx_export_is_valid_tmx_1_4b_with_codes(make_project, tmp_path):
    project, _ = prepared(make_project)
    out = tmp_path / "memory.tmx"
    assert run(project, "export", "tmx", "-o", str(out)) == 0
    tree = etree.parse(str(out))
    dtd = etree.DTD(str(SCHEMAS / "tmx-1.4b/tmx14.dtd"))
    assert dtd.validate(tree), dtd.error_log
    units = tmx.read(out.read_bytes(), out)
    assert {u.variants["en"]: u.variants["fr"] for u in units} == {
        "This one is translated.": "Celle-ci est traduite.",
        "This one is reviewed.": "Celle-ci est relue."}


AGENCY_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en-US" srclang="en-US" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>Machines filled this sentence.</seg></tuv>
    <tuv xml:lang="fr-FR"><seg>Les machines ont rempli cette phrase.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>This one is translated.</seg></tuv>
    <tuv xml:lang="fr-FR"><seg>Traduction de l'agence.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>See <bpt i="1">&lt;b&gt;</bpt>this<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
    <tuv xml:lang="de-DE"><seg>Siehe dies.</seg></tuv></tu>
</body></tmx>
"""


def test_outside_memory_prefills_with_provenance_and_never_overrides_ours(make_project, tmp_path,
                                                                         capsys):
    project, path = prepared(make_project)
    po = load_po(path)
    for entry in po:  # the machine and translated texts become open again
        if entry.msgid in ("Machines filled this sentence.", "This one is translated."):
            entry.msgstr, entry.flags, entry.tcomment = "", [], ""
    save_po(po, path)
    agency = tmp_path / "agency.tmx"
    agency.write_text(AGENCY_TMX, encoding="utf-8")
    assert run(project, "import", "tmx", "--format", "json", str(agency)) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary == {"file": "translations/memory/agency.tmx", "units": {"en-fr": 2},
                       "skipped": 1}
    assert run(project, "prefill", "--lang", "fr") == 0
    po = load_po(path)
    filled = po.find("Machines filled this sentence.")
    assert filled.msgstr == "Les machines ont rempli cette phrase."
    assert tagged_lines(filled, PREFILL_TAG)[0].startswith("memory:agency.tmx h=")
    assert entry_status(filled) is Status.MACHINE
    # "This one is translated." has no unit of ours left, so the agency's fills it
    assert po.find("This one is translated.").msgstr == "Traduction de l'agence."
    assert po.find("This one is reviewed.").msgstr == "Celle-ci est relue."


def test_our_units_win_over_outside_memories():
    from l10n_pipeline.memory import TranslationMemory
    outside = TranslationMemory({("en", "fr"): {"A b c.": "Theirs.", "A b c d e.": "Theirs 2."}},
                                origin="agency.tmx")
    ours = TranslationMemory({("en", "fr"): {"A b c.": "Ours."}}, outside=[outside])
    assert ours.lookup("A b c.", "en", "fr", 75).translation == "Ours."
    match = ours.lookup("A b c d e.", "en", "fr", 75)
    assert (match.translation, match.origin) == ("Theirs 2.", "agency.tmx")


# -- TBX ------------------------------------------------------------------------------------

GLOSSARY = """\
en,fr,ar,type,note
asylum seeker,demandeur d'asile|demandeuse d'asile,طالب لجوء,term,EMN; source: EMN Glossary
ICMPD,,,dnt,the acronym stays
illegal migrant,migrant illégal,,forbidden,use irregular migrant
"""

IATE = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>IATE</p></sourceDesc>
</fileDesc></martifHeader><text><body>
<termEntry id="IATE-1"><descripGrp><descrip type="subjectField">migration</descrip></descripGrp>
 <langSet xml:lang="en"><tig><term>asylum seeker</term></tig></langSet>
 <langSet xml:lang="fr"><tig><term>demandeur d'asile</term></tig></langSet></termEntry>
<termEntry id="IATE-2">
 <langSet xml:lang="en"><tig><term>irregular migrant</term>
   <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
  <tig><term>illegal alien</term>
   <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
 <langSet xml:lang="fr"><ntig><termGrp><term>migrant en situation irrégulière</term></termGrp>
  </ntig></langSet>
 <langSet xml:lang="de"><tig><term>irregulärer Migrant</term></tig></langSet></termEntry>
<termEntry id="IATE-3"><langSet xml:lang="fr"><tig><term>sans anglais</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_tbx_export_maps_types_notes_and_sources(make_project, tmp_path):
    project, _ = prepared(make_project)
    (project.root / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    out = tmp_path / "g.tbx"
    assert run(project, "glossary", "export", "--format", "tbx", "-o", str(out)) == 0
    root = etree.parse(str(out)).getroot()
    assert root.get("type") == "TBX-Basic"
    entries = root.findall(".//termEntry")
    statuses_ = [[n.text for n in e.iterfind(".//termNote")] for e in entries]
    assert statuses_[0] == ["preferredTerm-admn-sts", "preferredTerm-admn-sts",
                            "admittedTerm-admn-sts", "preferredTerm-admn-sts"]
    assert statuses_[2] == ["deprecatedTerm-admn-sts"] * 2
    assert [n.text for n in entries[0].iterfind("note")] == ["EMN"]
    assert entries[0].find("admin[@type='source']").text == "EMN Glossary"
    assert [n.text for n in entries[1].iterfind("note")] == ["the acronym stays",
                                                             "Do not translate."]
    assert tbx.read(out.read_bytes(), out) == [
        tbx.Concept({"en": ("asylum seeker",), "fr": ("demandeur d'asile", "demandeuse d'asile"),
                     "ar": ("طالب لجوء",)}, "term", "EMN; source: EMN Glossary"),
        tbx.Concept({"en": ("ICMPD",)}, "dnt", "the acronym stays"),
        tbx.Concept({"en": ("illegal migrant",), "fr": ("migrant illégal",)}, "forbidden",
                    "use irregular migrant")]


def test_iate_import_adds_concepts_without_duplicating_ours(make_project, tmp_path, capsys):
    project, _ = prepared(make_project)
    glossary = project.root / "glossary.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    iate = tmp_path / "iate.tbx"
    iate.write_text(IATE, encoding="utf-8")
    assert run(project, "glossary", "import", "--format", "json", str(iate)) == 0
    assert json.loads(capsys.readouterr().out) == {"file": "glossary.csv", "added": 2,
                                                   "duplicates": 1, "skipped": 1}
    added = glossary.read_text(encoding="utf-8").removeprefix(GLOSSARY).splitlines()
    assert added == ["irregular migrant,migrant en situation irrégulière,,term,source: iate.tbx#IATE-2",
                     "illegal alien,,,forbidden,use: irregular migrant; source: iate.tbx#IATE-2"]
    assert run(project, "glossary", "import", str(iate)) == 0  # a second time: nothing new
    assert glossary.read_text(encoding="utf-8").count("\n") == GLOSSARY.count("\n") + 2


# -- translate-toolkit reads what we write (an oracle; GPL, so tests only) -------------------

def test_translate_toolkit_reads_our_xliff_tmx_and_tbx(make_project, tmp_path):
    from translate.storage import tbx as tt_tbx
    from translate.storage import tmx as tt_tmx
    from translate.storage import xliff as tt_xliff
    from translate.storage import xliff2 as tt_xliff2
    project, _ = prepared(make_project)
    (project.root / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    store = tt_xliff.xlifffile.parsestring(export(project, tmp_path).read_bytes())
    units = {u.source: u for u in store.units}
    assert units["This one is translated."].target == "Celle-ci est traduite."
    assert units["This one is reviewed."].isapproved()
    assert store.gettargetlanguage() == "fr"
    store2 = tt_xliff2.Xliff2File.parsestring(
        export(project, tmp_path, "--version", "2.1").read_bytes())
    assert "Celle-ci est traduite." in [u.target for u in store2.units]
    out = tmp_path / "m.tmx"
    assert run(project, "export", "tmx", "-o", str(out)) == 0
    memory = tt_tmx.tmxfile.parsestring(out.read_bytes())
    assert {(u.source, u.target) for u in memory.units} >= {
        ("This one is translated.", "Celle-ci est traduite.")}
    out = tmp_path / "g.tbx"
    assert run(project, "glossary", "export", "--format", "tbx", "-o", str(out)) == 0
    terms = tt_tbx.tbxfile.parsestring(out.read_bytes())
    assert "asylum seeker" in [u.source for u in terms.units]


def test_one_file_per_language_needs_lang_in_the_output_name(make_project, tmp_path, capsys):
    project, _ = prepared(make_project)
    assert run(project, "export", "xliff") == 2
    assert "choose one with --lang" in capsys.readouterr().err
    assert run(project, "export", "xliff", "-o", str(tmp_path / "{lang}.xlf")) == 0
    assert sorted(p.name for p in tmp_path.glob("*.xlf")) == ["ar.xlf", "fr.xlf"]


@pytest.mark.parametrize("command, text, message", [
    (("import", "tmx"), "<tmx><body><tu>", "not well-formed XML"),
    (("import", "tmx"), '<tmx version="1.4"><body/></tmx>', "no translation unit"),
    (("glossary", "import"), "<martif><text><body><termEntry>", "not well-formed XML"),
    (("glossary", "import"), "<xliff/>", "not a TBX file"),
    (("import", "xliff"), "<tmx/>", "not an XLIFF 1.2 or 2.x file"),
])
def test_bad_memories_and_termbases_are_exit_2(make_project, tmp_path, capsys, command, text,
                                               message):
    project, _ = prepared(make_project)
    (project.root / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    before = snapshot(project), (project.root / "glossary.csv").read_bytes()
    bad = tmp_path / "bad.xml"
    bad.write_text(text, encoding="utf-8")
    assert run(project, *command, str(bad)) == 2
    assert message in capsys.readouterr().err
    assert (snapshot(project), (project.root / "glossary.csv").read_bytes()) == before
    assert not (project.root / "translations/memory").exists()
