"""Write a synthetic but valid dossier of N entries, for the scale benchmark.

The corpus has every entry type in roughly the proportions a grown dossier
would have, grouped in "stories" of about forty entries (a few articles and the
people, organisations, rulings and events they report) that refer mostly to one
another, with some references across stories and to a few much-cited "hub"
organisations, as real affairs do. It uses every feature the check knows:
aliases in other scripts, every EDTF form (uncertain, approximate, intervals,
open ends), dates on which the articles disagree, `disputed` blocks, quotations,
amounts, and body links to other entries and to the web.

The types, their folders and their fields are macros/schema.py's. The five types the
dossier started with get realistic content (their writers below, with any required field
declared since filled in from its declaration); any other declared type gets its share of
entries made from its field declarations alone, so that a new type is measured too.

Output depends only on N, the seed and the declaration. Nothing is written outside `dest`.

    python -m bench.generate 2000 /tmp/some-empty-folder
"""

from __future__ import annotations

import calendar
import json
import math
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros import quotes, schema
from macros.index import Entry

# Each type's share of the entries, as a grown dossier would have them. The stories are built on
# articles, organisations and people (sources, publishers, courts, parties): those must be declared.
SHARES = {"article": 0.12, "person": 0.20, "organisation": 0.30, "ruling": 0.08, "event": 0.30}
STRUCTURAL = ("article", "organisation", "person")
GENERIC_SHARE = 0.05  # the share of a type the generator has no writer for
FOLDERS = {t.name: t.folder for t in schema.TYPES}
# The types with a writer of their own (Generator.write_<type>): realistic fronts and bodies.
WRITTEN = ("article", "person", "organisation", "ruling", "event")
# Optional fields a generated entry leaves out: a quotation counts against its article's budget.
_NEVER = ("quote",)
STORY_SIZE = 40
MIN_ENTRIES = 20

# --- word lists ---------------------------------------------------------------

