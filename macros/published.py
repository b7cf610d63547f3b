"""Where the dossier is published, under what name, and where its sources live: the addresses
pages link to, and the name its citations and exports give.

Read from the site's configuration by the adapter; the core only formats links and text with it.
The repository address comes from the environment (the deploy job sets it), so a local
build without it simply has no "Edit this entry" link rather than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

_REPOSITORY = re.compile(r"\Ahttps://[A-Za-z0-9.-]+(?::\d+)?/[A-Za-z0-9._~-]+/[A-Za-z0-9._~-]+\Z")
_BRANCH = re.compile(r"\A[A-Za-z0-9._/-]+\Z")
_THE = re.compile(r"\AThe (?=\S)")  # a name's leading article
CORRECTION_TEMPLATE = "correction.yml"  # .github/ISSUE_TEMPLATE/, whose first field has the id "entry"


class SettingError(ValueError):
    """A configuration value that cannot be used, with the fix."""


@dataclass(frozen=True)
class Published:
    url: str = ""  # the site's address, ending in '/', or '' when not known
    repository: str = ""  # https://host/owner/name, or '' when not known
    branch: str = "main"
    name: str = field(kw_only=True)  # the site's, as a title: 'The AllofMP3 dossier'

    def __post_init__(self):
        if self.repository and not _REPOSITORY.match(self.repository):
            raise SettingError(
                f"repository address {self.repository!r} must be https://host/owner/name, "
                "such as https://github.com/owner/allofmp3-dossier"
            )
        if not _BRANCH.match(self.branch) or ".." in self.branch:
            raise SettingError(f"branch {self.branch!r} is not a branch name")

    @property
    def name_in_text(self) -> str:
        """The name within a sentence, its leading article in lower case: 'the AllofMP3 dossier'."""
        return _THE.sub("the ", self.name)

    @property
    def short_name(self) -> str:
        """The name without its leading article, as a label: 'AllofMP3 dossier'."""
        return _THE.sub("", self.name)

    def edit_url(self, path: str) -> str:
        """The repository's editor for a file such as entries/people/denis-kvasov.md, or ''."""
        if not self.repository:
            return ""
        return f"{self.repository}/edit/{quote(self.branch)}/{quote(path)}"

    def correction_url(self, path: str, name: str) -> str:
        """A new correction issue, its form opened with the entry's file filled in, or ''."""
        if not self.repository:
            return ""
        query = urlencode({"template": CORRECTION_TEMPLATE, "title": f"Correction: {name}", "entry": path})
        return f"{self.repository}/issues/new?{query}"
