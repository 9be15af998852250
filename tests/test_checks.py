"""Quality checks: for each check, in each relevant language, a string that passes and
one that fails; flags, config, output formats and exit codes."""

from __future__ import annotations

import json
import re
import time
import shutil
import threading
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


from l10n_pipeline.checks import (REGISTRY, Pair, Placed, TargetCheck, check_catalog,
                                  check_project, check_template, checks_of, run_checks, runner)
from l10n_pipeline.checks.text import numbers
from l10n_pipeline.formats import po_read
from l10n_pipeline.cli import main
from l10n_pipeline.config import ChecksConfig
from l10n_pipeline.checks.shape import repeated_word
from l10n_pipeline.glossary import fold, load_glossary
from l10n_pipeline.lang import language
from l10n_pipeline.project import Project

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = load_glossary(REPO / "glossary.csv")

# (check id, target language, source, passing translation, failing translation)
CASES = [
    ("glossary-term", "fr", "Support for asylum seekers.", "Aide aux demandeurs d'asile.",
     "Aide aux requérants."),
    ("glossary-term", "tr", "Support for refugees.", "Mültecilere destek.", "Göçmenlere destek."),
    ("glossary-term", "ru", "Irregular migration grew.", "Нерегулярная миграция выросла.",
     "Миграция выросла."),
    ("glossary-term", "ar", "Border management in Moldova.", "إدارة الحدود في مولدوفا.",
     "الحدود في مولدوفا."),
    ("glossary-forbidden", "fr", "An irregular migrant.", "Un migrant en situation irrégulière.",
     "Un migrant illégal."),
    ("glossary-forbidden", "ru", "An irregular migrant.", "Мигрант с неурегулированным статусом.",
     "Нелегальный мигрант."),
    ("glossary-forbidden", "ar", "Irregular migrants.", "المهاجرون غير النظاميين.",
     "المهاجرين غير الشرعيين."),
    ("glossary-forbidden", "tr", "An irregular migrant.", "Düzensiz göçmen.", "Kaçak göçmenler."),
    ("glossary-dnt", "fr", "The SCOP project.", "Le projet SCOP.", "Le projet Scop."),
    ("glossary-dnt", "ar", "ICMPD office.", "مكتب ICMPD.", "مكتب المركز."),
    ("urls", "fr", "See https://icmpd.org/a.", "Voir https://icmpd.org/a.",
     "Voir https://icmpd.org/b."),
    ("emails", "ru", "Write to info@icmpd.org.", "Пишите на info@icmpd.org.",
     "Пишите на info@icmpd.com."),
    ("inline-code", "tr", "Run `l10n check` now.", "Şimdi `l10n check` çalıştırın.",
     "Şimdi `l10n kontrol` çalıştırın."),
    ("markdown-links", "fr", "Read [the report](a.pdf).", "Lisez [le rapport](a.pdf).",
     "Lisez [le rapport](b.pdf)."),
    ("markdown-links", "ar", "Read [the report](a.pdf).", "اقرأ [التقرير](a.pdf).",
     "اقرأ التقرير."),
    ("html-tags", "fr", "A <b>bold</b> move.", "Un geste <b>audacieux</b>.",
     "Un geste audacieux</b>."),
    ("emphasis", "fr", "A **bold** move.", "Un geste **audacieux**.", "Un geste **audacieux."),
    ("numbers", "fr", "Founded in 1993 with 19 members.", "Fondé en 1993 avec 19 membres.",
     "Fondé en 1994 avec 19 membres."),
    ("numbers", "ar", "19 members and 1,000 staff in 2023.",
     "١٩ عضوا و١٬٠٠٠ موظف في عام ٢٠٢٣.", "١٩ عضوا في عام ٢٠٢٢."),
    ("numbers", "ru", "It had 1,000 staff.", "В нём было 1 000 сотрудников.",
     "В нём было 100 сотрудников."),
    ("unchanged", "fr", "Capacity building.", "Renforcement des capacités.",
     "Capacity building."),
    ("whitespace", "fr", "Capacity building.", "Renforcement des capacités.",
     " Renforcement des capacités. "),
    ("double-space", "ru", "Capacity building.", "Наращивание потенциала.",
     "Наращивание  потенциала."),
    ("newlines", "tr", "One line.", "Bir satır.", "Bir\nsatır."),
    ("end-punctuation", "ar", "Is it done?", "هل انتهى؟", "هل انتهى"),
    ("end-punctuation", "fr", "Is it done?", "Est-ce fini ?", "Est-ce fini."),
    ("repeated-word", "tr", "The meeting.", "İstanbul toplantısı.",
     "İSTANBUL istanbul toplantısı."),
    ("repeated-word", "fr", "The meeting.", "La réunion.", "La la réunion."),
    ("length-ratio", "fr", "The workshop gathered representatives of public authorities.",
     "L'atelier a réuni des représentants des autorités publiques.", "L'atelier."),
    ("script", "ru", "The workshop gathered representatives of public authorities.",
     "Семинар собрал представителей государственных органов.",
     "The workshop gathered representatives of public bodies."),
    ("script", "ar", "The workshop gathered representatives.",
     "جمعت ورشة العمل ممثلين عن السلطات العامة.",
     "The workshop gathered some representatives."),
    ("mixed-script", "ru", "The migration office.", "Миграционная служба.",
     "Миgрационная служба."),
    ("mixed-script", "fr", "The office.", "Le bureau.", "Le burеau."),  # Cyrillic е
    ("bidi-override", "ar", "Save now.", "احفظ الآن.", "احفظ \u202eالآن."),
    ("bidi-override", "fr", "Save now.", "Enregistrez.", "Enregistrez \u202dmaintenant."),
    ("bidi-unbalanced", "ar", "The ICMPD office.", "مكتب \u2067ICMPD\u2069.",
     "مكتب \u2067ICMPD."),
    ("bidi-unbalanced", "ar", "The ICMPD office.", "مكتب \u202aICMPD\u202c.",
     "مكتب \u202cICMPD."),
    ("bidi-controls", "fr", "The office.", "Le bureau.", "Le \u202bbureau\u202c."),
    ("bidi-isolate", "ar", "They said “Migrants matter!” at ICMPD.",
     "قالوا «\u2068Migrants matter!\u2069» في ICMPD.", "قالوا «Migrants matter!» في ICMPD."),
    ("bidi-controls", "ar", "ICMPD fact sheet", "صحيفة وقائع عن ICMPD",
     "صحيفة وقائع عن ICMPD\u200f"),
    ("rtl-punctuation", "ar", "Founded in 1993, it grew.", "تأسس في 1993، ونما.",
     "تأسس في 1993, ونما."),
    ("rtl-punctuation", "ar", "Is it ICMPD?", "هل هو ICMPD؟", "هل هو ICMPD?"),
    ("numbers", "ar", "It celebrated its 25th anniversary in 2018.",
     "واحتفلت بذكرى تأسيسها الخامسة والعشرين في عام 2018.",
     "واحتفلت بذكرى تأسيسها في عام 2018."),
    ("numbers", "ar", "It became the 17th Member State.",
     "أصبحت الدولة العضو السابعة عشرة.", "أصبحت الدولة العضو."),
    ("numbers", "ru", "It became the 17th Member State.",
     "Она стала семнадцатым государством-членом.", "Она стала государством-членом."),
    ("numbers", "tr", "Its 25th anniversary.", "Yirmi beşinci yıl dönümü.", "Yıl dönümü."),
    ("numbers", "fr", "Migration in the 1990s.", "La migration dans les années 90.",
     "La migration dans les années passées."),
    ("fr-spacing", "fr", "Its mandate is to:", "Son mandat consiste à\u00a0:",
     "Son mandat consiste à :"),
    ("fr-spacing", "fr", "Why?", "Pourquoi\u202f?", "Pourquoi?"),
    ("fr-quotes", "fr", 'The "Budapest Process".', "Le «\u00a0Processus de Budapest\u00a0».",
     'Le "Processus de Budapest".'),
    ("ru-quotes", "ru", 'The "Budapest Process".', "«Будапештский процесс».",
     '"Будапештский процесс".'),
    ("ru-dash", "ru", "Migration is a process.", "Миграция — это процесс.",
     "Миграция - это процесс."),
    ("tr-apostrophe", "tr", "A visit to Moldova.", "Moldova’ya ziyaret.", "Moldova'ya ziyaret."),
    ("en-dates", "en", "09.03.2017 tarihli karar", "the decision dated 09.03.2017",
     "the decision dated 9 March 2017"),
    ("rtl-punctuation", "ar", "Is it done?", "هل انتهى؟", "هل انتهى?"),
    ("rtl-punctuation", "ar", "Yes, done.", "نعم، انتهى.", "نعم, انتهى."),
    ("rtl-brackets", "ar", "Save (now).", "احفظ (الآن).", "احفظ )الآن(."),
    ("arabic-presentation-forms", "ar", "Migration.", "الهجرة.", "ﺍﻟﻬﺠﺮﺓ."),
    ("tatweel", "ar", "Migration.", "الهجرة.", "الهــجرة."),
    ("mixed-digits", "ar", "In 2022 and 2023.", "في ٢٠٢٢ و٢٠٢٣.", "في ٢٠٢٢ و2023."),
]