FIRST = (
    "Anna",
    "Boris",
    "Claire",
    "Dmitri",
    "Elena",
    "Fabrice",
    "Galina",
    "Hugo",
    "Irina",
    "Jacques",
    "Katya",
    "Leonid",
    "Marie",
    "Nikolai",
    "Olga",
    "Pierre",
    "Quentin",
    "Raisa",
    "Sergei",
    "Tatiana",
    "Ulrich",
    "Vera",
    "William",
    "Xenia",
    "Yuri",
    "Zoe",
    "Alexei",
    "Brigitte",
    "Christophe",
    "Daria",
    "Emile",
    "Fiona",
    "Gregory",
    "Helene",
    "Igor",
    "Julia",
    "Konstantin",
    "Laura",
    "Mikhail",
    "Nadia",
    "Oleg",
    "Pauline",
    "Roman",
    "Sophie",
    "Timur",
    "Valerie",
    "Viktor",
    "Yelena",
    "Arkady",
    "Bernard",
    "Camille",
    "Denis",
    "Eric",
    "Francois",
    "Gleb",
    "Isabelle",
    "Jean",
    "Kirill",
    "Lucie",
    "Maxim",
)
LAST = (
    "Abramov",
    "Bertin",
    "Chekhova",
    "Dubois",
    "Egorov",
    "Fournier",
    "Gromov",
    "Hartmann",
    "Ivanova",
    "Jolivet",
    "Kuznetsov",
    "Lemaire",
    "Morozov",
    "Nikitina",
    "Orlov",
    "Petrov",
    "Quillet",
    "Romanov",
    "Sokolova",
    "Tarasov",
    "Usmanov",
    "Volkov",
    "Walsh",
    "Yakovlev",
    "Zaitsev",
    "Antonov",
    "Blanchard",
    "Chevalier",
    "Davidov",
    "Ershova",
    "Fedorov",
    "Garnier",
    "Holloway",
    "Ilyin",
    "Kovalenko",
    "Lebedev",
    "Marchand",
    "Novak",
    "Osipov",
    "Pavlova",
    "Rousseau",
    "Semenov",
    "Tikhonov",
    "Vasiliev",
    "Weber",
    "Zhukov",
    "Belov",
    "Carpentier",
    "Durand",
    "Frolov",
    "Girard",
    "Karpov",
    "Laurent",
    "Medvedeva",
    "Nazarov",
    "Perrin",
    "Rybakov",
    "Sorokin",
    "Thibault",
    "Vinogradov",
    "Mercier",
    "Lambert",
    "Bonnet",
)
STEMS = (
    "Media",
    "Sound",
    "Audio",
    "Net",
    "Music",
    "Tune",
    "Disc",
    "Wave",
    "Track",
    "Melody",
    "Sonic",
    "Beat",
    "Echo",
    "Rhythm",
    "Vinyl",
    "Chord",
    "Stereo",
    "Digital",
    "Stream",
    "Record",
    "Note",
    "Volga",
    "Neva",
    "Baltic",
    "Ural",
    "Polar",
    "Nord",
    "Sib",
    "Mosk",
    "Piter",
)
TAILS = (
    "Services",
    "Group",
    "Records",
    "Rights",
    "Systems",
    "Holdings",
    "Labs",
    "Trade",
    "Works",
    "Partners",
    "Networks",
    "Distribution",
    "Online",
    "Direct",
    "Hub",
)
SITE_TAILS = ("MP3", "Tunes", "Fiesta", "Sale", "Search", "Sparks", "Members", "Box", "Zone", "Planet")
CITIES = (
    "Moscow",
    "Saint Petersburg",
    "Paris",
    "Lyon",
    "London",
    "New York",
    "Los Angeles",
    "Sydney",
    "Kazan",
    "Novosibirsk",
    "Brussels",
    "Geneva",
    "Berlin",
    "Madrid",
    "Toronto",
    "Kyiv",
    "Riga",
    "Vilnius",
    "Tallinn",
    "Minsk",
    "Marseille",
    "Toulouse",
    "Hamburg",
    "Milan",
    "Vienna",
)
COUNTRIES = (
    "Russia",
    "France",
    "United States",
    "United Kingdom",
    "Australia",
    "Germany",
    "Belgium",
    "Switzerland",
    "Canada",
    "Ukraine",
    "Latvia",
    "Spain",
    "Italy",
    "Austria",
)
PAPER_NAMES = (
    "Courier",
    "Tribune",
    "Post",
    "Gazette",
    "Herald",
    "Observer",
    "Review",
    "Digest",
    "Journal",
    "Monitor",
    "Chronicle",
    "Dispatch",
    "Wire",
    "Report",
)
KINDS = (
    ("company", 30),
    ("website", 25),
    ("collecting-society", 8),
    ("trade-body", 8),
    ("payment-network", 4),
    ("bank", 6),
    ("card-processor", 4),
    ("government", 10),
    ("intergovernmental", 2),
)
HUB_KINDS = (
    "trade-body",
    "collecting-society",
    "payment-network",
    "government",
    "intergovernmental",
    "trade-body",
    "website",
    "payment-network",
)
RELATIONS = (
    "operated-by",
    "launched-by",
    "owned-by",
    "continues",
    "clone-of",
    "agent-of",
    "agreement-with",
    "pays-royalties-to",
    "member-of",
    "counterpart-of",
)
ROLES = (
    "director",
    "founder",
    "spokesperson",
    "lawyer",
    "chief executive",
    "press officer",
    "general counsel",
    "president",
    "analyst",
    "programmer",
    "investigator",
    "head of licensing",
)
EVENT_KINDS = (
    "complaint",
    "withdrawal",
    "closure",
    "relaunch",
    "statement",
    "pressure",
    "agreement",
    "legislation",
    "departure",
)
EVENT_NAMES = {
    "complaint": "{a} files a complaint against {b}",
    "withdrawal": "{a} withdraws its suit against {b}",
    "closure": "{b} closes",
    "relaunch": "{b} relaunched",
    "statement": "{a} statement on {b}",
    "pressure": "{a} presses {b}",
    "agreement": "{a} agreement with {b}",
    "legislation": "Change in the law on {b}",
    "departure": "{a} leaves {b}",
}
PARTICIPANT_ROLES = (
    "complainant",
    "target",
    "spokesperson",
    "signatory",
    "site that was closed",
    "network that froze payments",
    "authority that acted",
    "party to the agreement",
    "commentator",
    "witness",
)
RESULTS = ("acquitted", "for-plaintiff", "for-defendant", "dismissed", "withdrawn")
RESULT_WORDS = {
    "acquitted": "The court cleared {d} of the charges brought against {p}.",
    "for-plaintiff": "The court found for {p} against {d}.",
    "for-defendant": "The court found that {d} had not broken the law.",
    "dismissed": "The court dismissed the case brought by {p}.",
    "withdrawn": "{p} withdrew the case before judgment.",
}
WHAT = ("damages claimed", "damages awarded", "fine", "royalties owed", "licence fee", "sum frozen")
FRENCH = (
    "le site a été fermé sur ordre des autorités",
    "une décision de justice est attendue",
    "les maisons de disques réclament des dommages",
    "le service paie des royalties",
    "la plainte a été déposée il y a deux semaines",
    "le tribunal a relaxé le prévenu",
    "les cartes bancaires ont été gelées",
    "la société dément toute illégalité",
    "le fondateur s'en tire à bon compte",
    "la plateforme compte revenir en ligne",
    "aucune décision n'a formellement condamné le site",
    "le ministère public a fait appel",
)
ENGLISH = (
    "the site was shut down by the authorities",
    "the labels claim damages",
    "the service says it pays royalties",
    "the court cleared the defendant",
    "payments by card were frozen",
    "the company denies any wrongdoing",
)
RUSSIAN = ("сайт был закрыт", "суд оправдал обвиняемого", "компания платит роялти")
POINT_VERBS = ("says", "reports", "claims", "notes", "states", "recalls", "adds", "writes")
POINT_FACTS = (
    "{x} was based in {city}",
    "{x} sold tracks for a few cents each",
    "{x} denied any wrongdoing",
    "{x} said it paid royalties to a collecting society",
    "{x} had several million users",
    "{x} was described as a clone of an earlier site",
    "{x} lost its card payments for a time",
    "{x} announced a return under another name",
    "{x} was investigated by the prosecutor",
    "{x} had no licence from the foreign rights holders",
    "{x} called the case a victory",
    "{x} faced proceedings in {country}",
    "{x} moved its servers to {city}",
    "{x} was cited in a trade report",
    "{x} had a catalogue of more than a million tracks",
)
DISPUTE_ABOUT = (
    "who brought the case",
    "whether the site was legal",
    "who pressured the card networks",
    "how many users it had",
    "who founded it",
    "where it was based",
    "what the court decided",
    "how much was claimed",
    "whether it paid royalties",
    "when it closed",
)
BODY_OPENERS = ("According to {p}", "As {p} reports", "In {p}'s account", "{p} says", "Following {p}")
BODY_LINKS = (
    "was linked to",
    "worked with",
    "was opposed by",
    "was named alongside",
    "dealt with",
    "was compared with",
    "answered",
    "was sued by",
    "took part with",
    "was backed by",
)

_CYRILLIC = {
    "a": "а",
    "b": "б",
    "c": "к",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "i": "и",
    "j": "ж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "q": "к",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "w": "в",
    "x": "кс",
    "y": "ы",
    "z": "з",
}
# Written plain: ids and the declaration's names (article, collecting-society, fr), but for the words
# YAML 1.1 reads as booleans or null, which the check refuses in plain text.
_PLAIN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_YAML_WORDS = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))


def cyrillic(name: str) -> str:
    return "".join(_CYRILLIC.get(c.lower(), c).upper() if c.isupper() else _CYRILLIC.get(c, c) for c in name)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entry"


def q(value) -> str:
    """A YAML scalar: ids and names plain, numbers plain, text as a JSON string (valid YAML double-quoted)."""
    if isinstance(value, (int, float)):
        return str(value)
    if _PLAIN.match(value) and value not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def flow(values) -> str:
    return "[" + ", ".join(q(v) for v in values) + "]"


