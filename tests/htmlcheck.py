"""Reading a built site as HTML: the ids each page defines and the addresses it uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser fetch something, by element.
LOADS = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
}


@dataclass
class Page:
    path: Path
    ids: set = field(default_factory=set)
    links: list = field(default_factory=list)  # (tag, attr, value)


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.page.ids.add(value)
            if name in ("href", "src", "data") or (tag == "image" and name == "href"):
                if tag == "link" and name == "href":
                    rel = dict(attrs).get("rel", "")
                    if rel in ("canonical", "alternate"):
                        continue
                self.page.links.append((tag, name, value))


def read_site(site: Path) -> dict[Path, Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = Page(path)
        _Parser(page).feed(path.read_text(encoding="utf-8"))
        pages[path] = page
    return pages


def is_external(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme or parts.netloc)


def resolve(site: Path, page: Path, value: str) -> tuple[Path, str]:
    """The file an internal address points to, and its fragment."""
    parts = urlsplit(value)
    path = unquote(parts.path)
    if path.startswith("/"):  # only 404.html uses root-absolute addresses: it is served at any depth
        target = (site / path.lstrip("/")).resolve()
    else:
        target = (page.parent / path).resolve() if path else page
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> tuple[list[str], int]:
    """Every internal address of every page of `site` that names no file, or a fragment its page
    lacks, one line each; and how many addresses were checked."""
    pages = read_site(site)
    broken = []
    checked = 0
    for path, page in pages.items():
        for tag, attr, value in page.links:
            if is_external(value) or value.startswith(("mailto:", "data:")):
                continue
            target, fragment = resolve(site, path, value)
            checked += 1
            rel = path.relative_to(site)
            if not target.is_file():
                broken.append(f"{rel}: <{tag} {attr}={value!r}>: no such file")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{rel}: <{tag} {attr}={value!r}>: no id {fragment!r} in that page")
    return broken, checked


def folder_addresses(site: Path) -> list[str]:
    """The internal addresses of `site`'s pages that name a folder rather than a file: a host
    serves its index.html, a site read from the file system shows the folder."""
    found = []
    for path, page in read_site(site).items():
        for tag, attr, value in page.links:
            if is_external(value) or value.startswith(("mailto:", "data:")):
                continue
            target = unquote(urlsplit(value).path)
            if target and (target.endswith("/") or (path.parent / target).is_dir()):
                found.append(f"{path.relative_to(site)}: <{tag} {attr}={value!r}>")
    return found
