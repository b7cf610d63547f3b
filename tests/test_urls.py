"""The site's page addresses (macros/urls.py), in both URL styles a site generator may use."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros.urls import Urls

DIRECTORIES, FILES = Urls(directories=True), Urls(directories=False)


@pytest.mark.parametrize(
    "src, directories, files",
    [
        ("people/denis-kvasov.md", "people/denis-kvasov/", "people/denis-kvasov.html"),
        ("people/index.md", "people/", "people/index.html"),
        ("timeline/2007.md", "timeline/2007/", "timeline/2007.html"),
        ("chronology.md", "chronology/", "chronology.html"),
        ("index.md", "", "index.html"),
    ],
)
def test_a_page_has_this_address_in_each_style(src, directories, files):
    assert (DIRECTORIES.page(src), FILES.page(src)) == (directories, files)


@pytest.mark.parametrize(
    "urls, src, target, address",
    [
        (DIRECTORIES, "people/a.md", "people/b.md", "../b/"),
        (DIRECTORIES, "people/a.md", "organisations/b.md", "../../organisations/b/"),
        (DIRECTORIES, "timeline/2007.md", "timeline.md", "../"),
        (DIRECTORIES, "people/index.md", "people/b.md", "b/"),
        (DIRECTORIES, "people/a.md", "people/a.md", "./"),
        (FILES, "people/a.md", "people/b.md", "b.html"),
        (FILES, "people/a.md", "organisations/b.md", "../organisations/b.html"),
        (FILES, "timeline/2007.md", "timeline.md", "../timeline.html"),
        (FILES, "people/index.md", "people/b.md", "b.html"),
        (FILES, "index.md", "people/b.md", "people/b.html"),
    ],
)
def test_a_relative_address_is_the_shortest(urls, src, target, address):
    assert urls.relative(src, target) == address


_SRC = st.lists(st.sampled_from(["a", "b", "index", "2007"]), min_size=1, max_size=3).map(
    lambda parts: "/".join(parts) + ".md"
)


@given(st.booleans(), _SRC, _SRC)
def test_a_relative_address_leads_to_the_other_page_and_the_base_to_the_root(directories, src, target):
    urls = Urls(directories)
    here = "/" + urls.page(src).rpartition("/")[0]  # the folder the page's file is in
    assert posixpath.normpath(posixpath.join(here, urls.relative(src, target))) == posixpath.normpath(
        "/" + urls.page(target)
    )
    assert posixpath.normpath(posixpath.join(here, urls.base(src))) == "/"