# --- dates ---------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    year: int
    month: int
    day: int

    def shift(self, months: int) -> "Day":
        m = self.year * 12 + self.month - 1 + months
        y, mo = divmod(m, 12)
        return Day(y, mo + 1, min(self.day, calendar.monthrange(y, mo + 1)[1]))

    def text(self, precision: str) -> str:
        if precision == "year":
            return f"{self.year:04d}"
        if precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def random_day(rng: random.Random, base: Day, spread_months: int) -> Day:
    d = base.shift(rng.randint(-spread_months, spread_months))
    return Day(d.year, d.month, rng.randint(1, calendar.monthrange(d.year, d.month)[1]))


def edtf(rng: random.Random, d: Day) -> str:
    """One date in any EDTF level-1 form the dossier uses, weighted as articles give them."""
    r = rng.random()
    if r < 0.28:
        return d.text("day")
    if r < 0.62:
        return d.text("month")
    if r < 0.70:
        return d.text("year")
    if r < 0.79:
        return d.text(rng.choice(("month", "day"))) + "~"
    if r < 0.85:
        return d.text(rng.choice(("month", "year"))) + "?"
    if r < 0.87:
        return d.text("month") + "%"
    if r < 0.93:
        end = Day(d.year, d.month, min(calendar.monthrange(d.year, d.month)[1], d.day + rng.randint(1, 12)))
        return f"{d.text('day')}/{end.text('day')}"
    if r < 0.97:
        return f"../{d.text('day')}"
    return f"{d.text('month')}/.."


# --- the corpus ------------------------------------------------------------------


@dataclass(eq=False)
class Node:
    id: str
    type: str
    name: str
    story: int
    kind: str = ""
    aliases: tuple[str, ...] = ()
    # The front matter as values, in the order written: what the file's YAML reads back as
    # (`emit` writes it), and what the quotation count reads (`Generator.fit_lengths`).
    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""

    @property
    def folder(self) -> str:
        return schema.BY_NAME[self.type].folder

    def text(self) -> str:
        lines: list[str] = []
        for key, value in self.data.items():
            emit(lines, key, value, 0)
        return "---\n" + "\n".join(lines) + "\n---\n" + self.body


@dataclass
class Stats:
    """What the generator wrote: enough to check that the corpus uses every feature."""

    entries: int = 0
    by_type: Counter = field(default_factory=Counter)
    refs: int = 0
    body_links: int = 0
    web_links: int = 0
    aliases: int = 0
    disputed_dates: int = 0
    disputed_blocks: int = 0
    inexact_dates: int = 0
    quotes: int = 0
    bytes: int = 0


