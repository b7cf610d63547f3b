"""The real dossier: every entry validates, every reference resolves to an allowed type,
and the article entries match their sources' metadata."""
from __future__ import annotations

from conftest import ROOT

from macros import dates, schema
from macros.validate import ID


def test_every_entry_validates(corpus):
    assert [str(p) for p in corpus.problems] == []
    assert corpus.files == len(corpus.index.entries)


def test_there_is_an_entry_of_every_type(corpus):
    for t in schema.TYPES:
        assert corpus.index.by_type[t.name], f"no {t.name} entries"
    assert len(corpus.index.by_type["article"]) == 5


def _refs(fields, value):
    """Every (field, id) pair in a value, walked from the declaration alone."""
    for f in fields:
        if f.name not in value:
            continue
        v = value[f.name]
        items = v if f.kind == schema.LIST else (v,)
        inner = f.item if f.kind == schema.LIST else f
        for item in items:
            if inner.kind == schema.REF:
                yield inner, item
            elif inner.kind == schema.OBJECT:
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
    assert count > 100


def test_every_non_article_rests_on_articles_and_every_claim_has_sources(corpus):
    for entry in corpus.index.entries.values():
        if entry.type.name == "article":
            continue
        assert entry.data["sources"], entry.path
        for f in entry.type.fields:
            if f.kind == schema.LIST and f.item.kind == schema.OBJECT and f.item.subfield("sources"):
                for item in entry.data.get(f.name, ()):
                    assert item["sources"], f"{entry.path}: {f.name}"
                    assert set(item["sources"]) <= set(entry.data["sources"])


def test_entry_files_are_named_by_id_in_their_type_folder():
    paths = list((ROOT / "entries").rglob("*.md"))
    assert len(paths) > 50
    for path in paths:
        assert ID.match(path.stem), path
        assert path.parent.name in schema.BY_FOLDER, path


def test_articles_carry_the_metadata_of_their_sources(corpus):
    # From the sources' metadata table: address and publication-date bounds of each article.
    expected = {
        "mipi-says-allofmp3-illegal": ("https://numerama.com/tech/1243-le-mipi-australien-affirme-l-illegalite-de-allofmp3.html", "2004-05-15/2004-05-20"),
        "victory-too-late-for-allofmp3": ("https://numerama.com/pop-culture/4964-une-victoire-qui-intervient-trop-tard-pour-allofmp3.html", "2007-07-13/2007-07-18"),
        "kvasov-acquitted-generation-nt": ("https://www.generation-nt.com/allofmp3-kvasov-russe-musique-actualite-44082.html", "2007-08-16~"),
        "allofmp3-plans-its-return": ("https://numerama.com/pop-culture/5150-allofmp3-planifie-son-retour-sur-la-toile.html", "2007-08-28/2007-08-31"),
        "riaa-false-victory": ("https://numerama.com/politique/9724-la-riaa-proclame-une-fausse-victoire-sur-allofmp3.html", "2008-05-20/2008-05-31"),
    }
    articles = {e.id: (e.data["url"], e.data["published"]) for e in corpus.index.by_type["article"]}
    assert articles == expected
    for e in corpus.index.by_type["article"]:
        assert "authors" not in e.data  # no author could be found for any of them
        assert dates.parse(e.data["published"]).uncertain


def test_no_entry_contains_template_syntax_or_raw_html():
    paths = list((ROOT / "entries").rglob("*.md"))
    assert len(paths) > 50
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for token in ("{{", "{%", "render_macros", "<script", "<iframe"):
            assert token not in text, f"{path}: {token}"
