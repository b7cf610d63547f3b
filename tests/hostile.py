"""Hostile entries, and what a built page must never hold whatever an entry says.

`PIECES` gathers one or more inputs of each class of attack found against entry bodies and
front-matter values; tests/fixtures/hostile/ keeps them as entry files, and the property
tests in test_hostile_build.py combine them at random. Every piece carries the marker
`XSS` wherever it tries to become markup, so that the built page can be searched for it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
from conftest import mkdocs_build

MARKER = "XSS"

# Bodies: Markdown that tries to become script, ids, includes or other hosts' content.
BODY_PIECES = [
    # links whose address runs script, in every form Markdown accepts
    "[a](javascript:alert('XSS'))",
    "[a](JaVaScRiPt:alert('XSS'))",
    "[a]\n(javascript:alert('XSS'))",
    "[a][r]\n\n[r]:\n  javascript:alert('XSS')",
    "> [a][q]\n>\n> [q]: javascript:alert('XSS')",
    "[a](< javascript:alert('XSS')>)",
    "[a](<javascript:alert('XSS')>)",
    "<javascript:alert('XSS')>",
    "[a](&#106;avascript:alert('XSS'))",
    "[a](java&#x09;script:alert('XSS'))",
    "[a](vbscript:msgbox('XSS'))",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=)",
    "[x]: <javascript:alert('XSS')>\n\n[y][x]",
    "[a](//evil.example/XSS.md)",
    "[a](../../../../etc/XSS.md)",
    # raw HTML, entities and comments
    "<script>alert('XSS')</script>",
    "<img src=x onerror=alert('XSS')>",
    "<svg onload=alert('XSS')></svg>",
    '<iframe src="https://evil.example/XSS"></iframe>',
    '<a href="javascript:alert(\'XSS\')" id="__config" class="XSS" style="color:red">XSS</a>',
    '<div markdown="1" id="XSS">*XSS*</div>',
    "<!-- XSS -->",
    "&lt;script&gt;alert('XSS')&lt;/script&gt;",
    "<style>body{display:none}</style>XSS",
    '<form action="https://evil.example/XSS"><button>XSS</button></form>',
    "![i](https://evil.example/XSS.png)",
    # attribute syntax and fenced code attributes: ids and classes of the contributor's choosing
    "```{#__config .XSS onclick=\"alert('XSS')\"}\nXSS\n```",
    "~~~ {#__search .XSS}\nXSS\n~~~",
    "## XSS heading {#__config}",
    "# __config",
    "Paragraph XSS\n{: #__config .XSS onclick=\"alert('XSS')\" }",
    # include syntax (files of the repository, or of the machine)
    '--8<-- "mkdocs.yml"',
    '--8<-- "/etc/passwd"',
    ';--8<-- "CONTRIBUTING.md"',
    "--8<--\nmkdocs.yml\n--8<--",
    # template syntax
    "{{ config }}",
    "{% include 'mkdocs.yml' %}",
    # characters that break lines, terminals or YAML elsewhere
    "\x1b[2KXSS",
    "\U0001f600 XSS \U0001d54f",
    "\u202eXSS\u202c",
    "XSS\u2028XSS",
]

# Front-matter values: text that tries to close an attribute, a script, a YAML line or a heading.
VALUE_PIECES = [
    "\"><script>alert('XSS')</script>",
    "'><img src=x onerror=alert('XSS')>",
    "</script><script>alert('XSS')</script>",
    "\n```{#__config}\nXSS\n```\n",
    '\n\n--8<-- "mkdocs.yml"\n\n',
    "{#__config}",
    "__config",
    "\U0001f600 XSS",
    "\" onmouseover=\"alert('XSS')",
    "javascript:alert('XSS')",
    "[XSS](javascript:alert('XSS'))",
    "\n# XSS\n",
    "\nXSS\n===\n",
    "<!-- XSS",
    "]]> XSS",
    "\\ XSS \\",
    "{{ config }} XSS",
]
# Refused by the loader, so an entry holding one is left out of the site; kept for the random tests.
CONTROL_PIECES = ["XSS\rXSS", "XSS\x00\x07\x1b[2K", "XSS\x85\x9b"]

# mkdocs.yml as a file and as the configuration a template prints, /etc/passwd, CONTRIBUTING.md
SECRETS = ("site_name:", "'site_name'", "root:x:0:0", "# Contributing")


def person(name: str, summary: str, says: str, body: str) -> str:
    """A person entry citing the mini fixture's first article, its values written as YAML strings."""

    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar

    return (
        f"---\ntype: person\nname: {q(name)}\naliases: [{q(says)}]\nsummary: {q(summary)}\n"
        f"sources: [first-report]\npoints:\n  - says: {q(says)}\n    sources: [first-report]\n"
        f"    quote: {q(name)}\n---\n{body}\n"
    )


def build_unchecked(project: Path, out: Path) -> None:
    result = mkdocs_build(project, out, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr


_SCRIPT_SCHEME = re.compile(r"^(?:javascript|vbscript|data|file):", re.IGNORECASE)
_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "{http://www.w3.org/1999/xlink}href",
}
_NEVER = {"iframe", "object", "embed", "form", "base", "frame", "frameset", "img", "style", "link", "meta"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CONTRIBUTOR_FREE = {"id", "class", "style", "name", "for", "form"}  # attributes no entry may set


def _plain(value: str) -> str:
    """A URL as a browser reads its scheme: without whitespace and control characters."""
    return "".join(ch for ch in value if ch > " " and ch != "\x7f")


def page_problems(path: Path) -> list[str]:
    """What makes a built page unsafe: script, event attributes, script addresses, elements that
    load or submit elsewhere, ids, classes or styles of an entry's choosing, and shadowed ids."""
    text = path.read_text(encoding="utf-8")
    doc = html5lib.parse(text, namespaceHTMLElements=False)
    out = []
    ids: dict[str, int] = {}
    article = doc.find(".//article")
    content = set(article.iter()) if article is not None else set()
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.rsplit("}", 1)[-1]
        if el in content and tag in _NEVER:
            out.append(f"<{tag}> in the content")
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                out.append(f"event attribute {name}={value!r} on <{tag}>")
            if (name in _URL_ATTRIBUTES or local == "href") and _SCRIPT_SCHEME.match(_plain(value)):
                out.append(f"script address {name}={value!r} on <{tag}>")
            # Heading ids are slugs of the heading's text (lowercased): those are checked below.
            chosen = MARKER.lower() in value.lower() and not (local == "id" and tag in _HEADINGS)
            if local in _CONTRIBUTOR_FREE and chosen:
                out.append(f"{name}={value!r} of an entry's choosing on <{tag}>")
            if local == "src" and el in content:
                out.append(f"<{tag} src={value!r}> in the content")
        if "id" in el.attrib:
            ids[el.attrib["id"]] = ids.get(el.attrib["id"], 0) + 1
            if el in content and el.attrib["id"].startswith("_"):
                out.append(f"id {el.attrib['id']!r} in the content, where the theme's ids start with '_'")
        if tag == "script":
            kind = el.get("type", "")
            if kind in ("application/ld+json", "application/json"):
                json.loads(el.text or "null")  # data only: it must parse, whatever it holds
            elif el.get("src") is None and MARKER in (el.text or ""):
                out.append("an inline script holds an entry's text")
    out += [f"id {i!r} appears {n} times" for i, n in ids.items() if n > 1]
    out += [f"holds {s!r}, read from a file" for s in SECRETS if s in text]
    return out