class Generator:
    def __init__(self, n: int, seed: int):
        if n < MIN_ENTRIES:
            raise ValueError(f"N must be at least {MIN_ENTRIES}")
        missing = [t for t in STRUCTURAL if t not in schema.BY_NAME]
        if missing:
            raise ValueError(f"the stories are built on {', '.join(STRUCTURAL)}; schema.py declares no {missing[0]}")
        self.n, self.rng = n, random.Random(seed)
        self.ids: set[str] = {"index"}
        self.names: set[str] = set()
        self.stats = Stats()
        self.nodes: list[Node] = []

    # --- skeleton: ids, names, stories ------------------------------------------

    def new_id(self, name: str) -> str:
        base = slug(name)
        candidate, k = base, 2
        while candidate in self.ids:
            candidate, k = f"{base}-{k}", k + 1
        self.ids.add(candidate)
        return candidate

    def unique_name(self, make) -> str:
        return self.unique_named(lambda: (make(), ""))[0]

    def unique_named(self, make) -> tuple[str, str]:
        """make() returns (name, acronym); a few tries for a name not yet used (ids stay unique anyway)."""
        for _ in range(20):
            name, acronym = make()
            if name not in self.names:
                break
        self.names.add(name)
        return name, acronym

    def node(self, etype: str, name: str, story: int, kind: str = "", aliases=()) -> Node:
        """A new entry; articles, rulings and events get their name (and id) once their parties are chosen."""
        n = Node(self.new_id(name) if name else "", etype, name, story, kind, tuple(aliases))
        self.nodes.append(n)
        return n

    def counts(self) -> dict[str, int]:
        """Entries per declared type; the events (else the last type) take what rounding leaves."""
        counts = {t.name: max(1, int(self.n * SHARES.get(t.name, GENERIC_SHARE))) for t in schema.TYPES}
        counts["event" if "event" in counts else schema.TYPES[-1].name] += self.n - sum(counts.values())
        return counts

    def build_skeleton(self) -> None:
        rng, counts = self.rng, self.counts()
        stories = max(1, round(self.n / STORY_SIZE))
        self.stories = stories
        publications = max(1, round(counts["article"] / 6))
        agencies = max(1, counts["organisation"] // 60)
        courts = max(1, counts["ruling"] // 4)
        hubs = min(len(HUB_KINDS), 2 + self.n // 1500)
        others = counts["organisation"] - publications - agencies - courts - hubs
        if others < 1:
            raise ValueError("N is too small for every kind of organisation")
        self.publications = [
            self.node("organisation", self.unique_name(self.paper_name), -1, "publication") for _ in range(publications)
        ]
        self.agencies = [
            self.node(
                "organisation",
                self.unique_name(lambda: f"{rng.choice(CITIES)} {rng.choice(('Press', 'News', 'Wire'))} Agency"),
                -1,
                "news-agency",
            )
            for _ in range(agencies)
        ]
        self.courts = [self.node("organisation", self.unique_name(self.court_name), -1, "court") for _ in range(courts)]
        self.hubs = []
        for i in range(hubs):
            name, acronym = self.unique_named(lambda kind=HUB_KINDS[i]: self.acronym_name(kind))
            self.hubs.append(self.node("organisation", name, -1, HUB_KINDS[i], aliases=[acronym] if acronym else []))
        self.by_story: list[dict[str, list[Node]]] = [{t: [] for t in FOLDERS} for _ in range(stories)]
        self.spread_entries(counts, others)
        self.all = {t: [n for n in self.nodes if n.type == t] for t in FOLDERS}
        self.story_base = [Day(rng.randint(2003, 2009), rng.randint(1, 12), 1) for _ in range(stories)]
        # a story's articles; a story without any borrows its neighbour's
        self.articles_of = []
        for s in range(stories):
            own = self.by_story[s]["article"]
            k = s
            while not own:
                k = (k + 1) % stories
                own = self.by_story[k]["article"]
            self.articles_of.append(own)

    def spread_entries(self, counts: dict[str, int], organisations: int) -> None:
        """The entries of the stories, each type's spread evenly over them."""
        stories = self.stories

        def spread(etype: str, count: int, make):
            for i in range(count):
                story = i * stories // count
                self.by_story[story][etype].append(make(story))

        spread("organisation", organisations, self.make_org)
        spread("person", counts["person"], lambda s: self.node("person", self.unique_name(self.person_name), s))
        for etype in ("article", "ruling", "event"):
            if etype in counts:
                spread(etype, counts[etype], lambda s, etype=etype: self.node(etype, "", s))
        for etype in schema.TYPES:
            if etype.name not in WRITTEN:
                spread(etype.name, counts[etype.name], lambda s, etype=etype: self.generic_node(etype, s))

    def generic_node(self, etype: schema.EntryType, story: int) -> Node:
        """An entry of a type the generator has no writer for, named after its type."""
        rng = self.rng
        name = self.unique_name(lambda: f"The {rng.choice(CITIES)} {etype.name.replace('_', ' ')}")
        kind = etype.field("kind")
        choices = kind.choices if kind is not None and kind.kind == schema.CHOICE else ()
        return self.node(etype.name, name, story, rng.choice(choices).value if choices else "")

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def paper_name(self) -> str:
        return f"{self.rng.choice(CITIES)} {self.rng.choice(PAPER_NAMES)}"

    def court_name(self) -> str:
        rng = self.rng
        return rng.choice(
            (
                f"{rng.choice(CITIES)} Commercial Court",
                f"{rng.choice(CITIES)} District Court",
                f"{rng.choice(CITIES)} Court of Appeal",
                f"{rng.choice(CITIES)} Arbitration Court",
            )
        )

    def acronym_name(self, kind: str) -> tuple[str, str]:
        rng = self.rng
        words = {
            "trade-body": ("Association", "Federation", "Alliance", "Industry Council"),
            "collecting-society": ("Society of Authors", "Rights Agency", "Collecting Society"),
            "payment-network": ("Card Network", "Payments", "Pay"),
            "government": ("Ministry of Culture", "Ministry of Justice", "Trade Representative", "Prosecutor"),
            "intergovernmental": ("Trade Organisation", "Intellectual Property Office"),
            "website": ("Downloads",),
            "company": ("Services",),
            "bank": ("Bank",),
            "card-processor": ("Card Services",),
        }[kind]
        place = rng.choice(COUNTRIES + CITIES)
        name = f"{place} {rng.choice(words)}" if kind != "website" else f"{rng.choice(STEMS)}{rng.choice(SITE_TAILS)}"
        acronym = "".join(w[0] for w in name.split() if w[0].isupper())
        return name, acronym if len(acronym) > 1 else ""

    def make_org(self, story: int) -> Node:
        rng = self.rng
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        if kind == "website":
            name = self.unique_name(lambda: f"{rng.choice(STEMS)}{rng.choice(SITE_TAILS)}")
            aliases = [f"{name}.com"] + ([f"{name.lower()}-fr.com"] if rng.random() < 0.3 else [])
        elif kind in ("company", "bank", "card-processor"):
            tail = {
                "company": TAILS,
                "bank": ("Bank", "Savings Bank", "Credit"),
                "card-processor": ("Card Services", "Processing"),
            }[kind]
            name = self.unique_name(lambda: f"{rng.choice(STEMS)}{rng.choice(('', ' '))}{rng.choice(tail)}")
            aliases = [name.replace(" ", "")] if " " in name and rng.random() < 0.4 else []
        else:
            name, acronym = self.unique_named(lambda: self.acronym_name(kind))
            aliases = [acronym] if acronym and rng.random() < 0.7 else []
        if rng.random() < 0.1:
            aliases.append(cyrillic(name))
        return self.node("organisation", name, story, kind, aliases)

    # --- picking related entries --------------------------------------------------------

    def pick(self, story: int, etype: str, exclude: Node | None = None) -> Node:
        """Mostly an entry of the same story; sometimes one from anywhere, or a hub."""
        rng = self.rng
        if etype == "organisation" and rng.random() < 0.12:
            pool = self.hubs
        else:
            pool = self.by_story[story][etype] if story >= 0 else []
            if not pool or rng.random() < 0.08:
                pool = self.all[etype]
        for _ in range(4):
            choice = rng.choice(pool)
            if choice is not exclude:
                return choice
        return rng.choice([p for p in self.all[etype] if p is not exclude])

    @staticmethod
    def mentioned_types(types: tuple[str, ...]) -> tuple[str, ...]:
        """Of the types a body mentions, those declared."""
        return tuple(t for t in types if t in FOLDERS)

    def party(self, story: int, exclude: Node | None = None) -> Node:
        return self.pick(story, "person" if self.rng.random() < 0.4 else "organisation", exclude)

    def choose_sources(self, node: Node) -> list[Node]:
        rng = self.rng
        own = self.articles_of[node.story] if node.story >= 0 else self.all["article"]
        k = min(len(own), rng.choices((1, 2, 3, 4), (30, 35, 25, 10))[0])
        chosen = rng.sample(own, k)
        if rng.random() < 0.1:
            other = rng.choice(self.all["article"])
            if other not in chosen:
                chosen.append(other)
        return chosen

    def subset(self, sources: list[Node]) -> list[Node]:
        return self.rng.sample(sources, self.rng.choice((1, 1, 1, 2)) if len(sources) > 1 else 1)

    def quote(self, article: Node | None = None) -> str:
        pool = {"en": ENGLISH, "ru": RUSSIAN}.get(getattr(article, "language", ""), FRENCH)
        self.stats.quotes += 1
        return self.rng.choice(pool)

    def maybe_quote(self, sources: list[Node], p: float) -> dict[str, str]:
        """A fact's `quote` field, drawn with probability p, from the first of its sources."""
        if self.rng.random() < p:
            return {"quote": self.quote(sources[0])}
        return {}

    def date_text(self, base: Day, spread: int) -> str:
        text = edtf(self.rng, random_day(self.rng, base, spread))
        if any(c in text for c in "~?%/"):
            self.stats.inexact_dates += 1
        return text

    # --- front matter pieces ---------------------------------------------------------------

    def claim(
        self, items: list[dict], fields: list[tuple[str, object]], sources: list[Node], quote_p: float = 0.15
    ) -> None:
        """One item of a claim list: its fields, then its sources and maybe a quote."""
        item = dict(fields)
        cited = self.subset(sources)
        item["sources"] = [c.id for c in cited]
        item.update(self.maybe_quote(cited, quote_p))
        items.append(item)

    def ref(self, node: Node) -> Node:
        self.stats.refs += 1
        return node

    def points(self, node: Node, sources: list[Node], base: Day, count: int) -> None:
        if not count:
            return
        rng = self.rng
        items = node.data["points"] = []
        for _ in range(count):
            fact = rng.choice(POINT_FACTS).format(x=node.name, city=rng.choice(CITIES), country=rng.choice(COUNTRIES))
            says = f"{self.cite_name(sources[0])} {rng.choice(POINT_VERBS)} that {fact}."
            fields = [("says", says)]
            if rng.random() < 0.3:
                fields.append(("when", self.date_text(base, 12)))
            self.claim(items, fields, sources)

    def disputed(self, node: Node, sources: list[Node], p: float) -> None:
        rng = self.rng
        if len(sources) < 2 or rng.random() >= p:
            return
        self.stats.disputed_blocks += 1
        versions: list[dict] = []
        node.data["disputed"] = [{"about": rng.choice(DISPUTE_ABOUT), "versions": versions}]
        for source in rng.sample(sources, min(len(sources), rng.choice((2, 2, 3)))):
            says = rng.choice(POINT_FACTS).format(x=node.name, city=rng.choice(CITIES), country=rng.choice(COUNTRIES))
            version = {"says": f"{self.cite_name(source)}: {says}.", "sources": [source.id]}
            if rng.random() < 0.2:
                version["quote"] = self.quote(source)
            versions.append(version)

    def dates(self, node: Node, sources: list[Node], base: Day) -> Day:
        """The `date` list: usually one item; sometimes versions that cannot all be true."""
        rng = self.rng
        day = random_day(rng, base, 10)
        items = node.data["date"] = []
        r = rng.random()
        if len(sources) >= 2 and r < 0.18:  # two articles, two incompatible months
            self.stats.disputed_dates += 1
            a, b = rng.sample(sources, 2)
            later = day.shift(rng.randint(2, 7))
            items += [
                {"when": day.text("month"), "sources": [a.id]},
                {"when": later.text(rng.choice(("month", "day"))), "sources": [b.id]},
            ]
            items[-1].update(self.maybe_quote([b], 0.4))
        elif len(sources) >= 2 and r < 0.28:  # two versions that agree, at different precision
            a, b = rng.sample(sources, 2)
            items += [
                {"when": day.text("year"), "sources": [a.id]},
                {"when": day.text("month") + "~", "sources": [b.id]},
            ]
            self.stats.inexact_dates += 1
        else:
            items.append({"when": self.date_text(day, 0), "sources": [c.id for c in self.subset(sources)]})
            items[-1].update(self.maybe_quote(sources, 0.15))
        return day

    def cite_name(self, article: Node) -> str:
        return article.publisher.name

    def cite(self, article: Node) -> str:
        """A body citation, as contributors write them: ([Publisher, Aug 2007](../articles/x.md))."""
        d = article.published_day
        return f"([{article.publisher.name}, {MONTHS[d.month - 1]} {d.year}](../articles/{article.id}.md))"

    def link(self, source: Node, target: Node) -> str:
        self.stats.body_links += 1
        path = f"{target.id}.md" if target.folder == source.folder else f"../{target.folder}/{target.id}.md"
        return f"[{target.name}]({path})"

    # --- naming: articles, rulings and events are named after what they are about -----------

    def name_article(self, node: Node) -> None:
        rng = self.rng
        node.publisher = self.ref(
            rng.choice(
                self.publications[: max(1, len(self.publications) // 3)] if rng.random() < 0.5 else self.publications
            )
        )
        node.published_day = day = random_day(rng, self.story_base[node.story], 14)
        node.language = rng.choices(("fr", "en", "ru"), (60, 30, 10))[0]
        node.subject = self.pick(node.story, "organisation")
        node.other = self.party(node.story, node.subject)
        headline = rng.choice(
            (
                "{a} attaque {b} en justice",
                "{a} relaxé par la justice",
                "{a} annonce son retour",
                "{b} contre {a} : le verdict",
                "{a} gèle les paiements de {b}",
                "{a} claims victory over {b}",
                "{a} and {b}: what the court said",
                "{a} says {b} is illegal",
                "{a} : la fausse victoire de {b}",
            )
        )
        node.name = headline.format(a=node.subject.name, b=node.other.name)
        node.id = self.new_id(node.name)
        r = rng.random()
        if r < 0.55:
            node.published, node.evidence = day.text("day"), "The article carries its date."
            return
        self.stats.inexact_dates += 1
        if r < 0.8:
            last = calendar.monthrange(day.year, day.month)[1]
            end = Day(day.year, day.month, min(last, day.day + rng.randint(2, 12)))
            node.published = f"{day.text('day')}/{end.text('day')}"
            node.evidence = "The article is undated; the events it reports bound its date."
        elif r < 0.9:
            node.published, node.evidence = day.text("month") + "~", "Only the month can be inferred from the archive."
        else:
            node.published, node.evidence = f"../{day.text('day')}", "Cited by a later article of that date."

    def name_ruling(self, node: Node) -> None:
        rng = self.rng
        node.court = self.ref(rng.choice(self.courts))
        defendant = self.ref(self.party(node.story))
        node.parties = [(defendant, "defendant")]
        for _ in range(rng.choice((1, 1, 2, 3))):
            p = self.party(node.story, defendant)
            if p not in [x for x, _ in node.parties]:
                node.parties.append((self.ref(p), rng.choice(("plaintiff", "plaintiff", "prosecutor"))))
        node.name = self.unique_name(
            lambda: (
                f"{node.court.name} rules on {defendant.name}"
                + (f" ({rng.randint(2, 99)})" if rng.random() < 0.3 else "")
            )
        )
        node.id = self.new_id(node.name)

    def name_event(self, node: Node) -> None:
        rng = self.rng
        node.kind = rng.choice(EVENT_KINDS)
        a = self.ref(self.party(node.story))
        b = self.ref(self.pick(node.story, "organisation", a))
        node.participants = [a, b]
        for _ in range(rng.choice((0, 0, 1, 2))):
            p = self.party(node.story)
            if p not in node.participants:
                node.participants.append(self.ref(p))
        node.name = self.unique_name(
            lambda: (
                EVENT_NAMES[node.kind].format(a=a.name, b=b.name)
                + (f", {rng.choice(CITIES)}" if rng.random() < 0.3 else "")
            )
        )
        node.id = self.new_id(node.name)

    # --- each type's front matter and body ---------------------------------------------------

    def write_article(self, node: Node) -> None:
        rng = self.rng
        D = node.data
        D.update(type="article", name=node.name)
        if rng.random() < 0.7:
            D["title"] = node.name
        D["summary"] = f"{node.publisher.name} reports on {node.subject.name} and {node.other.name}."
        D["publisher"] = node.publisher.id
        if rng.random() < 0.1:
            D["published_as"] = node.publisher.name + " online"
        D.update(
            published=node.published,
            date_evidence=node.evidence,
            words=rng.randint(150, 1500),
            url=f"https://{slug(node.publisher.name)}.example.org/{node.published_day.year}/{node.id}.html",
            language=node.language,
        )
        if rng.random() < 0.5:
            D["authors"] = [self.person_name() for _ in range(rng.choice((1, 1, 2)))]
        if rng.random() < 0.15:
            D["relays"] = [self.ref(rng.choice(self.agencies)).id]
        mentioned = [node.subject, node.other]
        for etype in self.mentioned_types(("event", "ruling", "person", "organisation")):
            extra = self.pick(node.story, etype)
            if extra not in mentioned:
                mentioned.append(extra)
        sentences = [
            f"{node.publisher.name} reports on {self.link(node, node.subject)} and {self.link(node, node.other)}."
        ]
        for target in mentioned[2:]:
            sentences.append(
                f"It {rng.choice(('mentions', 'discusses', 'recalls', 'returns to'))} "
                f"{self.link(node, target)}, "
                f"{rng.choice(('briefly', 'at length', 'in passing', 'with figures'))}."
            )
        if rng.random() < 0.4:
            sentences.append(
                f'It quotes {rng.choice(("a spokesperson", "a lawyer", "an analyst"))}: "{self.quote(node)}".'
            )
        node.body = self.paragraphs(sentences)

    def write_person(self, node: Node) -> None:
        rng = self.rng
        sources = self.choose_sources(node)
        base = self.story_base[node.story]
        D = node.data
        D.update(type="person", name=node.name)
        aliases = []
        if rng.random() < 0.35:
            aliases.append(node.name.split()[-1])
        if rng.random() < 0.2:
            aliases.append(cyrillic(node.name))
        if aliases:
            self.stats.aliases += 1
            D["aliases"] = aliases
        roles = [
            (rng.choice(ROLES), self.ref(self.pick(node.story, "organisation")))
            for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3)))
        ]
        first = f"{roles[0][0]} of {roles[0][1].name}" if roles else "a person"
        D["summary"] = f"{first[0].upper() + first[1:]}, named in {len(sources)} of the articles."
        D["sources"] = [s.id for s in sources]
        if roles:
            items = D["roles"] = []
            for role, org in roles:
                fields = [("role", role), ("of", org.id)]
                if rng.random() < 0.35:
                    fields.append(("start", self.date_text(base.shift(-18), 6)))
                if rng.random() < 0.35:
                    fields.append(("end", self.date_text(base.shift(6), 6)))
                self.claim(items, fields, sources)
        self.points(node, sources, base, rng.choice((0, 1, 1, 2, 3, 4)))
        self.disputed(node, sources, 0.08)
        node.body = self.account(node, sources, [org for _, org in roles])

    def write_organisation(self, node: Node) -> None:
        rng = self.rng
        sources = self.choose_sources(node)
        local = node.story >= 0
        base = self.story_base[node.story] if local else Day(2006, 6, 1)
        D = node.data
        D.update(type="organisation", name=node.name)
        if node.aliases:
            self.stats.aliases += 1
            D["aliases"] = list(node.aliases)
        country = rng.choice(COUNTRIES)
        D["summary"] = f"A {node.kind.replace('-', ' ')} in {country} that the articles mention."
        D["sources"] = [s.id for s in sources]
        D["kind"] = node.kind
        if rng.random() < 0.8:
            D["country"] = country
        related = [
            self.ref(self.party(max(node.story, 0), node))
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3) if local else (0, 0, 0, 1)))
        ]
        if related:
            items = D["relations"] = []
            for target in related:
                self.claim(items, [("relation", rng.choice(RELATIONS)), ("to", target.id)], sources)
        self.points(node, sources, base, rng.choice((0, 1, 1, 2, 3, 5) if local else (0, 1)))
        self.disputed(node, sources, 0.08)
        node.body = self.account(node, sources, related) if local or rng.random() < 0.5 else ""

    def write_ruling(self, node: Node) -> None:
        rng = self.rng
        sources = self.choose_sources(node)
        base = self.story_base[node.story]
        court, parties = node.court, node.parties
        defendant = parties[0][0]
        plaintiff = parties[1][0] if len(parties) > 1 else court
        D = node.data
        D.update(type="ruling", name=node.name)
        if rng.random() < 0.2:
            self.stats.aliases += 1
            D["aliases"] = [f"The {defendant.name} case"]
        D["summary"] = f"The {court.name} decided the case of {plaintiff.name} against {defendant.name}."
        D["sources"] = [s.id for s in sources]
        self.dates(node, sources, base)
        self.claim(D.setdefault("court", []), [("entry", court.id)], sources, 0)
        for p, role in parties:
            self.claim(D.setdefault("parties", []), [("entry", p.id), ("role", role)], sources, 0.1)
        for _ in range(rng.choice((1, 1, 2))):
            result = rng.choice(RESULTS)
            self.claim(
                D.setdefault("outcome", []),
                [("result", result), ("says", RESULT_WORDS[result].format(d=defendant.name, p=plaintiff.name))],
                sources,
            )
        if rng.random() < 0.4:
            items = D["amounts"] = []
            for _ in range(rng.choice((1, 1, 2))):
                amount = rng.choice((1000, 5000, 25000, 587000, 1650000)) * rng.randint(1, 9)
                self.claim(
                    items,
                    [("amount", amount), ("currency", rng.choice(("USD", "EUR", "RUB"))), ("what", rng.choice(WHAT))],
                    sources,
                    0.1,
                )
        self.points(node, sources, base, rng.choice((0, 0, 1, 2, 3)))
        self.disputed(node, sources, 0.12)
        node.body = self.account(node, sources, [court] + [p for p, _ in parties])

    def write_event(self, node: Node) -> None:
        rng = self.rng
        sources = self.choose_sources(node)
        base = self.story_base[node.story]
        node.data.update(
            type="event",
            name=node.name,
            summary=node.name + ", as the articles report it.",
            sources=[s.id for s in sources],
            kind=node.kind,
        )
        self.dates(node, sources, base)
        items = node.data["participants"] = []
        for p in node.participants:
            self.claim(items, [("entry", p.id), ("role", rng.choice(PARTICIPANT_ROLES))], sources, 0.1)
        self.points(node, sources, base, rng.choice((0, 0, 1, 1, 2, 3)))
        self.disputed(node, sources, 0.08)
        node.body = self.account(node, sources, node.participants)

    # --- bodies --------------------------------------------------------------------------

    def paragraphs(self, sentences: list[str]) -> str:
        rng, out, para = self.rng, [], []
        for s in sentences:
            para.append(s)
            if len(para) >= 3 and rng.random() < 0.5:
                out.append(para)
                para = []
        if para:
            out.append(para)
        return "\n\n".join(_wrap(" ".join(p)) for p in out) + "\n"

    def account(self, node: Node, sources: list[Node], related: list[Node]) -> str:
        """English prose linking to the entries named in the front matter, to others and to sources."""
        rng = self.rng
        story = max(node.story, 0)
        mentioned = [r for r in dict.fromkeys(related) if r is not node]
        # Of the types it may mention, those with an entry other than this one: at the least N,
        # a ruling may be the only one.
        pool = tuple(
            t
            for t in self.mentioned_types(("person", "organisation", "event", "ruling"))
            if any(n is not node for n in self.all[t])
        )
        for etype in rng.sample(pool, min(len(pool), rng.choice((1, 2, 2, 3)))):
            extra = self.pick(story, etype, node)
            if extra not in mentioned:
                mentioned.append(extra)
        sentences = []
        subject = {"ruling": "the decision", "event": "it"}.get(node.type, node.name)
        for i, target in enumerate(mentioned):
            source = sources[i % len(sources)]
            opener = rng.choice(BODY_OPENERS).format(p=source.publisher.name)
            sentences.append(
                f"{opener}, {subject} {rng.choice(BODY_LINKS)} {self.link(node, target)} {self.cite(source)}."
            )
        if rng.random() < 0.1:
            self.stats.web_links += 1
            sentences.append(f"An archived copy is at [the archive](https://archive.example.org/{node.id}).")
        if rng.random() < 0.15 and len(sources) > 1:
            sentences.append("The articles do not agree on every point; see the disputed points above.")
        return self.paragraphs(sentences) if sentences else ""

    # --- the whole corpus ----------------------------------------------------------------

    def generate(self) -> list[Node]:
        self.build_skeleton()
        # every entry is named (and so has its id) before any entry links to it
        for etype, namer in (("article", self.name_article), ("ruling", self.name_ruling), ("event", self.name_event)):
            for node in self.all.get(etype, ()):
                namer(node)
        for node in self.nodes:
            write = getattr(self, f"write_{node.type}") if node.type in WRITTEN else self.write_generic
            write(node)
            self.complete(node)
        self.fit_lengths()
        return self.nodes

    def fit_lengths(self) -> None:
        """Each article long enough for the quotations of it that were drawn. They are counted as the
        check counts them (quotes.tally, on the entries the files read back as): a fact's `quote`,
        and the words within quotation marks in the body and in every field of text, each against
        the articles it is attributed to; the check holds them, all entries together, to
        schema.QUOTE_SHARE of the article's `words`."""
        entries = (Entry(n.id, schema.BY_NAME[n.type], f"{n.folder}/{n.id}.md", n.data, n.body, 0) for n in self.nodes)
        quoted = quotes.tally(entries)
        for node in self.nodes:
            size = node.data.get(quotes.LENGTH)
            if node.id in quoted and type(size) is int:
                # The least length whose limit, quotes.Budget.limit (a whole share of it), holds them.
                need = math.ceil(sum(quoted[node.id].values()) / quotes.SHARE)
                node.data[quotes.LENGTH] = max(size, need)

    # --- any other type, and fields declared since the writers were: from the declaration ---

    def write_generic(self, node: Node) -> None:
        """Every required field of the entry's type and some of the others, from their declaration;
        a body that links to what the entry refers to."""
        sources = self.choose_sources(node)
        related: list[Node] = []
        for f in schema.BY_NAME[node.type].fields:
            if f.required or (f.name not in _NEVER and self.rng.random() < 0.5):
                node.data[f.name] = self.value(f, node, sources, related, top=True)
        node.body = self.account(node, sources, related)

    def complete(self, node: Node) -> None:
        """The required fields of the entry's type that its writer did not write, from their declaration."""
        missing = [f for f in schema.BY_NAME[node.type].fields if f.required and f.name not in node.data]
        if missing:
            sources = self.choose_sources(node)
            for f in missing:
                node.data[f.name] = self.value(f, node, sources, [], top=True)

    def value(self, f: schema.Field, node: Node, sources: list[Node], related: list[Node], top: bool = False):
        """A valid value of field `f` for `node`: a scalar, a list or a mapping."""
        rng = self.rng
        if f.name == "sources":  # the entry's own list, or a fact's: among the entry's articles
            return [s.id for s in (sources if top else self.subset(sources))]
        if f.kind == schema.LIST:
            items = [self.value(f.item, node, sources, related) for _ in range(max(f.min_items, rng.choice((1, 1, 2))))]
            scalars = [i for i in items if not isinstance(i, dict)]
            return list(dict.fromkeys(scalars)) if scalars else items  # an id or a name once
        if f.kind == schema.OBJECT:
            return {
                s.name: self.value(s, node, sources, related)
                for s in f.fields
                if s.required or (s.name not in _NEVER and rng.random() < 0.5)
            }
        if f.kind == schema.REF:
            target = self.ref(self.target(f, node))
            related.append(target)
            return target.id
        return self.scalar(f, node)

    def scalar(self, f: schema.Field, node: Node):
        rng = self.rng
        if f.kind == schema.CHOICE:
            known = {"type": node.type, "kind": node.kind}.get(f.name)
            return known or rng.choice(f.choices).value
        if f.kind == schema.DATE:
            return self.date_text(self.story_base[max(node.story, 0)], 12)
        if f.kind == schema.URL:
            return f"https://archive.example.org/{node.id}/{f.name.replace('_', '-')}"
        if f.kind == schema.NUMBER:
            return rng.randint(1, 999) * 100
        if f.name == "name":
            return node.name
        if f.name == "alias":  # the name in another script, as aliases often are
            return cyrillic(node.name)
        if f.name == "summary":
            text = f"{node.name}, as the articles report it."
        else:
            fact = rng.choice(POINT_FACTS).format(x=node.name, city=rng.choice(CITIES), country=rng.choice(COUNTRIES))
            text = f.example or f"{fact[0].upper()}{fact[1:]}."
        return text[: f.max_length] if f.max_length else text

    def target(self, f: schema.Field, node: Node) -> Node:
        """An entry that reference field `f` may name: mostly one of the same story."""
        kinds = set(f.target_kinds)
        pool = [n for t in f.targets for n in self.all.get(t, ()) if n is not node and (not kinds or n.kind in kinds)]
        if not pool:
            raise ValueError(f"{node.type}.{f.name}: no entry of the kind it refers to ({', '.join(f.targets)})")
        local = [n for n in pool if n.story == node.story]
        return self.rng.choice(local if local and self.rng.random() < 0.9 else pool)


