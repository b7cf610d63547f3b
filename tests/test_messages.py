"""Messages that name the fix, and causes reported before their consequences.

Tables of inputs and the exact lines the check prints for them: a date in another notation
gets its EDTF spelling, a YAML syntax error the edit that mends it (and the mended text is
checked to read), a near-empty file every field it still needs; a file that cannot be read
is reported once, first, with what fails because of it, and nothing is lost from the files
that can be read.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from macros import dates, load, schema
from macros.corpus import collect
from macros.validate import CITES_NOTHING, Validator

SHORT = "is not a date such as 2007, 2007-08 or 2007-08-16"


# --- dates in another notation ---------------------------------------------------------


@pytest.mark.parametrize(
    "written, message",
    [
        ("15/08/2007", f"'15/08/2007' {SHORT}: write 2007-08-15"),
        ("15.08.2007", f"'15.08.2007' {SHORT}: write 2007-08-15"),
        ("15-08-2007", f"'15-08-2007' {SHORT}: write 2007-08-15"),
        ("08/15/2007", f"'08/15/2007' {SHORT}: write 2007-08-15"),
        ("05/05/2007", f"'05/05/2007' {SHORT}: write 2007-05-05"),
        ("2007/08/15", f"'2007/08/15' {SHORT}: write 2007-08-15"),
        ("2007.08.15", f"'2007.08.15' {SHORT}: write 2007-08-15"),
        ("2007-8-5", f"'2007-8-5' {SHORT}: write 2007-08-05"),
        ("08/2007", f"'08/2007' {SHORT}: write 2007-08"),
        ("August 2007", f"'August 2007' {SHORT}: write 2007-08"),
        ("Aug. 2007", f"'Aug. 2007' {SHORT}: write 2007-08"),
        ("août 2007", f"'août 2007' {SHORT}: write 2007-08"),
        ("Août 2007", f"'Août 2007' {SHORT}: write 2007-08"),
        ("févr. 2008", f"'févr. 2008' {SHORT}: write 2008-02"),
        ("15 August 2007", f"'15 August 2007' {SHORT}: write 2007-08-15"),
        ("August 15, 2007", f"'August 15, 2007' {SHORT}: write 2007-08-15"),
        ("15 août 2007", f"'15 août 2007' {SHORT}: write 2007-08-15"),
        ("le 1er décembre 2006", f"'le 1er décembre 2006' {SHORT}: write 2006-12-01"),
        ("circa 2007", f"'circa 2007' {SHORT}: write 2007~"),
        ("vers 2007", f"'vers 2007' {SHORT}: write 2007~"),
        ("environ août 2007", f"'environ août 2007' {SHORT}: write 2007-08~"),
        ("vers le 15 août 2007", f"'vers le 15 août 2007' {SHORT}: write 2007-08-15~"),
        ("2007 ?", f"'2007 ?' {SHORT}: write 2007?"),
        ("vers 2007 ?", f"'vers 2007 ?' {SHORT}: write 2007%"),
        ("2007-2008", f"'2007-2008' {SHORT}: write 2007/2008"),
        ("2007 – 2008", f"'2007 – 2008' {SHORT}: write 2007/2008"),
        ("vers 2007-2008", f"'vers 2007-2008' {SHORT}: write 2007~/2008~"),
        ("juin-août 2007", f"'juin-août 2007' {SHORT}: write 2007-06/2007-08"),
        ("du 15 au 18 août 2007", f"'du 15 au 18 août 2007' {SHORT}: write 2007-08-15/2007-08-18"),
        ("15-18 August 2007", f"'15-18 August 2007' {SHORT}: write 2007-08-15/2007-08-18"),
        ("between 2006 and 2007", f"'between 2006 and 2007' {SHORT}: write 2006/2007"),
        (
            "05/08/2007",
            f"'05/08/2007' {SHORT}, and its day and month could be either way round: "
            "write 2007-08-05 for 5 August 2007, or 2007-05-08 for 8 May 2007",
        ),
        (
            "circa 05/08/2007",
            f"'circa 05/08/2007' {SHORT}, and its day and month could be either way round: "
            "write 2007-08-05~ for about 5 August 2007, or 2007-05-08~ for about 8 May 2007",
        ),
        ("31/02/2007", f"'31/02/2007' {SHORT}, and in EDTF, '2007-02-31' names a day that does not exist"),
        (
            "mid-2007",
            f"'mid-2007' {SHORT}, and has no EDTF spelling: write the year, 2007, or the months the "
            "article allows as an interval, such as 2007-05/2007-08",
        ),
        (
            "mi-2007",
            f"'mi-2007' {SHORT}, and has no EDTF spelling: write the year, 2007, or the months the "
            "article allows as an interval, such as 2007-05/2007-08",
        ),
        (
            "fin 2007",
            f"'fin 2007' {SHORT}, and has no EDTF spelling: write the year, 2007, or the months the "
            "article allows as an interval, such as 2007-09/2007-12",
        ),
        (
            "début août 2007",
            f"'début août 2007' {SHORT}, and has no EDTF spelling: write the month, 2007-08, or "
            "the days the article allows as an interval, such as 2007-08-01/2007-08-10",
        ),
        (
            "summer 2007",
            f"'summer 2007' {SHORT}, and has no EDTF spelling: write the months it covers as an "
            "interval, 2007-06/2007-08, or the year, 2007",
        ),
        (
            "été 2007",
            f"'été 2007' {SHORT}, and has no EDTF spelling: write the months it covers as an "
            "interval, 2007-06/2007-08, or the year, 2007",
        ),
        (
            "hiver 2007",
            f"'hiver 2007' {SHORT}, and has no EDTF spelling: write the months it covers as an "
            "interval, 2006-12/2007-02 or 2007-12/2008-02, whichever winter the article means, "
            "or the year, 2007",
        ),
        # Nothing is guessed: no year, a year and two digits that may be a month or a second year.
        ("15 août", "'15 août' is not a date such as " + dates.EXAMPLES),
        ("2007/08", "'2007/08' is not a date such as " + dates.EXAMPLES),
        (
            "13/13/2007",
            "'13/13/2007' has more than one '/': write a day as 2007-08-16, and an interval as two "
            "dates with one '/' between them, such as 2006-06/2007-10 (../2007 when its start is open)",
        ),
    ],
)
def test_a_date_in_another_notation_gets_its_edtf_spelling(written, message):
    with pytest.raises(dates.DateError) as e:
        dates.parse(written)
    assert str(e.value) == message


_FRENCH = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    form=st.sampled_from(
        [
            "{d}/{m:02d}/{y}",
            "{d}.{m}.{y}",
            "{y}/{m:02d}/{d:02d}",
            "{d} {month} {y}",
            "{d} {mois} {y}",
            "{month} {d}, {y}",
        ]
    ),
)
def test_the_spelling_offered_is_the_same_day(day, form):
    written = form.format(
        d=day.day, m=day.month, y=day.year, month=dates.MONTHS[day.month - 1], mois=_FRENCH[day.month - 1]
    )
    with pytest.raises(dates.DateError) as e:
        dates.parse(written)
    message = str(e.value)
    if "either way round" in message:  # numbers only, day and month both 12 or less and different
        assert form.startswith("{d}") and day.day <= 12 and day.month <= 12 and day.day != day.month
        assert message.split(": write ", 1)[1].startswith(f"{day.isoformat()} for ")  # day first, as in French
    else:
        spelled = message.rsplit(": write ", 1)[1]
        assert dates.parse(spelled).low == dates.parse(spelled).high == day


# --- YAML syntax errors -----------------------------------------------------------------


def _read(tmp: Path, text: str, folder: str = "people") -> list[str]:
    path = tmp / "entries" / folder / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    raw = load.read(path, tmp)
    Validator(raw).run()
    return [str(p) for p in raw.problems]


_START = "---\ntype: person\nname: Denis Kvasov\n"
_END = "sources: [good-article]\n---\n"


@pytest.mark.parametrize(
    "broken, lines, mended",
    [
        (
            _START + "summary: The court: acquitted\n" + _END,
            [
                "4: summary: is not valid YAML: the ': ' in the value reads as the start of another field: "
                "put the whole value in double quotes"
            ],
            _START + 'summary: "The court: acquitted"\n' + _END,
        ),
        (
            _START + "summary: x\nroles:\n  - role: head: of sales\n    sources: [good-article]\n" + _END,
            [
                "6: roles[1].role: is not valid YAML: the ': ' in the value reads as the start of another field: "
                "put the whole value in double quotes"
            ],
            _START + 'summary: x\nroles:\n  - role: "head: of sales"\n    sources: [good-article]\n' + _END,
        ),
        (
            _START + 'summary: He said "no": twice\n' + _END,
            [
                "4: summary: is not valid YAML: the ': ' in the value reads as the start of another field: "
                "put the whole value in single quotes"
            ],
            _START + "summary: 'He said \"no\": twice'\n" + _END,
        ),
        (
            _START + "summary: @allofmp3 said so\n" + _END,
            ["4: summary: is not valid YAML: a value cannot start with '@': put the whole value in double quotes"],
            _START + 'summary: "@allofmp3 said so"\n' + _END,
        ),
        (
            _START + "summary: `allofmp3.com` said so\n" + _END,
            ["4: summary: is not valid YAML: a value cannot start with '`': put the whole value in double quotes"],
            _START + 'summary: "`allofmp3.com` said so"\n' + _END,
        ),
        (
            _START + "summary: - a dash first\n" + _END,
            [
                "4: summary: is not valid YAML: a value on the same line as its field cannot start with '- ': put the "
                "whole value in double quotes, or, for a list, put each '- ' item on its own line under the field"
            ],
            _START + 'summary: "- a dash first"\n' + _END,
        ),
        (
            _START + "summary: 'L'affaire est close'\n" + _END,
            [
                "4: summary: is not valid YAML: the value starts with ', so it ends at the next ' and the rest is left "
                "over: put the whole value in double quotes"
            ],
            _START + 'summary: "L\'affaire est close"\n' + _END,
        ),
        (
            _START + 'summary: "Unclosed\n' + _END,
            ['4: summary: is not valid YAML: the " that starts the value is never closed: end the value with "'],
            _START + 'summary: "Unclosed"\n' + _END,
        ),
        (
            _START + "summary: x\nsources: [good-article\n---\n",
            [
                "5: sources: is not valid YAML: the '[' that starts the value opens a list that is never closed: "
                "end it with ']', or, if the value is text, put it in double quotes"
            ],
            _START + "summary: x\nsources: [good-article]\n---\n",
        ),
        (
            _START + 'summary: x\naliases: ["Denis" "Kvasov"]\n' + _END,
            ["5: aliases: is not valid YAML: two items of the list are not separated by ',': add a ',' between them"],
            _START + 'summary: x\naliases: ["Denis", "Kvasov"]\n' + _END,
        ),
        (
            _START + "summary: x\naliases: Denis\n- Kvasov\n" + _END,
            [
                "6: aliases: is not valid YAML: a '- ' item follows 'aliases', whose value is already on its line: "
                "leave 'aliases:' alone on its line and put every item, the first one too, on its own '- ' line under it"
            ],
            _START + "summary: x\naliases:\n- Denis\n- Kvasov\n" + _END,
        ),
        (
            _START + "\tsummary: x\n" + _END,
            ["4: front matter: is not valid YAML: line 4 is indented with a tab: indent with spaces"],
            _START + "summary: x\n" + _END,
        ),
        (
            _START + "summary: x\nroles:\n\t- role: head\n\t  sources: [good-article]\n" + _END,
            [
                "6: front matter: is not valid YAML: line 6 is indented with a tab: indent with spaces",
                "7: front matter: is not valid YAML: line 7 is indented with a tab: indent with spaces",
            ],
            _START + "summary: x\nroles:\n  - role: head\n    sources: [good-article]\n" + _END,
        ),
        (
            _START + "summary: x\n\t\n" + _END,
            ["5: front matter: is not valid YAML: line 5 holds a tab and nothing else: remove the tab"],
            _START + "summary: x\n\n" + _END,
        ),
        (
            _START + "summary: x\n  sources: [good-article]\n---\n",
            [
                "5: front matter: is not valid YAML: line 5 is indented under 'summary', which already has a value: "
                "indent it like 'summary', or, if it belongs to that value, put the whole value on one line in double quotes"
            ],
            _START + "summary: x\nsources: [good-article]\n---\n",
        ),
        (
            _START + "summary: x\naliases:\n  - Denis\n - Kvasov\n" + _END,
            [
                "7: front matter: is not valid YAML: line 7 is indented by 1 space, unlike the lines around it: "
                "indent it by 2 spaces"
            ],
            _START + "summary: x\naliases:\n  - Denis\n  - Kvasov\n" + _END,
        ),
        (
            _START + "summary: x\nthe court acquitted him\n" + _END,
            [
                "5: front matter: is not valid YAML: line 5 is neither 'field: value' nor a '- ' item: add the field's "
                "name, or, if it goes on from the value above, indent it"
            ],
            _START + "summary: x\n  the court acquitted him\n" + _END,
        ),
        # Each error mended in turn: one run names them all.
        (
            _START + "summary: The court: acquitted\npoints:\n  - says: Verdict: not guilty\n"
            "    sources: [good-article]\n  - says: @kvasov\n    sources: [good-article]\n" + _END,
            [
                "4: summary: is not valid YAML: the ': ' in the value reads as the start of another field: "
                "put the whole value in double quotes",
                "6: points[1].says: is not valid YAML: the ': ' in the value reads as the start of another field: "
                "put the whole value in double quotes",
                "8: points[2].says: is not valid YAML: a value cannot start with '@': put the whole value in double quotes",
            ],
            _START + 'summary: "The court: acquitted"\npoints:\n  - says: "Verdict: not guilty"\n'
            '    sources: [good-article]\n  - says: "@kvasov"\n    sources: [good-article]\n' + _END,
        ),
    ],
)
def test_a_yaml_error_names_the_fix_and_the_fix_mends_it(tmp_path, broken, lines, mended):
    assert _read(tmp_path, broken) == [f"entries/people/x.md:{line}" for line in lines]
    assert _read(tmp_path, mended) == []


# --- a near-empty file: every field it needs, in the first run -----------------------------


@pytest.mark.parametrize(
    "folder, needs",
    [
        ("people", "a person entry needs type: person, name, summary and sources"),
        ("organisations", "an organisation entry needs type: organisation, name, summary, kind and sources"),
        ("rulings", "a ruling entry needs type: ruling, name, summary, date, court, parties, outcome and sources"),
        ("events", "an event entry needs type: event, name, summary, kind, date and sources"),
        (
            "articles",
            "an article entry needs type: article, name, summary, publisher, published, date_evidence, "
            "words, url and language",
        ),
    ],
)
def test_an_empty_entry_is_told_every_field_its_type_needs(tmp_path, folder, needs):
    assert _read(tmp_path, "---\n---\n", folder) == [f"entries/{folder}/x.md:1: front matter: is empty: {needs}"]
    assert _read(tmp_path, "\n", folder) == [
        f"entries/{folder}/x.md:1: file: is empty: an entry starts with front matter between two '---' lines; {needs}"
    ]
    required = [f.name for f in schema.BY_FOLDER[folder].fields if f.required]
    assert all(name in needs for name in required)


def test_an_empty_file_outside_the_type_folders_is_told_what_any_entry_needs(tmp_path):
    assert _read(tmp_path, "---\n---\n", "misc")[0] == (
        "entries/misc/x.md:1: front matter: is empty: an entry needs type (one of article, person, organisation, "
        "ruling, event), name, summary and the fields of its type"
    )


@pytest.mark.parametrize(
    "front, lines",
    [
        (
            "name: A ruling\n",
            [
                "2: type: is required: write 'type: ruling', the type of the entries in entries/rulings/",
                "2: summary: is required: one sentence in English, shown in tables and search",
                "2: date: is required: when the decision was given; one item per article version",
                "2: court: is required: the court, with its sources",
                "2: parties: is required: the parties, each with its role and sources",
                "2: outcome: is required: what was decided, with its sources",
                "2: sources: cites no article: list the articles the entry rests on in 'sources', or give its facts "
                "their sources",
            ],
        ),
        (
            "type: rulin\nname: A ruling\nsummary: x\nsources: [a]\nkourt: x\n",
            [
                "2: type: must be one of article, person, organisation, ruling, event; did you mean 'ruling'?",
                "6: kourt: is not a field of a ruling entry; did you mean 'court'?",
                "2: date: is required: when the decision was given; one item per article version",
                "2: court: is required: the court, with its sources",
                "2: parties: is required: the parties, each with its role and sources",
                "2: outcome: is required: what was decided, with its sources",
            ],
        ),
    ],
)
def test_a_missing_or_unknown_type_does_not_hide_the_other_problems(tmp_path, front, lines):
    assert _read(tmp_path, f"---\n{front}---\n", "rulings") == [f"entries/rulings/x.md:{line}" for line in lines]


# --- the root cause first ---------------------------------------------------------------

_DOSSIER = {
    "articles/report.md": '---\ntype: article\nname: A report\nsummary: s\npublisher: paper\npublished: "2007"\n'
    "date_evidence: d\nwords: 300\nurl: https://example.org/a\nlanguage: fr\n---\n",
    "organisations/paper.md": "---\ntype: organisation\nname: A paper\nsummary: s\nsources: [report]\n"
    "kind: publication\n---\n",
    "events/talk.md": "---\ntype: event\nname: A talk\nsummary: s\nsources: [report]\nkind: statement\n"
    'date:\n  - when: "2007"\n    sources: [report]\nparticipants:\n  - entry: kvasov\n'
    "    role: speaker\n    sources: [report]\n  - entry: nobody\n    role: listener\n"
    "    sources: [report]\n---\nBy [Kvasov](../people/kvasov.md).\n",
    "rulings/case.md": "---\ntype: ruling\nname: A case\nsummary: s\nsources: [report]\n"
    'date:\n  - when: "2007"\n    sources: [report]\ncourt:\n  - entry: paper\n'
    "    sources: [report]\nparties:\n  - entry: kvasov\n    role: defendant\n"
    "    sources: [report]\noutcome:\n  - result: acquitted\n    says: s\n    sources: [report]\n---\n",
}
_KVASOV = "---\ntype: person\nname: Denis Kvasov\nsummary: s\nsources: [report]\n---\n"
_AFTER = [
    "entries/events/talk.md:14: participants[2].entry: 'nobody' is not an entry",
    "entries/rulings/case.md:10: court[1].entry: 'paper' is an organisation of kind 'publication', "
    "but this field takes one of kind court",
]
_WAIT = " (2 references and 1 link to 'kvasov' from other entries fail because of it)"


def _dossier(tmp: Path, files: dict[str, str | bytes]) -> list[str]:
    for name, text in {**_DOSSIER, **files}.items():
        path = tmp / "entries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return [str(p) for p in collect(tmp / "entries", tmp).problems]


@pytest.mark.parametrize(
    "content, cause",
    [
        (
            _KVASOV.replace("name: Denis Kvasov", "name: Denis: Kvasov"),
            [
                "3: name: is not valid YAML: the ': ' in the value reads as the start of another field: put the whole value "
                "in double quotes"
            ],
        ),
        (b"\xef\xbb\xbf" + _KVASOV.encode(), ["1: file: starts with a byte-order mark: save it as UTF-8 without BOM"]),
        (_KVASOV.replace("\n", "\r\n"), ["1: file: has Windows (CRLF) or old Mac (CR) line endings: use LF"]),
        (
            _KVASOV.replace("Denis", "Dénis").encode("latin-1"),
            ["3: file: is not valid UTF-8 (byte 0xe9): save it as UTF-8"],
        ),
        (_KVASOV[4:], ["1: front matter: is missing: the first line must be '---'"]),
        (
            "",
            [
                "1: file: is empty: an entry starts with front matter between two '---' lines; "
                "a person entry needs type: person, name, summary and sources"
            ],
        ),
        (
            _KVASOV.replace("type: person\n", ""),
            ["2: type: is required: write 'type: person', the type of the entries in entries/people/"],
        ),
        (
            _KVASOV.replace("type: person", "type: persn"),
            ["2: type: must be one of article, person, organisation, ruling, event; did you mean 'person'?"],
        ),
        (_KVASOV.replace("name: Denis Kvasov\n", ""), ["2: name: is required: the display name"]),
    ],
)
def test_a_file_that_cannot_be_read_is_reported_first_with_what_fails_because_of_it(tmp_path, content, cause):
    lines = [f"entries/people/kvasov.md:{line}" for line in cause]
    assert _dossier(tmp_path, {"people/kvasov.md": content}) == [lines[0] + _WAIT, *lines[1:], *_AFTER]
    # Mended, the file resolves what waited on it: nothing was hidden but its consequences.
    assert _dossier(tmp_path, {"people/kvasov.md": _KVASOV}) == _AFTER


def test_a_file_with_several_problems_says_what_fails_on_the_one_that_keeps_it_from_being_an_entry(tmp_path):
    content = _KVASOV.replace("type: person\n", "").replace("summary: s\n", "colour: red\n")
    assert _dossier(tmp_path, {"people/kvasov.md": content}) == [
        "entries/people/kvasov.md:2: summary: is required: one sentence in English, shown in tables and search",
        "entries/people/kvasov.md:2: type: is required: write 'type: person', the type of the entries in "
        "entries/people/" + _WAIT,
        "entries/people/kvasov.md:3: colour: is not a field of a person entry",
        *_AFTER,
    ]


@pytest.mark.parametrize("second", ["organisations/kvasov.md", "articles/kvasov.md"])
def test_an_id_used_twice_names_both_files_on_each(tmp_path, second):
    # Whichever of the two was there first, each file is told of the other: neither is blamed alone,
    # and references to the id wait on the rename instead of failing one by one.
    texts = {
        "organisations/kvasov.md": "---\ntype: organisation\nname: Kvasov & Co\nsummary: s\n"
        "sources: [report]\nkind: company\n---\n",
        "articles/kvasov.md": _DOSSIER["articles/report.md"],
    }
    rule = "ids are unique across all types; rename one of the two files, and any reference meant for it"
    first, last = sorted([f"entries/{second}", "entries/people/kvasov.md"])
    # What the two files refer to is still checked.
    person = _KVASOV.replace("sources: [report]", "sources: [report, repport]")
    assert (
        _dossier(tmp_path, {"people/kvasov.md": person, second: texts[second]})
        == sorted(
            [
                f"{first}:1: file: id 'kvasov' is also used by {last}: {rule}" + _WAIT,
                f"{last}:1: file: id 'kvasov' is also used by {first}: {rule}",
                "entries/people/kvasov.md:5: sources[2]: 'repport' is not an entry; did you mean 'report'?",
            ]
        )
        + _AFTER
    )


def test_a_broken_file_that_shares_its_id_is_reported_as_both(tmp_path):
    broken = _KVASOV.replace("name: Denis Kvasov", "name: [Denis")
    rule = "ids are unique across all types; rename one of the two files, and any reference meant for it"
    assert _dossier(
        tmp_path, {"people/kvasov.md": broken, "organisations/kvasov.md": _DOSSIER["organisations/paper.md"]}
    ) == [
        f"entries/organisations/kvasov.md:1: file: id 'kvasov' is also used by entries/people/kvasov.md: {rule}"
        + _WAIT,
        f"entries/people/kvasov.md:1: file: id 'kvasov' is also used by entries/organisations/kvasov.md: {rule}",
        "entries/people/kvasov.md:3: name: is not valid YAML: the '[' that starts the value opens a list that is "
        "never closed: end it with ']', or, if the value is text, put it in double quotes",
        *_AFTER,
    ]


def test_a_link_to_another_folder_is_no_consequence(tmp_path):
    # kvasov.md is in people/: a link to organisations/kvasov.md is a mistake of its own.
    talk = _DOSSIER["events/talk.md"].replace("../people/kvasov.md", "../organisations/kvasov.md")
    lines = _dossier(tmp_path, {"people/kvasov.md": "", "events/talk.md": talk})
    assert lines[0].endswith(" (2 references to 'kvasov' from other entries fail because of it)")
    assert (
        "entries/events/talk.md:18: body: links to '../organisations/kvasov.md', but there is no entry "
        "organisations/kvasov.md" in lines
    )


# --- the contributing guide explains what is new ------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "fail because of it",
        "is also used by",
        ": write ",
        "either way round",
        "has no EDTF spelling",
        "indented with a tab",
        "put the whole value in double quotes",
        "is never closed",
        "needs type:",
    ],
)
def test_each_new_kind_of_message_is_in_the_corpus_and_explained_in_contributing(phrase):
    table = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## What the check messages mean", 1)[1]
    expected = (ROOT / "tests" / "fixtures" / "broken" / "expected.txt").read_text(encoding="utf-8")
    assert phrase in expected
    assert phrase in table.split("\n## ", 1)[0]


def test_a_publisher_named_by_its_article_rests_on_that_article(tmp_path):
    """A new publisher needs no 'sources' of its own: the article that names it is its source."""
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    paper = tmp_path / "entries" / "organisations" / "the-paper.md"
    text = paper.read_text(encoding="utf-8")
    paper.write_text("\n".join(line for line in text.split("\n") if not line.startswith("sources:")), encoding="utf-8")
    assert [str(p) for p in collect(tmp_path / "entries", tmp_path).problems] == []
    alone = tmp_path / "entries" / "organisations" / "nobody-names-it.md"
    alone.write_text("---\ntype: organisation\nname: Alone\nsummary: Cited by nothing.\nkind: company\n---\n")
    assert [str(p) for p in collect(tmp_path / "entries", tmp_path).problems] == [
        f"entries/organisations/nobody-names-it.md:2: sources: {CITES_NOTHING}"
    ]


def test_a_placeholder_left_in_place_is_refused(tmp_path):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    jane = tmp_path / "entries" / "people" / "jane-roe.md"
    jane.write_text(jane.read_text(encoding="utf-8").replace("summary: A director.", 'summary: "..."'))
    problems = [str(p) for p in collect(tmp_path / "entries", tmp_path).problems]
    assert problems == [
        "entries/people/jane-roe.md:5: summary: is '...', a placeholder: one sentence in English, shown in tables "
        "and search"
    ]


def test_a_claim_may_name_its_own_entry_as_whose_it_is_and_nothing_else_may(tmp_path):
    """A site's own claim, recorded on the site's page, names the site itself as its claimant; a
    relation to itself is still a slip. The claim lists no backlink to its own page."""
    paper = _DOSSIER["organisations/paper.md"].replace(
        "kind: publication\n",
        "kind: publication\npoints:\n  - says: It says it is read widely.\n    according_to: paper\n"
        "    sources: [report]\n",
    )
    assert _dossier(tmp_path / "claim", {"organisations/paper.md": paper, "people/kvasov.md": _KVASOV}) == _AFTER
    index = collect(tmp_path / "claim" / "entries", tmp_path / "claim").index
    assert "paper" not in dict(index.backlinks.get("paper", ())).get("Claims it made", ())
    relation = paper.replace(
        "points:", "relations:\n  - relation: member-of\n    to: paper\n    sources: [report]\npoints:"
    )
    problems = _dossier(tmp_path / "relation", {"organisations/paper.md": relation, "people/kvasov.md": _KVASOV})
    assert "entries/organisations/paper.md:9: relations[1].to: refers to the entry itself" in problems


# --- messages outside the broken corpus, explained all the same ---------------------------------


def _problems_with(tmp: Path, file: str, old: str, new: str) -> list[str]:
    """The check's lines for the mini dossier with `old` replaced by `new` in `file`."""
    shutil.copytree(FIXTURES / "mini" / "entries", tmp / "entries")
    path = tmp / "entries" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return [str(p) for p in collect(tmp / "entries", tmp).problems]


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "url: https://example.org/first",
            'url: "https://example.org/a?b=\\"<x>"',
            'url: has characters an address cannot hold as written: percent-encode them: %22 for ", %3C for <, '
            "%3E for >",
        ),
        (
            "url: https://example.org/first",
            "url: https://example.org/a\\b",
            "url: has a character an address cannot hold as written: percent-encode it: %5C for \\",
        ),
    ],
)
def test_an_address_message_names_the_escape_and_contributing_explains_it(tmp_path, old, new, message):
    (problem,) = _problems_with(tmp_path, "articles/first-report.md", old, new)
    assert message in problem, problem
    table = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## What the check messages mean", 1)[1]
    assert "an address cannot hold as written: percent-encode" in table.split("\n## ", 1)[0]


