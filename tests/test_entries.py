"""Any valid dossier (the real one, and the real one with a contributor's new article): every
entry validates, every reference resolves to an allowed type, every article's metadata holds
together. Nothing here names today's content: facts about it belong in the entries."""

from __future__ import annotations

import unicodedata

from conftest import ROOT, add_an_article
from hypothesis import given
from hypothesis import strategies as st

from macros import dates, schema
from macros.validate import ID


def test_every_entry_validates(corpus):
    assert [str(p) for p in corpus.problems] == []
    assert corpus.files == len(corpus.index.entries)


def test_there_is_an_entry_of_every_type(corpus):
    for t in schema.TYPES:
        assert corpus.index.by_type[t.name], f"no {t.name} entries"


def _refs(fields, value):
    """Every (field, id) pair in a value, walked from the declaration alone."""
    for f in fields:
        if f.name not in value:
            continue
        v = value[f.name]
        items = v if f.is_list else (v,)
        inner = f.inner
        for item in items:
            if inner.is_reference:
                yield inner, item
            elif inner.is_mapping:
                yield from _refs(inner.fields, item)


def test_every_reference_resolves_to_an_entry_of_an_allowed_type(corpus):
    index = corpus.index
    count = 0
    for entry in index.entries.values():
        for f, target in _refs(entry.type.fields, entry.data):
            count += 1
            assert target in index.entries, f"{entry.path}: {f.name} -> {target}"
            assert index.entries[target].type.name in f.targets, f"{entry.path}: {f.name} -> {target}"
            if f.target_kinds:
                assert index.entries[target].data["kind"] in f.target_kinds
    assert count >= len(index.entries) - len(index.by_type["article"])  # every other entry cites at least one


def test_every_non_article_rests_on_articles_and_every_claim_has_sources(corpus):
    for entry in corpus.index.entries.values():
        if entry.type.name == "article":
            continue
        assert entry.sources, entry.path
        for f in entry.type.fields:
            if f.is_list_of_mappings and f.item.subfield("sources"):
                for item in entry.data.get(f.name, ()):
                    assert item["sources"], f"{entry.path}: {f.name}"
                    assert set(item["sources"]) <= set(entry.sources)  # "Rests on" names every article cited


def test_entry_files_are_named_by_id_in_their_type_folder(dossier_project, corpus):
    paths = list((dossier_project / "entries").rglob("*.md"))
    assert len(paths) == corpus.files
    for path in paths:
        assert ID.match(path.stem), path
        assert path.parent.name in schema.BY_FOLDER, path


def test_every_article_carries_consistent_metadata(corpus):
    for e in corpus.index.by_type["article"]:
        published = dates.parse(e.data["published"])
        assert e.data["date_evidence"].strip(), e.id
        assert e.data["url"].startswith(("https://", "http://")), e.id
        # The archived copy, where there is one, was retrieved after the article appeared.
        if "retrieved" in e.data:
            assert "archive_url" in e.data, e.id
            assert dates.parse(e.data["retrieved"]).low >= (published.low or published.high), e.id
        # No two articles share an address.
    urls = [e.data["url"] for e in corpus.index.by_type["article"]]
    assert len(urls) == len(set(urls))


def test_a_new_article_cited_from_an_existing_entry_passes_the_check(tmp_path):
    """What a contributor adds by following CONTRIBUTING: no other file needs a change."""
    from macros.corpus import collect
    from macros.files import copy

    copy(ROOT / "entries", tmp_path / "entries")
    citing = add_an_article(tmp_path / "entries")
    corpus = collect(tmp_path / "entries", tmp_path)
    assert [str(p) for p in corpus.problems] == []
    index = corpus.index
    assert "test-weekly-report" in index.entries[citing].sources
    assert citing in {f.entry for f in index.facts_citing["test-weekly-report"]}


def test_no_entry_contains_template_syntax_or_raw_html(dossier_project, corpus):
    paths = list((dossier_project / "entries").rglob("*.md"))
    assert len(paths) == corpus.files
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for token in ("{{", "{%", "render_macros", "<script", "<iframe"):
            assert token not in text, f"{path}: {token}"


def _subject(about: str) -> str:
    """What a disputed point is about, as a reader would compare two of them: case, accents,
    punctuation and spacing aside."""
    plain = unicodedata.normalize("NFKD", about.casefold())
    return " ".join("".join(c if c.isalnum() else " " for c in plain if not unicodedata.combining(c)).split())


def _repeated_subjects(disputes) -> list[str]:
    """The subjects that more than one disputed point is about."""
    seen: dict[str, int] = {}
    for d in disputes:
        seen[_subject(d.about)] = seen.get(_subject(d.about), 0) + 1
    return sorted(s for s, n in seen.items() if n > 1)


def test_each_disagreement_is_held_by_one_entry(corpus):
    """A disagreement is set out once, where it belongs; other entries link to it, so the Disputed
    points page lists it once."""
    assert _repeated_subjects(corpus.index.disputes) == []


class _Dispute:
    def __init__(self, about: str):
        self.about = about


_ABOUT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


@given(_ABOUT, st.sampled_from([str.upper, str.lower, lambda s: f"  {s}. ", lambda s: s.replace(" ", "  ")]))
def test_the_same_subject_written_otherwise_is_still_found_repeated(about, rewrite):
    if not _subject(about):
        return  # nothing a reader could compare: punctuation only
    found = _repeated_subjects([_Dispute(about), _Dispute(rewrite(about))])
    assert found == ([_subject(about)] if _subject(rewrite(about)) == _subject(about) else [])


@given(st.lists(_ABOUT, unique_by=_subject, max_size=6))
def test_distinct_subjects_are_never_found_repeated(abouts):
    assert _repeated_subjects([_Dispute(a) for a in abouts]) == []