def emit(lines: list[str], key: str, value, indent: int) -> None:
    """`key: value` as YAML lines at `indent`: scalars as q() writes them, lists of scalars in
    flow style, mappings and lists of mappings as blocks."""
    pad = " " * indent
    if isinstance(value, dict):
        lines.append(f"{pad}{key}:")
        for k, v in value.items():
            emit(lines, k, v, indent + 2)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        lines.append(f"{pad}{key}:")
        for item in value:
            first = len(lines)
            for k, v in item.items():
                emit(lines, k, v, indent + 4)
            lines[first] = f"{pad}  - {lines[first][indent + 4 :]}"
    elif isinstance(value, list):
        lines.append(f"{pad}{key}: {flow(value)}")
    else:
        lines.append(f"{pad}{key}: {q(value)}")


def _wrap(text: str, width: int = 96) -> str:
    """Break prose into lines of about `width` characters, never inside a Markdown link."""
    out, line = [], ""
    for word in re.findall(r"\[[^\]]*\]\([^)]*\)[^\s]*|\S+", text):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return "\n".join(out)


def generate(n: int, dest: Path, seed: int = 1) -> Stats:
    """Write N entries into dest/<type folder>/<id>.md; dest must be missing or empty."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty")
    gen = Generator(n, seed)
    nodes = gen.generate()
    for etype in schema.TYPES:
        (dest / etype.folder).mkdir(parents=True, exist_ok=True)
    stats = gen.stats
    for node in nodes:
        data = node.text().encode("utf-8")
        (dest / node.folder / f"{node.id}.md").write_bytes(data)
        stats.entries += 1
        stats.by_type[node.type] += 1
        stats.bytes += len(data)
    return stats


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) not in (2, 3):
        print("usage: python -m bench.generate N DEST [SEED]", file=sys.stderr)
        return 2
    if not all(a.isdigit() for a in argv[:1] + argv[2:]):
        print("python -m bench.generate: N and SEED are whole numbers", file=sys.stderr)
        return 2
    try:
        stats = generate(int(argv[0]), Path(argv[1]), int(argv[2]) if len(argv) == 3 else 1)
    except (ValueError, FileExistsError) as e:  # too few entries; a folder already in use
        print(f"python -m bench.generate: {e}", file=sys.stderr)
        return 2
    print(json.dumps({**stats.__dict__, "by_type": dict(stats.by_type)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