MUST = "must be a plain number such as 308"
_NUMBER_MESSAGES = [
    ("07", f"{MUST}: '07' is read by YAML as the number 7 (a leading 0 makes it octal); write 7"),
    ("010", f"{MUST}: '010' is read by YAML as the number 8 (a leading 0 makes it octal); write 10"),
    ("0x10", f"{MUST}: '0x10' is read by YAML as the number 16 (written in base 16); write 16"),
    ("1_000", f"{MUST}: '1_000' is read by YAML as the number 1000; write 1000"),
    ("yes", f"{MUST}: 'yes' is read by YAML as the boolean true; write the number in decimal digits"),
    (".inf", f"{MUST}: '.inf' is read by YAML as the number inf; write the number in decimal digits"),
    ("1e3", f"{MUST}, written in decimal digits ('1e3' is not)"),
    ('"300"', f"{MUST}, without quotes"),
]


@pytest.mark.parametrize("written, message", _NUMBER_MESSAGES)
def test_a_number_message_says_what_yaml_read_and_what_to_write(tmp_path, written, message):
    (problem,) = _problems_with(tmp_path, "articles/first-report.md", "words: 300", f"words: {written}")
    assert problem.endswith(f"words: {message}"), problem
    assert ("quotes" in message) == written.startswith('"')  # only a quoted number is told to drop quotes
    table = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## What the check messages mean", 1)[1]
    explained = ("is read by YAML as", "written in decimal digits", "without quotes")
    assert any(p in message for p in explained) and all(p in table.split("\n## ", 1)[0] for p in explained)
