"""markup.py: whatever a value holds, a helper writes it as text, never as markup; and renderers
build HTML with those helpers, not with f-strings."""

from __future__ import annotations

import ast
import html as stdlib_html
import json
from html.parser import HTMLParser
from types import SimpleNamespace

import markdown
import pytest
from conftest import ROOT
from hostile import BODY_PIECES, CONTROL_PIECES, VALUE_PIECES
from hypothesis import example, given
from hypothesis import strategies as st

from macros import kinds, schema
from macros.citations import cite_label, sources
from macros.markup import Markup, element, esc, html, join, link, md_inline, ref, script_json
from macros.tables import _Shown

# Any text, weighted towards what HTML, Markdown, str.format, %-formatting and Jinja read.
_SPECIAL = list("<>&\"'{}%/=!-#`*_[]()\\ \n\t;:") + ["{{", "}}", "{%", "%}", "{0}", "{x}", "%s", "&amp;", "&#x27;"]
texts = st.lists(st.sampled_from(_SPECIAL) | st.text(max_size=4), max_size=12).map("".join)
_HOSTILE = [*BODY_PIECES, *VALUE_PIECES, *CONTROL_PIECES]


class _Read(HTMLParser):
    """What a browser's tokenizer makes of HTML: its tags, attributes and text."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, str]] = []
        self.attributes: list[list[tuple[str, str | None]]] = []
        self.data: list[str] = []
        self.other: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(("start", tag))
        self.attributes.append(attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tags.append(("end", tag))

    def handle_data(self, data):
        self.data.append(data)

    def handle_comment(self, data):
        self.other.append(data)

    handle_decl = handle_pi = unknown_decl = handle_comment

    @property
    def text(self) -> str:
        return "".join(self.data)


def _only_escaped(out: str, text: str) -> None:
    """`text` stands in `out` only in its escaped form: no character HTML reads is left raw."""
    assert isinstance(out, Markup)
    escaped = stdlib_html.escape(text, quote=True)
    assert escaped in out
    for ch in "<>\"'":
        if ch in text:
            assert out.count(ch) == out.replace(escaped, "").count(ch)  # every raw one is the template's


@given(texts)
@example("<script>alert('XSS')</script>")
@example('"><img src=x onerror=alert(1)>')
@example("{{ config }} {% include 'x' %} {0} %s")
def test_esc_writes_text_as_text(text):
    out = esc(text)
    _only_escaped(out, text)
    read = _Read(out)
    assert (read.tags, read.other, read.text) == ([], [], text)
    assert esc(out) == out  # escaped once, not twice


@given(texts)
@example("{}{0}{x}{{x}}")
@example("<b>%s</b>")
def test_html_never_makes_a_tag_of_an_argument(text):
    out = html("<td>{}</td><td title='{t}'>{}</td>", text, text, t=text)
    _only_escaped(out, text)
    read = _Read(out)
    assert read.tags == [("start", "td"), ("end", "td"), ("start", "td"), ("end", "td")]
    assert read.attributes == [[], [("title", text)]]
    assert (read.other, read.text) == ([], text + text)


@given(texts, st.integers() | st.floats(allow_nan=False) | st.none(), texts.map(Markup))
def test_html_gives_what_markupsafe_formatter_gives(text, number, markup):
    """html() escapes its arguments before formatting, for speed; markupsafe's Markup.format
    formats, then escapes. Both give the same, with any kind of argument and format spec."""
    for template in ("<p>{}</p>", "<p title='{0}'>{1}{2}{0}</p>", "<i>{a}</i>{b}"):
        args, kwargs = (text, number, markup), {"a": text, "b": markup}
        assert html(template, *args, **kwargs) == Markup(template).format(*args, **kwargs)
    for spec in ("", ">8", "^5", "!<6", ".3"):
        template = "<b>{:%s}</b>" % spec
        assert html(template, text) == Markup(template).format(text)
    if number is not None:
        assert html("<td>{:,}</td>", number) == Markup("<td>{:,}</td>").format(number)


@pytest.mark.parametrize("template", ["<p>{!r}</p>", "<p>{0!s}</p>", "<p>{0.name}</p>", "<p>{x[0]}</p>"])
def test_html_refuses_a_field_that_would_not_be_escaped(template):
    with pytest.raises(ValueError):
        html(template, "x", x="y")


def test_a_format_spec_never_cuts_markup():
    with pytest.raises(ValueError):
        html("<p>{:.3}</p>", Markup("<b>x</b>"))


@given(texts)
def test_html_keeps_markup_arguments_as_they_are(text):
    inner = element("em", text)
    assert html("<p>{}</p>", inner) == "<p>" + str(inner) + "</p>"


@given(texts, texts)
def test_element_writes_its_text_and_attribute_values_as_text(text, value):
    out = element("a", text, href=value, class_=value, data_edtf=value, title=None, hidden=True)
    _only_escaped(out, text)
    _only_escaped(out, value)
    read = _Read(out)
    assert read.tags == [("start", "a"), ("end", "a")]
    assert read.attributes == [[("href", value), ("class", value), ("data-edtf", value), ("hidden", None)]]
    assert (read.other, read.text) == ([], text)


@pytest.mark.parametrize("name", ["a onclick", "a>", 'x"', "", "A", "1a", "script/"])
def test_element_refuses_a_name_that_is_not_one(name):
    with pytest.raises(ValueError):
        element(name)
    with pytest.raises(ValueError):
        element("a", **{name: "x"})


@given(st.lists(texts, min_size=1, max_size=5))
def test_join_escapes_every_plain_part(parts):
    out = join([*parts, element("br")], "<br>")
    for part in parts:
        _only_escaped(out, part)
    read = _Read(out)
    assert {t for _, t in read.tags} == {"br"} and read.text == "".join(parts)


@given(texts, texts, texts)
@example("L'Express & <b>", "x/<y>/", '"')
def test_link_and_ref_write_names_and_addresses_as_text(name, url, base):
    entry = SimpleNamespace(name=name, url=url)
    for out, text in ((link(entry, base), name), (link(entry, base, url), url)):
        read = _Read(out)
        assert read.tags == [("start", "a"), ("end", "a")]
        assert read.attributes == [[("href", base + url)]] and read.text == text
    index = SimpleNamespace(entries={"known": entry})
    assert ref(index, "known", base) == link(entry, base)
    assert _Read(ref(index, name, base)).text == name and _Read(ref(index, name, base)).tags == []


# Any text the check lets through (test_text_safety.py): no control character but tab and newline,
# which Python-Markdown would take for its own placeholders (\x02, \x03).
_ACCEPTED = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
headings = st.lists(st.sampled_from(_SPECIAL) | st.text(_ACCEPTED, max_size=4), max_size=12).map("".join)


@given(headings)
@example("# not a heading {#__config} *x* `y` [z](w) <b>&amp;")
@example("x #")
def test_md_inline_is_read_by_markdown_as_the_text_itself(text):
    out = md_inline(text)
    assert isinstance(out, Markup) and "\n" not in out
    words = " ".join(text.split())
    # Markdown puts it in a heading as it was written: no element, and the same text.
    read = _Read(markdown.markdown("## " + out))
    if words:
        assert read.tags == [("start", "h2"), ("end", "h2")] and read.other == []
        assert read.text == words


@pytest.mark.parametrize("text", _HOSTILE)
def test_every_hostile_value_stays_text_in_every_helper(text):
    entry = SimpleNamespace(name=text, url=text)
    outs = [esc(text), html("<p>{}</p>", text), element("p", text, title=text), join([text], "<br>")]
    outs += [link(entry, text), ref(SimpleNamespace(entries={}), text, "")]
    for out in outs:
        _only_escaped(out, text)
        assert not [t for _, t in _Read(out).tags if t not in {"p", "a"}]


@given(texts)
def test_adding_text_to_markup_escapes_the_text(text):
    mark = Markup("<br>")
    assert mark + text == "<br>" + str(esc(text)) and text + mark == str(esc(text)) + "<br>"


@given(texts, texts)
@example("<script>x</script>", '"><q lang="x">')
def test_sources_write_unknown_ids_and_quotations_as_text(index, unknown, quote):
    articles = index.by_type["article"]
    out = sources([a.id for a in articles] + [unknown], index, "../", quote)
    assert isinstance(out, Markup)
    read = _Read(out)
    assert {t for _, t in read.tags} == ({"span", "a", "q"} if quote else {"span", "a"}) and read.other == []
    labels = [cite_label(a, index) for a in articles]
    assert read.text == "[" + "; ".join([*labels, unknown]) + "]" + (" " + quote if quote else "")


def _fields(fields):
    for f in fields:
        yield f
        yield from _fields((f.item,) if f.item else ())
        yield from _fields(f.fields)


FIELDS = [f for t in schema.TYPES for f in _fields(t.fields)]


def test_every_fields_allowed_values_are_markup():
    for f in FIELDS:
        assert isinstance(f.kind.allowed(f), Markup), f.name


@given(texts)
@example('<script>x</script>"')
def test_a_kind_writes_any_value_as_text_in_its_cell(index, value):
    """A value of any kind the check might let through, or not: its cell is Markup, and the
    value stands in it as text (a link's text, for an address)."""
    shown = _Shown(next(iter(index.entries.values())), index, "../", True)
    for kind in (kinds.TEXT, kinds.CHOICE, kinds.REF, kinds.URL, kinds.NUMBER):
        f = next(f for f in FIELDS if f.kind is kind)
        out = f.kind.cell(f, value, shown)
        assert isinstance(out, Markup)
        read = _Read(out)
        label = f.choice(value).label if kind is kinds.CHOICE and f.choice(value) else value
        assert {t for _, t in read.tags} <= {"a"} and (read.other, read.text) == ([], label), kind


# JSON data of any shape, its strings and keys weighted towards what ends a script or a line.
json_data = st.recursive(
    st.none() | st.booleans() | st.integers() | texts | st.sampled_from(["</script>", "<!--", "\u2028", "\u2029"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


@given(json_data)
@example({"name": "</script><script>alert(1)</script>", "x": "<!-- \u2028\u2029 & >"})
def test_script_json_is_one_script_element_whose_text_is_the_data(data):
    out = script_json(data, "application/ld+json")
    assert isinstance(out, Markup)
    read = _Read(out)
    assert read.tags == [("start", "script"), ("end", "script")] and read.other == []
    assert read.attributes == [[("type", "application/ld+json")]]
    content = out.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    # Nothing in the element's text that HTML reads there, or that ends a line in a script.
    assert not set(content) & set("<>&\u2028\u2029")
    assert json.loads(content) == data


# --- renderers build HTML with the helpers ---------------------------------------------------

MACROS = ROOT / "macros"


def _builds_html(node: ast.JoinedStr) -> bool:
    """An f-string that interpolates a value into what reads as HTML: a '<' in its text, or an
    attribute (`="`) whose value is interpolated. A regular expression's named group, (?P<x>,
    is not markup."""
    parts = node.values
    if not any(isinstance(p, ast.FormattedValue) for p in parts):
        return False
    text = "".join(p.value for p in parts if isinstance(p, ast.Constant))
    if "<" in text.replace("(?P<", ""):
        return True
    return any(
        isinstance(a, ast.Constant) and a.value.endswith('="') and isinstance(b, ast.FormattedValue)
        for a, b in zip(parts, parts[1:])
    )


# The helpers themselves: they write names checked against a pattern and values escaped by _text.
ESCAPING = MACROS / "markup.py"


def _html_fstrings() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in sorted(set(MACROS.rglob("*.py")) - {ESCAPING}):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        lines = sorted({n.lineno for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) and _builds_html(n)})
        if lines:
            found[path.relative_to(MACROS).as_posix()] = lines
    return found


def test_no_module_builds_html_with_an_f_string():
    found = _html_fstrings()
    assert not found, (
        f"f-strings that put a value into HTML (module: lines): {found}; build it with "
        "markup.html(), element() or join(), which escape every value that is not Markup"
    )


@pytest.mark.parametrize(
    "source, builds",
    [
        ('f"<td>{x}</td>"', True),
        ("f'<a href=\"{u}\">'", True),
        ("f' class=\"{c}\"'", True),
        ('"<td>" f"{x}"', True),
        ('f"<br>"', False),
        ('f"{a} of {b}"', False),
        ('rf"(?P<d>{x})"', False),
    ],
)
def test_the_scan_sees_html_built_with_an_f_string(source, builds):
    node = ast.parse(source, mode="eval").body
    assert _builds_html(node) is builds


def _template_calls():
    """Every call of html() or Markup() in macros/, with its module and first argument."""
    for path in sorted(MACROS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        constants = {
            t.id
            for n in tree.body
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        for n in ast.walk(tree):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in {"html", "Markup"}:
                first = n.args[0] if n.args else None
                literal = first is None or (
                    isinstance(first, ast.Constant) or (isinstance(first, ast.Name) and first.id in constants)
                )
                yield path.relative_to(MACROS).as_posix(), n.lineno, n.func.id, literal


# Where Markup() may vouch for a value: markup.py's own helpers, and the body sanitizer's output.
VOUCHING = {"markup.py", "body.py"}


def test_templates_are_written_in_the_code():
    calls = list(_template_calls())
    assert calls, "the scan found no call of html() or Markup(): it no longer sees them"
    wrong = [(m, line, f) for m, line, f, literal in calls if not literal and m not in VOUCHING]
    assert not wrong, f"html() and Markup() take a template written in the code, not a value: {wrong}"
