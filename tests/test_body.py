"""Entry bodies: their own Markdown pipeline and the sanitizer behind it."""

from __future__ import annotations

import shutil

import html5lib
import pytest
from conftest import FIXTURES
from hostile import BODY_PIECES
from hypothesis import given, settings
from hypothesis import strategies as st

from macros import body
from macros.corpus import collect
from macros.markup import Markup, html

KNOWN = {("people", "jane-roe"), ("organisations", "shop")}


@pytest.fixture()
def pipeline():
    return body.Pipeline(lambda folder, eid: (folder, eid) in KNOWN)


@pytest.mark.parametrize(
    "source, html, dropped",
    [
        (
            "See [the shop](../organisations/shop.md).",
            '<p>See <a href="../../organisations/shop/">the shop</a>.</p>',
            (),
        ),
        ("See [her](jane-roe.md#roles).", '<p>See <a href="../jane-roe/#roles">her</a>.</p>', ()),
        (
            "[x](https://example.org/a?b=1#c)",
            '<p><a href="https://example.org/a?b=1#c" rel="nofollow noopener">x</a></p>',
            (),
        ),
        ("[x](#points)", '<p><a href="#points">x</a></p>', ()),
        ("[x](../people/nobody.md)", "<p><a>x</a></p>", ("../people/nobody.md",)),
        ("[x](javascript:alert(1))", "<p><a>x</a></p>", ("javascript:alert(1)",)),
        ("[x][r]\n\n[r]:\n  javascript:alert(1)", "<p><a>x</a></p>", ("javascript:alert(1)",)),
        ("# Title\n\n## Part", "<h3>Title</h3>\n<h4>Part</h4>", ()),
        ('<b onclick="x()">bold</b> <script>alert(1)</script>', "<p>bold </p>", ()),
        ("```{#__config}\nx\n```", "<p><code>{#__config}\nx</code></p>", ()),
        ('--8<-- "mkdocs.yml"', '<p>--8&lt;-- "mkdocs.yml"</p>', ()),
        ("![img](https://example.org/x.png)", "<p></p>", ()),
    ],
)
def test_a_body_becomes_this_html(pipeline, source, html, dropped):
    out = pipeline.render(source, "people")
    assert (out.html, out.dropped) == (html, dropped)


def test_links_to_a_heading_of_another_entry_are_reported_for_the_anchor_check(pipeline):
    out = pipeline.render("[a](../organisations/shop.md#history) [b](jane-roe.md)", "people")
    assert out.anchors == (("organisations/shop.md", "history", "../organisations/shop.md#history"),)


_tokens = st.sampled_from(list("[]()<>!#*_`'\"=:/ \n\t&;{}.-~>@\\") + ["javascript:", "on", "href", "data:", "x"])
_text = st.lists(_tokens, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BODY_PIECES) | _text, min_size=1, max_size=6).map("\n".join))
def test_whatever_a_body_says_its_html_holds_only_the_allowlist(source):
    out = body.Pipeline(lambda folder, eid: (folder, eid) in KNOWN).render(source, "people")
    doc = html5lib.parseFragment(out.html, namespaceHTMLElements=False)
    for el in doc.iter():
        if not isinstance(el.tag, str) or el is doc:
            continue
        assert el.tag in body.TAGS, el.tag
        assert set(el.attrib) <= {"href", "title", "rel"}, el.attrib
        if "href" in el.attrib:
            assert (
                el.attrib["href"].startswith(("http://", "https://", "#", "../"))
                and ":" not in el.attrib["href"].split("/", 1)[0][:-1]
            ), el.attrib["href"]
        if "rel" in el.attrib:
            assert el.attrib["rel"] == body.EXTERNAL_REL


@pytest.mark.parametrize(
    "source, line, message",
    [
        (
            "[" * (body.MAX_BRACKETS + 1),
            1,
            f"has {body.MAX_BRACKETS + 1} '[' (links); an entry body may have at most {body.MAX_BRACKETS}: "
            "split the entry or cut the list",
        ),
        (
            "<" * (body.MAX_ANGLES + 1),
            1,
            f"has {body.MAX_ANGLES + 1} '<'; an entry body may have at most {body.MAX_ANGLES}: split the entry or cut the list",
        ),
        (
            "Text\n\n" + ">" * (body.MAX_DEPTH + 1) + " deep",
            3,
            f"is nested {body.MAX_DEPTH + 1} levels deep (block quotes or lists); an entry body may nest at most "
            f"{body.MAX_DEPTH}",
        ),
        (
            # a list within a list counts a level for its indent and one for its marker
            "- a\n" + "".join("    " * n + "- a\n" for n in range(1, body.MAX_DEPTH + 1)),
            body.MAX_DEPTH + 1,
            f"is nested {body.MAX_DEPTH + 1} levels deep (block quotes or lists); an entry body may nest at most "
            f"{body.MAX_DEPTH}",
        ),
    ],
)
def test_bodies_past_the_limits_are_refused_at_their_line(tmp_path, source, line, message):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    jane = tmp_path / "entries" / "people" / "jane-roe.md"
    text = jane.read_text(encoding="utf-8").split("\n---\n")[0] + "\n---\n"
    jane.write_text(text + source, encoding="utf-8")
    body_line = text.count("\n") + 1
    problems = [str(p) for p in collect(tmp_path / "entries", tmp_path).problems]
    assert f"entries/people/jane-roe.md:{body_line + line - 1}: body: {message}" in problems


@pytest.mark.parametrize("line", ["- " * (body.MAX_DEPTH + 1) + "x", "> - " * 5 + "x", "1. " * 9 + "x"])
def test_nesting_written_on_one_line_counts(line):
    assert [limit.line for limit in body.limits("Text\n\n" + line)] == [3]


def test_a_body_nested_past_what_the_parser_can_recurse_is_text_not_a_crash(pipeline):
    out = pipeline.render("- " * 600 + "x" + "[" * (body.MAX_BRACKETS + 1), "people")  # past the limits: as text
    assert out.html.startswith("<p>- - - ")
    body_of_lists = "\n".join("    " * n + "- x" for n in range(body.MAX_DEPTH))
    assert "<ul>" in pipeline.render(body_of_lists, "people").html


def test_bodies_of_many_lines_are_refused():
    source = "a\n=\n" * 300
    assert [(limit.line, limit.message) for limit in body.limits(source)] == [
        (
            body.MAX_LINES + 1,
            f"has 601 lines; an entry body may have at most {body.MAX_LINES}: say it more briefly, or split the entry",
        )
    ]


def test_within_the_limits_nothing_is_refused():
    deepest = "".join("    " * n + "- a\n" for n in range(body.MAX_DEPTH))
    assert body.limits("[" * body.MAX_BRACKETS + "<" * body.MAX_ANGLES + "\n" + deepest) == []


def test_a_body_past_the_limits_is_shown_as_text_if_the_check_was_bypassed(pipeline):
    out = pipeline.render("[x](javascript:alert(1))" + "[" * body.MAX_BRACKETS + "\n\n<b>", "people")
    assert out.html.startswith("<p>[x](javascript:alert(1))[[[") and out.html.endswith("<p>&lt;b&gt;</p>")


@given(st.lists(_tokens, max_size=30).map("".join))
def test_a_body_is_markup_that_a_renderer_includes_as_it_is(source):
    """The sanitizer vouches for a body's HTML: it is Markup, which markup.html() leaves unescaped."""
    out = body.Pipeline(lambda folder, eid: False).render(source, "people").html
    assert isinstance(out, Markup) and html("<div>{}</div>", out) == "<div>" + str(out) + "</div>"
