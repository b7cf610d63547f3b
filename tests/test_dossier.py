"""The core's edge (macros/dossier.py): the pages, files and problems of a dossier, in no site
generator's terms, each page made on its own."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from macros import schema
from macros.corpus import collect
from macros.dossier import Dossier, file_paths, sections
from macros.published import Published

MINI = FIXTURES / "mini"
PUBLISHED = Published(
    "https://example.org/dossier/", "https://github.com/example/allofmp3-dossier", name="The test dossier"
)


@pytest.fixture(scope="module")
def mini_corpus():
    corpus = collect(MINI / "entries", MINI)
    assert corpus.problems == ()
    return corpus


def _made(dossier: Dossier, order) -> dict[str, tuple[dict, str, tuple, tuple]]:
    """Every page made in `order` (indexes into the pages), its held blocks put back."""
    pages = list(dossier.pages(PUBLISHED))
    out = {}
    for n in order:
        content = pages[n].make()
        out[pages[n].path] = (content.meta, dossier.put_back(content.markdown), content.anchors, content.warnings)
    return out


def test_the_core_edge_imports_no_site_generator():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, macros.dossier; print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'mkdocs', 'material', 'mkdocs_macros', 'zensical'}))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_every_entry_type_and_dated_year_has_one_page_at_a_neutral_path(corpus):
    dossier = Dossier(corpus, ROOT)
    pages = list(dossier.pages(PUBLISHED))
    paths = [p.path for p in pages]
    assert len(paths) == len(set(paths))
    index = corpus.index
    assert {e.src_uri for e in index.entries.values()} <= set(paths)
    assert {path for _, path in sections()} == {p.path for p in pages if p.listed}
    assert len(pages) == len(index.entries) + len(schema.TYPES) + len(index.dated_years)
    for path in paths:
        assert path.endswith(".md") and not path.startswith("/") and ".." not in path.split("/"), path


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_a_page_is_the_same_whatever_pages_were_made_before_it(mini_corpus, data):
    """Pages are made one at a time and share nothing but the held blocks: any order (and any
    subset, as an incremental rebuild would make) gives each page the same content."""
    fresh = Dossier(mini_corpus, MINI)
    count = len(list(fresh.pages(PUBLISHED)))
    reference = _made(fresh, range(count))
    order = data.draw(st.lists(st.integers(0, count - 1), unique=True, max_size=count))
    made = _made(Dossier(mini_corpus, MINI), order)
    assert all(made[path] == reference[path] for path in made)


def test_the_files_are_where_file_paths_says(mini_corpus):
    dossier = Dossier(mini_corpus, MINI)
    built = datetime(2024, 1, 1, tzinfo=timezone.utc)
    files = list(dossier.files(built, PUBLISHED))
    assert [f.path for f in files] == file_paths()
    assert all("".join(f.pieces) for f in files)


def test_with_problems_the_problem_page_lists_each_escaped_and_every_entry_file_has_a_path(tmp_path):
    import shutil

    entries = tmp_path / "entries"
    shutil.copytree(MINI / "entries", entries)
    jane = entries / "people" / "jane-roe.md"
    jane.write_text(jane.read_text(encoding="utf-8").replace("type: person", "type: persn"), encoding="utf-8")
    (entries / "people" / "<b>x.md").write_text("---\n", encoding="utf-8")  # a file name that is markup
    dossier = Dossier.read(tmp_path)
    assert len(dossier.problems) >= 2
    paths = dossier.problem_paths()
    assert {"people/jane-roe.md", "people/<b>x.md"} <= set(paths)
    assert {path for _, path in sections()} <= set(paths)
    content = dossier.problem_page()
    html = dossier.put_back(content.markdown)
    assert "<b>" not in html and "&lt;b&gt;x.md" in html
    assert html.count("<li>") == len(dossier.problems)


@pytest.mark.parametrize(
    "name, in_text, short",
    [
        ("The AllofMP3 dossier", "the AllofMP3 dossier", "AllofMP3 dossier"),
        ("AllofMP3 Files", "AllofMP3 Files", "AllofMP3 Files"),
        ("Theory of a shop", "Theory of a shop", "Theory of a shop"),
    ],
)
def test_the_site_name_has_a_form_for_a_sentence_and_one_for_a_label(name, in_text, short):
    published = Published(name=name)
    assert (published.name_in_text, published.short_name) == (in_text, short)


def test_the_site_name_is_the_one_given_wherever_the_dossier_names_itself(mini_corpus):
    """Exports, citations and pages name the site as the adapter says (mkdocs.yml's site_name),
    escaped for each format; the core holds no name of its own."""
    import json

    import icalendar

    from macros import citations, cite, markup

    published = Published("https://example.org/", name="The Test & <Co>, {dossier}")
    dossier = Dossier(mini_corpus, MINI)
    built = datetime(2024, 1, 1, tzinfo=timezone.utc)
    files = {f.path: "".join(f.pieces) for f in dossier.files(built, published)}
    assert json.loads(files["data/dossier.json"])["title"] == published.name
    calendar = icalendar.Calendar.from_ical(files["data/chronology.ics"])
    assert str(calendar["PRODID"]) == "-//Test & <Co>, {dossier}//chronology//EN"
    assert "\r\nX-WR-CALNAME:Test & <Co>\\, {dossier} chronology\r\n" in files["data/chronology.ics"]  # RFC 5545 text
    csl = cite.dossier_csl(built, published)
    assert (csl["title"], csl["author"]) == (published.name, [{"literal": published.name + " contributors"}])
    made = [page.make() for page in dossier.pages(published)]
    years = [c for page, c in zip(dossier.pages(published), made) if page.year is not None]
    assert years and all(markup.esc(published.name_in_text) in c.meta["description"] for c in years)
    shown = [str(citations.dossier_citation(built, published))]
    shown += [repr(c.meta) + dossier.put_back(c.markdown) for c in made]
    assert all("<Co>" not in text for text in shown)
    assert not [text for text in [*files.values(), *shown] if "allofmp3 dossier" in text.lower()]
