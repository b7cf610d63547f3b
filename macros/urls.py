"""How the built site addresses its pages: the one place the core knows a URL style.

A page is named by its source path ('people/denis-kvasov.md', 'people/index.md',
'timeline/2007.md'); the site generator decides where it is written, and the adapter says
which of the two usual styles it uses:

- directory addresses (the default, MkDocs' `use_directory_urls: true`): 'people/denis-kvasov.md'
  is written to people/denis-kvasov/index.html and linked as 'people/denis-kvasov/', and an index
  page as its folder, 'people/';
- file addresses: written to people/denis-kvasov.html and linked as that, and an index page as
  'people/index.html', which a site read from the file system needs.

Pages link to one another by relative addresses, so that the site works in any folder of a host.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    directories: bool = True  # 'people/x/' (people/x/index.html) rather than 'people/x.html'

    def page(self, src: str) -> str:
        """The address, from the site root, of the page made from source path `src`."""
        stem = src.removesuffix(".md")
        if not self.directories:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def base(self, src: str) -> str:
        """The relative path from the page made from `src` to the site root: '' at the root."""
        return "../" * self.page(src).count("/")

    def relative(self, src: str, target: str) -> str:
        """The shortest relative address of page `target` from page `src`: 'x/' or '../../people/x/'
        between directory addresses, 'x.html' or '../people/x.html' between file addresses."""
        here = self.page(src).split("/")[:-1]  # the folders the page is in ('people/x/' is in people/x)
        *folders, name = self.page(target).split("/")
        shared = 0
        while shared < min(len(here), len(folders)) and here[shared] == folders[shared]:
            shared += 1
        return "../" * (len(here) - shared) + "".join(f + "/" for f in folders[shared:]) + name or "./"


DIRECTORIES = Urls()