def run(check_id: str, lang: str, source: str, target: str) -> list[str]:
    source_lang = "en"
    return list(REGISTRY[check_id].run(Pair(source, target, source_lang, lang, GLOSSARY)))


@pytest.mark.parametrize("check_id, lang, source, good, bad", CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_pass_and_fail(check_id, lang, source, good, bad):
    assert run(check_id, lang, source, good) == []
    assert run(check_id, lang, source, bad) != []

    for text in (good, bad):  # the cheap pre-filter lets through every pair that fails
        pair = Pair(source, text, "en", lang, GLOSSARY)
        assert REGISTRY[check_id].relevant(pair) or run(check_id, lang, source, text) == []


# Text made of what the checks look for: markup, digits of three systems, bidi
# controls, scripts, brackets, white space.
check_text = st.lists(st.one_of(
    st.sampled_from(list("abcдеجم AZ,.;?!:()[]{}<>*_`@/\n\t0123٠١٢۰۱\u0640«»\"“”„-–—'’ʼ"
                         "\u00a0\u202f"
                         "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                         "\u2066\u2067\u2068\u2069\ufe8d")),
    st.sampled_from(["https://x.org/a", "a@b.org", "`x`", "](u)", "<b>", "</b>", "  ",
                     "**", "migration", "illegal migrant", "ICMPD", "asile"])),
    max_size=40).map("".join)


# Every style a project can choose (a check's triggers must hold for each).
STYLES = [ChecksConfig(), ChecksConfig(french_space="narrow", french_quotes="“”",
                                       russian_quotes="„“", russian_dash="–",
                                       turkish_apostrophe="'")]


@settings(max_examples=300, deadline=None)
@given(check_text, check_text, st.sampled_from(["fr", "ru", "ar", "tr"]),
       st.sampled_from(STYLES))
def test_a_check_skipped_as_irrelevant_would_have_found_nothing(source, target, lang, style):
    pair = Pair(source, target, "en", lang, GLOSSARY, style)
    for check in checks_of(TargetCheck, lang):
        if not check.relevant(pair):
            assert list(check.run(pair)) == [], check.id


def test_every_target_check_has_a_case():
    covered = {case[0] for case in CASES}
    assert covered == {c.id for c in REGISTRY.values() if isinstance(c, TargetCheck)}


def test_numbers_normalise_digits_and_separators():
    assert numbers("1,000 and ١٬٠٠٠ and 1 000 and 1.000 and ۱۰۰۰") == {"1000": 5}
    assert numbers("2 and ٢") == {"2": 2}  # pofilter calls these different numbers
    assert numbers("11-18 November 2022") == {"11": 1, "18": 1, "2022": 1}


def test_check_metadata_is_complete():
    for check in REGISTRY.values():
        assert check.id and check.severity in ("error", "warning") and check.description


FIXTURE_SOURCE = "# Asylum seekers\n\nSee [the report](a.pdf) on 1,000 refugees.\n\n" \
                 "Illegal migrants arrived.\n\nThe SCOP project.\n"


def _po(lang: str, translations: dict[str, tuple[str, list[str]]]) -> str:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for msgid, (msgstr, flags) in translations.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=flags))
    return po.__unicode__()


@pytest.fixture
def fixture_project(make_project):
    project = make_project({"source/doc.md": FIXTURE_SOURCE})
    shutil.copy(REPO / "glossary.csv", project.root / "glossary.csv")
    main(["-C", str(project.root), "extract"])
    main(["-C", str(project.root), "update"])
    entries = {
        "fr": {"Asylum seekers": ("Demandeurs d'asile", []),
               "See [the report](a.pdf) on 1,000 refugees.":
                   ("Voir [le rapport](b.pdf) sur 1 000 réfugiés.", []),
               "Illegal migrants arrived.": ("Des migrants illégaux sont arrivés.", ["fuzzy"]),
               "The SCOP project.": ("Le projet SCOP.", [])},
        "ru": {"Asylum seekers": ("Asylum seekers", ["ignore-unchanged", "ignore-script",
                                                      "ignore-glossary-term"]),
               "The SCOP project.": ("Проект SCOP.", [])},
        "ar": {"See [the report](a.pdf) on 1,000 refugees.":
                   ("انظر [التقرير](a.pdf) عن ١٬٠٠٠ لاجئ\u202e.", []),
               "The SCOP project.": ("مشروع )SCOP(.", [])},
        "tr": {"Asylum seekers": ("SIĞINMACILAR", [])},
    }
    for lang, translations in entries.items():
        (project.root / f"translations/{lang}/doc.po").write_text(_po(lang, translations),
                                                                   encoding="utf-8")
    return project


def test_check_json_snapshot(fixture_project, capsys, data_regression):
    assert main(["-C", str(fixture_project.root), "check", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    for finding in findings:
        assert set(finding) == {"file", "line", "language", "msgid", "check", "severity",
                                "message"}
    data_regression.check(findings)


def test_ignore_flag_and_config_disable(fixture_project, capsys):
    main(["-C", str(fixture_project.root), "check", "--lang", "ru", "--format", "json"])
    assert json.loads(capsys.readouterr().out) == []  # silenced by ignore-* flags
    pyproject = fixture_project.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n[tool.l10n.checks]\ndisable = "
                         '["markdown-links", "glossary-forbidden", "glossary-forbidden-source",'
                         ' "glossary-term"]\n')
    assert main(["-C", str(fixture_project.root), "check", "--lang", "fr"]) == 0


def test_github_annotations(fixture_project, capsys):
    main(["-C", str(fixture_project.root), "check", "--lang", "ar", "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("::error file=translations/ar/doc.po,line=") and
               "bidi-override" in line for line in lines)


def test_list(capsys, make_project):
    project = make_project({})
    assert main(["-C", str(project.root), "check", "--list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {row["check"] for row in listed} == set(REGISTRY)


def test_exit_codes(fixture_project, capsys):
    assert main(["-C", str(fixture_project.root), "check", "--lang", "tr"]) == 0  # warnings
    assert main(["-C", str(fixture_project.root), "check", "--lang", "ar"]) == 1
    assert main(["-C", str(fixture_project.root), "check", "--lang", "xx"]) == 2
    (fixture_project.root / "translations/tr/doc.po").write_text('msgid "a\n', encoding="utf-8")
    assert main(["-C", str(fixture_project.root), "check"]) == 2


def test_untranslated_entries_are_not_checked():
    po = polib.pofile('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      'msgid "Hello."\nmsgstr ""\n')
    assert check_catalog(po, "en", "ar", GLOSSARY) == []


def _arabic_defects() -> polib.POFile:
    po = polib.POFile()
    for n, (_, lang, source, good, bad) in enumerate(CASES * 3):
        if lang == "ar":
            po.append(polib.POEntry(msgid=f"{source} {n}", msgstr=f"{bad} {n}", linenum=n,
                                    flags=["ignore-numbers"] if n % 2 else []))
    return po


def _start_methods(monkeypatch) -> list[str]:
    """From now on, parallel checking from two entries on, and how each pool of worker
    processes is started."""
    methods: list[str] = []
    real = runner.multiprocessing.get_context
    monkeypatch.setattr(runner.multiprocessing, "get_context",
                        lambda method: methods.append(method) or real(method))
    monkeypatch.setattr(runner, "PARALLEL_FROM", 2)
    return methods


def test_a_large_catalogue_checked_in_parallel_gives_the_same_findings(monkeypatch):
    po = _arabic_defects()
    serial = check_catalog(po, "en", "ar", GLOSSARY, file="x.po")
    methods = _start_methods(monkeypatch)
    assert check_catalog(po, "en", "ar", GLOSSARY, file="x.po") == serial
    assert methods == ["fork"]  # on Linux: the entries are not pickled
    assert len({f.check for f in serial}) > 5


def test_beside_another_thread_the_workers_are_fresh_interpreters(monkeypatch):
    """A forked child of a process with threads (a server) could inherit a lock another
    thread held: there the workers are spawned, sent the entries pickled, as on macOS
    and Windows."""
    po = _arabic_defects()
    serial = check_catalog(po, "en", "ar", GLOSSARY, file="x.po")
    methods = _start_methods(monkeypatch)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert check_catalog(po, "en", "ar", GLOSSARY, file="x.po") == serial
    finally:
        release.set()
        thread.join()
    assert methods == ["spawn"]


def _streamed(monkeypatch) -> list[str]:
    """From now on, a catalogue is checked while it is read, each of its rows sent to
    the workers alone; what happens, in order: "sent" for each part sent, "read NAME"
    when a file has been read."""
    events: list[str] = []
    real_submit, real_load = runner._Workers.submit, runner.load_po
    monkeypatch.setattr(runner._Workers, "submit",
                        lambda self, item: events.append("sent") or real_submit(self, item))
    monkeypatch.setattr(runner, "load_po",
                        lambda path, *rest: (real_load(path, *rest),
                                             events.append(f"read {path.name}"))[0])
    monkeypatch.setattr(runner, "PARALLEL_FROM", 0)
    monkeypatch.setattr(runner, "_BYTES_PER_ENTRY", 10 ** 9)  # parts of one row
    monkeypatch.setattr(po_read, "PART", 2)
    return events


@pytest.mark.parametrize("irregular", [False, True], ids=["regular", "polib takes over"])
def test_a_large_catalogue_checked_while_it_is_read_gives_the_same_findings(
        fixture_project, monkeypatch, irregular):
    root = fixture_project.root
    path = root / "translations/ar/doc.po"
    _arabic_defects().save(str(path))
    if irregular:  # found late: the parts already sent are forgotten
        text = path.read_text(encoding="utf-8").split("\n\n")
        text[-3] = "#:\n" + text[-3]
        path.write_text("\n\n".join(text), encoding="utf-8")
    project = Project.at(root)
    serial = run_checks(project, ("ar",))
    assert len({f.check for f in serial}) > 5
    shutil.rmtree(root / ".l10n-cache")
    methods = _start_methods(monkeypatch)
    events = _streamed(monkeypatch)
    assert run_checks(project, ("ar",)) == serial
    assert methods == ["fork"]  # in worker processes
    rows = len(_arabic_defects())  # each translated
    if irregular:  # those before the irregular line, then all again
        assert rows + 10 < events.count("sent") < 2 * rows
    else:  # while the rest was read
        assert events.count("sent") == rows and events.index("read doc.po") == rows + 1


def test_a_broken_catalogue_checked_while_it_is_read_is_a_clear_error(fixture_project,
                                                                      monkeypatch, capsys):
    root = fixture_project.root
    path = root / "translations/ar/doc.po"
    _arabic_defects().save(str(path))
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    first = polib.pofile(str(path))[0].msgid
    path.write_text(text + f'\nmsgid "{first}"\nmsgstr "x"\n', encoding="utf-8")
    events = _streamed(monkeypatch)
    capsys.readouterr()
    assert main(["-C", str(root), "check", "--lang", "ar"]) == 2
    err = capsys.readouterr().err
    assert f"translations/ar/doc.po:{lines + 2}: duplicate message definition" in err
    assert "Traceback" not in err and "sent" in events


def test_files_checked_in_parallel_give_the_same_findings(fixture_project, monkeypatch):
    root = fixture_project.root
    shutil.copy(root / "source/doc.md", root / "source/other.md")
    main(["-C", str(root), "extract"])
    main(["-C", str(root), "update"])
    for lang in ("fr", "ru", "ar", "tr"):
        shutil.copy(root / f"translations/{lang}/doc.po", root / f"translations/{lang}/other.po")
    project = Project.at(root)
    languages = project.languages_for(None)
    serial = run_checks(project, languages)
    shutil.rmtree(root / ".l10n-cache")
    monkeypatch.setattr(runner, "PARALLEL_FROM", 0)
    assert run_checks(project, languages) == serial
    assert {f.file for f in serial} >= {"translations/ar/doc.po", "translations/ar/other.po"}
    monkeypatch.setattr(runner, "_check_files", None)  # now all cached: nothing checked
    assert run_checks(project, languages) == serial


def test_a_broken_file_checked_in_parallel_is_a_clear_error(fixture_project, monkeypatch,
                                                            capsys):
    root = fixture_project.root
    shutil.copy(root / "source/doc.md", root / "source/other.md")
    main(["-C", str(root), "extract"])
    main(["-C", str(root), "update"])
    (root / "translations/ru/other.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "a\n',
                                                  encoding="utf-8")
    monkeypatch.setattr(runner, "PARALLEL_FROM", 0)
    capsys.readouterr()
    assert main(["-C", str(root), "check"]) == 2
    err = capsys.readouterr().err
    assert "translations/ru/other.po:4" in err and "Traceback" not in err


def _check_seconds(token: str, lang: str) -> float:
    po = polib.POFile()
    po.append(polib.POEntry(msgid=f"Write to info@icmpd.org {token}", linenum=1,
                            msgstr=f"{token} info@icmpd.org"))
    start = time.perf_counter()
    check_catalog(po, "en", lang, GLOSSARY)
    check_template(po, "en", GLOSSARY, frozenset(), "x.pot")
    return time.perf_counter() - start


def test_a_1_mb_token_is_checked_in_linear_time():
    """The shapes that made the e-mail and domain patterns quadratic (a 40 KB token took
    12-22 s): dots, hyphens, at signs, digits, quotes and both scripts in one token."""
    unit = "a.b-c@1«d!ب"
    small, large = (unit * (size // len(unit)) for size in (100_000, 1_000_000))
    ten_times = _check_seconds(large, "ar")  # Arabic: every check, bidi and Arabic ones too
    assert ten_times < 60 and ten_times < 30 * max(_check_seconds(small, "ar"), 0.05)


def test_typography_styles_follow_the_configuration():
    pair = Pair("A visit to Moldova.", "Moldova'ya ziyaret.", "en", "tr", GLOSSARY,
                ChecksConfig(turkish_apostrophe="'"))
    assert list(REGISTRY["tr-apostrophe"].run(pair)) == []
    pair.target = "Moldova’ya ziyaret."
    assert list(REGISTRY["tr-apostrophe"].run(pair)) == [
        "apostrophe before a suffix is written \"'\" in this project: \"Moldova'ya ziyaret.\""]
    narrow = Pair("Why?", "Pourquoi\u00a0?", "en", "fr", GLOSSARY,
                  ChecksConfig(french_space="narrow"))
    assert list(REGISTRY["fr-spacing"].run(narrow)) == [
        "no-break spaces missing around French punctuation: 'Pourquoi\\u202f?'"]
    en_dash = Pair("Migration is a process.", "Миграция — это процесс.", "en", "ru", GLOSSARY,
                   ChecksConfig(russian_dash="–"))
    assert check_catalog(_catalogue(en_dash), "en", "ru", GLOSSARY,
                         settings=en_dash.settings)[0].message == "dash: 'Миграция – это процесс.'"


def test_a_check_of_the_translation_alone_is_triggered_by_the_translation_alone():
    """Quotes in the source, none in the translation: the French quotes check is not run
    (and the runner agrees with ``relevant``)."""
    pair = Pair('The "Budapest Process".', "Le «\u00a0Processus de Budapest\u00a0».", "en",
                "fr", GLOSSARY)
    assert not REGISTRY["fr-quotes"].relevant(pair) and '"' in pair.characters
    straight = Pair(pair.source, 'Le "Processus de Budapest".', "en", "fr", GLOSSARY)
    assert REGISTRY["fr-quotes"].relevant(straight)
    assert [f.check for f in check_catalog(_catalogue(pair), "en", "fr", GLOSSARY)] == []
    assert "fr-quotes" in [f.check for f in check_catalog(_catalogue(straight), "en", "fr",
                                                          GLOSSARY)]


def _catalogue(pair: Pair) -> polib.POFile:
    po = polib.POFile()
    po.append(polib.POEntry(msgid=pair.source, msgstr=pair.target))
    return po


def test_an_unknown_typography_style_is_a_configuration_error(make_project, capsys):
    project = make_project({})
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '\n[tool.l10n.checks]\nfrench_space = "wide"\n')
    assert main(["-C", str(project.root), "check"]) == 2
    assert "french_space" in capsys.readouterr().err


def test_consistency_is_checked_across_documents(fixture_project, capsys):
    root = fixture_project.root
    shutil.copy(root / "source/doc.md", root / "source/other.md")
    main(["-C", str(root), "extract"])
    main(["-C", str(root), "update"])
    text = (root / "translations/fr/doc.po").read_text(encoding="utf-8")
    (root / "translations/fr/other.po").write_text(
        text.replace("Demandeurs d'asile", "Requérants d'asile"), encoding="utf-8")
    capsys.readouterr()
    main(["-C", str(root), "check", "--lang", "fr", "--format", "json"])
    found = [f for f in json.loads(capsys.readouterr().out)
             if f["check"] == "inconsistent-translation"]
    assert {(f["file"], f["msgid"]) for f in found} == {
        ("translations/fr/doc.po", "Asylum seekers"),
        ("translations/fr/other.po", "Asylum seekers")}
    assert "Requérants d'asile" in next(f["message"] for f in found
                                         if f["file"] == "translations/fr/doc.po")


def test_a_translation_shared_by_thousands_of_sources_is_reported_in_linear_time():
    """Each entry of a conflicting group used to be compared with the whole group (4,000
    entries sharing one translation: 16 million comparisons, most of a minute)."""
    entries = [Placed("a.po", line, f"Source number {line}", "Même traduction")
               for line in range(1, 4001)]
    start = time.perf_counter()
    found = check_project({"fr": entries})
    assert time.perf_counter() - start < 5
    assert len(found) == 4000 and {f.check for f in found} == {"inconsistent-source"}
    assert found[0].message == (
        "the same translation stands for other sources: 'Source number 2' (a.po:2); "
        "'Source number 3' (a.po:3); 'Source number 4' (a.po:4); 'Source number 5' "
        "(a.po:5); and 3995 more")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "é", " ", "  ", "\u00a0", "\u202f", "\u2009", "\t",
                                 "\n", "\u3000", "\x1c", "\u200b", ":", "«"]),
                max_size=12).map("".join))
def test_consistency_normalises_white_space_as_splitting_does(text):
    """The quick paths of the consistency checks' white space give what splitting
    at white space and joining with one space gives."""
    from l10n_pipeline.checks.consistency import _normal

    assert _normal(text) == " ".join(text.split())


@settings(max_examples=500, deadline=None)
@given(check_text)
def test_french_spacing_is_only_skipped_where_nothing_needs_fixing(text):
    from l10n_pipeline.checks.typography import _FR_CANDIDATE, fix_french_spacing

    if _FR_CANDIDATE.search(text) is None:
        assert fix_french_spacing(text) == text


# What "a word written twice" meant as one pattern over the whole text, before the check
# compared neighbouring runs instead: the runs must find exactly what it found.
_DOUBLED = re.compile(r"(?<!\w)([^\W\d_]\w*+)\s+\1(?!\w)", re.IGNORECASE)


def _repeated_by_pattern(text: str, lang: str) -> str | None:
    rules = language(lang).rules
    if rules.dotted_i:
        text = fold(text, lang)
    for match in _DOUBLED.finditer(text):
        if match.group(1).casefold() not in rules.doubles:
            return fold(match.group(1), lang)
    return None


doubled_text = st.lists(st.one_of(
    st.sampled_from(list("aAéÉ1_-'’.,( \n\t\u00a0\u2000\u3000\u0301İiIıΣσςßſKk")),
    st.sampled_from(["la", "La", "LA", "nous", "Nous", "ΟΔΟΣ", "οδοσ", "istanbul", "İSTANBUL",
                     "the", "The", "had", "12", "x_y", "l’asile", "asile"])),
    max_size=30).map("".join)


@settings(max_examples=2000, deadline=None)
@given(doubled_text, st.sampled_from(["en", "fr", "tr", "ru"]))
def test_a_repeated_word_is_what_the_pattern_over_the_whole_text_finds(text, lang):
    assert repeated_word(text, lang) == _repeated_by_pattern(text, lang)


def test_a_repeated_word_is_found_in_the_corpus_as_the_pattern_finds_it():
    texts = [(e.msgstr, po.metadata.get("Language") or path.parent.name)
             for path in (REPO / "translations").rglob("*.po")
             for po in [polib.pofile(str(path))] for e in po if e.msgstr]
    texts += [(text.replace(" ", " " + word + " ", 1), lang) for text, lang in texts[:200]
              for word in (text.split() or ["x"])[:1]]  # a first word written twice
    assert any(_repeated_by_pattern(text, lang) for text, lang in texts)
    assert [repeated_word(t, lang) for t, lang in texts] == \
        [_repeated_by_pattern(t, lang) for t, lang in texts]


def test_letters_are_compared_as_a_pattern_ignoring_case_compares_them():
    """Each letter's simple lowercase (what ``re.IGNORECASE`` compares a repeated group
    by), for every code point."""
    import _sre

    from l10n_pipeline.checks.shape import _caseless

    letters = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    assert all(_caseless(letter) == chr(_sre.unicode_tolower(ord(letter)))
               for letter in letters)
    # A word without "İ" or "Σ" is lowered whole: every other letter lowers to one.
    assert {letter for letter in letters if len(letter.lower()) != 1} == {"İ"}
    assert _caseless("ΟΔΟΣ İ") == "οδοσ i" and _caseless("Ab") == "ab"
