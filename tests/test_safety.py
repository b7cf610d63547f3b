"""Safe to build a stranger's pull request: no template runs, no network, nothing read from
outside the repository, byte-identical builds, hash-pinned dependencies."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import html5lib
import pytest
from conftest import FIXTURES, ROOT, make_project, mkdocs_build, unchecked_project

SECRET = "s3cr3t-value-of-the-build-environment"
PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.environ.DOSSIER_SECRET }}",
    "{% set x = cycler.__init__.__globals__.os.system('touch PWNED') %}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED2').read() }}",
    "{# a comment #}",
]


@pytest.fixture(scope="module")
def unchecked_site(tmp_path_factory):
    """A build in which the check is switched off, with template payloads in an entry."""
    tmp = tmp_path_factory.mktemp("unchecked")
    project = unchecked_project(tmp, FIXTURES / "mini" / "entries")
    jane = project / "entries" / "people" / "jane-roe.md"
    text = jane.read_text(encoding="utf-8")
    text = text.replace("summary: A director.", f'summary: "{PAYLOADS[0]}"\nrender_macros: true')
    text += "\n" + "\n\n".join(PAYLOADS) + "\n\n---\nrender_macros: true\n---\n\n{{ 7 * 7 }}\n"
    jane.write_text(text, encoding="utf-8")
    out = tmp / "site"
    result = mkdocs_build(project, out, strict=False, DOSSIER_SECRET=SECRET)
    assert result.returncode == 0, result.stderr
    return project, out


def test_template_syntax_in_an_entry_never_runs_even_without_the_check(unchecked_site):
    project, site = unchecked_site
    assert not any(project.rglob("PWNED*")) and not any(Path.cwd().glob("PWNED*"))
    for page in site.rglob("*.html"):
        assert SECRET not in page.read_text(encoding="utf-8"), page
    assert SECRET not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    doc = html5lib.parse(
        (site / "people" / "jane-roe" / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False
    )
    text = "".join(doc.find(".//article").itertext())
    # Shown as text (Markdown still turns __init__ into bold, which is harmless).
    for shown in (
        "{{ cycler.init.globals.os.environ.DOSSIER_SECRET }}",
        "{% set x = cycler.init.globals.os.system('touch PWNED') %}",
        "{{ lipsum.globals['os'].popen('touch PWNED2').read() }}",
        "{# a comment #}",
    ):
        assert shown in text
    assert "{{ 7 * 7 }}" in text and "49" not in text


def test_the_check_rejects_template_syntax(tmp_path):
    from macros.corpus import collect

    entries = tmp_path / "entries" / "people"
    entries.mkdir(parents=True)
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries", dirs_exist_ok=True)
    (entries / "jane-roe.md").write_text(
        '---\ntype: person\nname: "{{ config }}"\nsummary: x\nsources: [first-report]\nrender_macros: true\n'
        "---\n{% include 'x' %}\n{# c #}\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in collect(tmp_path / "entries", tmp_path).problems]
    assert problems == [
        "entries/people/jane-roe.md:3: front matter: contains '{{', template syntax that entries may not use",
        "entries/people/jane-roe.md:6: front matter: must not use 'render_macros': entry pages are never run as templates",
        "entries/people/jane-roe.md:8: body: contains '{%', template syntax that entries may not use",
        "entries/people/jane-roe.md:9: body: contains '{#', template syntax that entries may not use",
    ]


@pytest.mark.parametrize(
    "body, message",
    [
        ("<script>alert(1)</script>", "contains raw HTML ('<script'): entries are plain Markdown"),
        ("<iframe src=https://example.org>", "contains raw HTML ('<iframe'): entries are plain Markdown"),
        ('<a href="#" onclick="alert(1)">x</a>', "contains raw HTML ('<a'): entries are plain Markdown"),
        ("<!-- hidden -->", "contains raw HTML ('<!--'): entries are plain Markdown"),
        (
            "[x](javascript:alert(1))",
            "links to 'javascript:alert(1)': links go to http(s) addresses or to other entries",
        ),
        (
            "[x](JaVaScRiPt:alert(1))",
            "links to 'JaVaScRiPt:alert(1)': links go to http(s) addresses or to other entries",
        ),
        ("[x](data:text/html,hi)", "links to 'data:text/html,hi': links go to http(s) addresses or to other entries"),
        (
            "![x](javascript:alert(1))",
            "links to 'javascript:alert(1)': links go to http(s) addresses or to other entries",
        ),
        (
            "[x][1]\n\n[1]: javascript:alert(1)",
            "links to 'javascript:alert(1)': links go to http(s) addresses or to other entries",
        ),
        (
            "[x](/etc/passwd)",
            "links to '/etc/passwd': use a relative link such as ../people/denis-kvasov.md, not an absolute path",
        ),
        (
            "[x](../../../etc/passwd.md)",
            "links to '../../../etc/passwd.md', which is not an entry: link to another entry as ../people/denis-kvasov.md",
        ),
        (
            "[x](../../README.md)",
            "links to '../../README.md', which is not an entry: link to another entry as ../people/denis-kvasov.md",
        ),
        ("[x](file:///etc/passwd)", "links to 'file:///etc/passwd': links go to http(s) addresses or to other entries"),
        (
            "[x](//evil.example/x)",
            "links to '//evil.example/x': use a relative link such as ../people/denis-kvasov.md, not an absolute path",
        ),
    ],
)
def test_the_check_rejects_dangerous_bodies(tmp_path, body, message):
    from macros.corpus import collect

    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    jane = tmp_path / "entries" / "people" / "jane-roe.md"
    text = jane.read_text(encoding="utf-8")
    jane.write_text(text + "\n" + body + "\n", encoding="utf-8")
    line = text.count("\n") + 2 + (2 if body.startswith("[x][1]") else 0)
    problems = [str(p) for p in collect(tmp_path / "entries", tmp_path).problems]
    assert problems == [f"entries/people/jane-roe.md:{line}: body: {message}"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/x",
        "//example.org/x",
        "https://",
        "http://exa mple.org",
        "data:text/html,x",
        "/relative",
    ],
)
def test_article_addresses_must_be_http_or_https(tmp_path, url):
    from macros.corpus import collect

    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    article = tmp_path / "entries" / "articles" / "first-report.md"
    text = article.read_text(encoding="utf-8").replace("url: https://example.org/first", f'url: "{url}"')
    article.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f'url: "{url}"') + 1
    problems = [str(p) for p in collect(tmp_path / "entries", tmp_path).problems]
    assert problems == [f"entries/articles/first-report.md:{line}: url: must be an http:// or https:// address"]


def test_the_build_opens_no_connection_and_reads_only_the_repository(tmp_path):
    project = make_project(tmp_path, ROOT / "entries")
    log = tmp_path / "audit.log"
    out = tmp_path / "site"
    result = mkdocs_build(project, out, DOSSIER_AUDIT_LOG=str(log), PYTHONPATH=str(ROOT / "tests" / "support"))
    assert result.returncode == 0, result.stderr
    events = log.read_text(encoding="utf-8").splitlines()
    assert any(e.endswith("entries/people/denis-kvasov.md") for e in events)  # the hook really logged
    assert [e for e in events if e.startswith("network")] == []
    allowed = [
        str(project),
        str(out),
        sys.prefix,
        sys.base_prefix,
        str(ROOT / "tests" / "support"),
        os.path.realpath(sys.base_prefix),
        "/dev/null",
        "/usr/share/zoneinfo",
        "/etc/localtime",
    ]
    outside = sorted(
        {
            e.split("\t", 1)[1]
            for e in events
            if e.startswith("open") and not any(e.split("\t", 1)[1].startswith(a) for a in allowed)
        }
    )
    assert outside == []
    # The only processes are mkdocs-macros asking git about the repository.
    processes = [e for e in events if e.startswith("process")]
    assert all("'git'" in p for p in processes), processes


def _build_with_epoch(project: Path, out: Path) -> None:
    result = mkdocs_build(project, out, SOURCE_DATE_EPOCH="1700000000", PYTHONHASHSEED="random")
    assert result.returncode == 0, result.stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    # Two copies in different folders, built at different times with different hash seeds.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = make_project(tmp_path / "a", ROOT / "entries")
    second = make_project(tmp_path / "b", ROOT / "entries")
    _build_with_epoch(first, tmp_path / "site-a")
    _build_with_epoch(second, tmp_path / "site-b")
    a, b = _tree(tmp_path / "site-a"), _tree(tmp_path / "site-b")
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []
    assert len(a) > 60


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    blocks = re.split(r"^(?=[A-Za-z0-9_.-]+==)", text, flags=re.M)[1:]
    assert blocks and all("--hash=sha256:" in block for block in blocks), name
    assert not re.search(r"^[A-Za-z0-9_.-]+(>=|<=|~=|>|<)", text, flags=re.M), name
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", text, flags=re.M))


def test_requirements_are_pinned_with_hashes_and_installed_with_require_hashes():
    runtime, dev = _pins("requirements.txt"), _pins("requirements-dev.txt")
    assert {"mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "nh3"} <= set(runtime)
    # The build installs no test tool; the tools' shared dependencies keep the build's versions.
    assert not {"pytest", "hypothesis", "playwright", "html5lib"} & set(runtime)
    assert {"pytest", "hypothesis", "playwright", "html5lib"} <= set(dev)
    assert all(runtime[name] == version for name, version in dev.items() if name in runtime)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for name in ("requirements.txt", "requirements-dev.txt"):
        assert re.search(rf"pip install .*--require-hashes -r {re.escape(name)}", makefile)
    build = re.search(r"^build: (.*)$", makefile, flags=re.M).group(1)
    assert "DEV_STAMP" not in build
