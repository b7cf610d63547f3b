"""The one declaration of every entry type.

The validator, the scaffolding, the editor JSON Schema and the schema
reference page all read these tables, so they cannot drift apart.
A field names its kind, whether it is required, its allowed values, the entry
types a reference may point to, and the name under which the reverse relation
shows on the target's page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as _field
from types import MappingProxyType
from typing import Iterator

# The kinds of values: each checks, shows and exports its own (kinds.py). Other modules ask a
# field (`is_list`, `references()`...) or its kind what they need, rather than compare kinds.
from .kinds import CHOICE, DATE, LIST, NUMBER, OBJECT, REF, TEXT, URL, Kind

# The most items any list may hold: far above what an entry needs (the longest list of the
# dossier has about twenty), low enough that no entry can make the build slow.
MAX_ITEMS = 500


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    reverse: str = ""  # for a choice that qualifies a reference: the reverse relation's name
    schema_org: str = ""  # for a type's `kind`: the schema.org type its entries take instead of the type's


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    help: str
    required: bool = False
    choices: tuple[Choice, ...] = ()
    targets: tuple[str, ...] = ()
    target_kinds: tuple[str, ...] = ()  # for a reference: the target's allowed `kind` values
    reverse: str = ""  # reverse relation name shown on the target's page
    reverse_by: str = ""  # sibling choice field whose value names the reverse relation
    item: "Field | None" = None
    fields: tuple["Field", ...] = ()
    min_items: int = 0
    max_items: int = MAX_ITEMS
    max_length: int = 0  # for text: the most characters allowed (0: no limit)
    example: str = ""
    title: str = ""  # what pages call the field, where its name would not say it well
    missing: str = ""  # what the page's facts table says when the field is absent ("not known"), if anything
    # The schema.org property the field gives on its entry's page (JSON-LD): a text or choice
    # gives its value, a reference (or a list of facts holding one) the entries it names, a
    # date the dates it allows. `place` wraps a text as a schema.org Place.
    schema_org: str = ""
    edge: str = ""  # for a reference: the label of the relations-graph arrow from its entry to the target
    # For a reference: whether it may name its own entry (a site's own claim, on the site's page);
    # any other reference to itself is refused as a slip.
    may_name_itself: bool = False

    @property
    def label(self) -> str:
        return self.title or self.name.replace("_", " ").capitalize()

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def subfield(self, name: str) -> "Field | None":
        return next((f for f in self.fields if f.name == name), None)

    # What traversal code asks of a field, rather than comparing kinds.

    @property
    def is_list(self) -> bool:
        return self.kind.is_list

    @property
    def is_mapping(self) -> bool:
        return self.kind.is_mapping

    @property
    def is_reference(self) -> bool:
        return self.kind.is_reference

    @property
    def is_date(self) -> bool:
        return self.kind.is_date

    @property
    def inner(self) -> "Field":
        """What each value holds: a list's item, else the field itself."""
        return self.item if self.is_list and self.item is not None else self

    @property
    def is_list_of_mappings(self) -> bool:
        """A list of facts or other mappings (points, roles, disputed...)."""
        return self.is_list and self.inner.is_mapping

    def references(self) -> Iterator["Field"]:
        """The reference fields a value holds: the field (or its items) itself, or its items' fields."""
        inner = self.inner
        if inner.is_reference:
            yield inner
        elif inner.is_mapping:
            yield from (s for s in inner.fields if s.is_reference)

    def levels(self) -> int:
        """How many lists and mappings a value of the field may nest."""
        if self.is_list:  # a list whose items are not declared holds nothing that nests
            return 1 + (self.item.levels() if self.item is not None else 0)
        if self.is_mapping:
            return 1 + max(s.levels() for s in self.fields)
        return 0


@dataclass(frozen=True)
class Presentation:
    """How a type's entries are shown, declared beside its fields: the pages, the JSON-LD and the
    citations read it, so that a new type needs no change to them."""

    intro: str  # the opening sentence of the type's index page
    schema_org: str = "Thing"  # the schema.org type of its entries' pages
    body_heading: str = "Account"  # the heading over the entry's own text
    is_source: bool = False  # an article: others cite it; its page lists what cites it
    citation: str = ""  # how its page offers a citation: "article", "legal_case", or none
    # Its rows on the timeline: the group's heading, its colour, and where the group comes
    # (lower first); a type whose entries have dated facts is drawn whatever it declares.
    timeline: str = ""  # the group's heading; the plural when empty
    colour: str = "#607080"
    timeline_rank: int = 50
    corner: int = 4  # the radius of the corners of its boxes in the relations graph
    # A date field that dates the entry itself, as an article's publication: a fact of the
    # chronology, said "<type> <field's label>" ("article published"), resting on the entry's sources.
    dated_by: str = ""


@dataclass(frozen=True)
class EntryType:
    name: str
    folder: str
    plural: str
    help: str
    fields: tuple[Field, ...]
    columns: tuple[str, ...] = _field(default=())  # index-table columns, by field name
    presentation: Presentation = Presentation("")

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


# --- building blocks shared by several types --------------------------------


def _sources(required: bool = True) -> Field:
    return Field(
        "sources",
        LIST,
        required=required,
        min_items=1 if required else 0,
        help="ids of the articles this rests on",
        item=Field(
            "source",
            REF,
            targets=("article",),
            reverse="Cited by",
            help="an article id",
            example="allofmp3-plans-its-return",
        ),
        example="[allofmp3-plans-its-return]",
    )


# An entry's own list: what its summary and account rest on. The articles that its facts cite
# are added to it (index.Entry.sources), so citing an article in a fact is enough.
ENTRY_SOURCES = replace(
    _sources(required=False), help="ids of the articles the entry rests on (those its facts cite are added)"
)


QUOTE_MAX = 300  # characters: a sentence or two, no more, out of respect for the publishers' text
# The most of an article's words that the dossier's quotations of it may hold, all entries together:
# the articles are quoted to support facts, not republished.
QUOTE_SHARE = 0.15
QUOTE = Field(
    "quote",
    TEXT,
    max_length=QUOTE_MAX,
    help="a short quotation in the original language, copied exactly (a sentence at most)",
)


def _claim(name: str, help: str, *fields: Field, required: bool = False, min_items: int = 0) -> Field:
    """A list of facts, each with its own sources and an optional quotation."""
    return Field(
        name,
        LIST,
        help=help,
        required=required,
        min_items=min_items,
        item=Field(name, OBJECT, help=help, fields=(*fields, _sources(), QUOTE)),
    )


def _dates(help: str, required: bool = True) -> Field:
    return replace(
        _claim(
            "date",
            help,
            Field(
                "when",
                DATE,
                required=True,
                help="an EDTF date: 2007, 2007-08, 2007-08-16, 2007-08~, 2006-09?, 2007-07-13/2007-07-18, ../2007-07-18",
                example="2007-08~",
            ),
            required=required,
            min_items=1 if required else 0,
        ),
        schema_org="startDate",
    )


PARTY_TARGETS = ("person", "organisation")

# A claim the articles report as someone's (the site says it pays ROMS; a news site says who owns
# another) rather than state as fact: pages, the graph and the exports say whose it is.
ACCORDING_TO = Field(
    "according_to",
    REF,
    targets=PARTY_TARGETS,
    reverse="Claims it made",
    title="According to",
    may_name_itself=True,
    help="whose claim this is, when the article reports it as someone's claim rather than as fact",
    example="allofmp3",
)

POINTS = _claim(
    "points",
    "facts the articles state, in English, each with its sources",
    Field("says", TEXT, required=True, help="the fact, in your own words, in English"),
    Field("when", DATE, help="the date the fact is about, if the articles give one"),
    ACCORDING_TO,
)

DISPUTED = Field(
    "disputed",
    LIST,
    help="points on which the articles disagree: every version with its sources, none chosen",
    item=Field(
        "disputed",
        OBJECT,
        help="one disagreement",
        fields=(
            Field("about", TEXT, required=True, help="what the articles disagree about"),
            Field(
                "versions",
                LIST,
                required=True,
                min_items=2,
                help="each article's version",
                item=Field(
                    "versions",
                    OBJECT,
                    help="one version",
                    fields=(
                        Field("says", TEXT, required=True, help="this version, in your own words, in English"),
                        _sources(),
                        QUOTE,
                    ),
                ),
            ),
        ),
    ),
)

COMMON = (
    Field("type", CHOICE, required=True, help="the entry type"),  # its choices: every declared type (below)
    Field("name", TEXT, required=True, help="the display name", example="Denis Kvasov"),
    Field(
        "aliases",
        LIST,
        help="other spellings, scripts or translations of the name",
        item=Field("alias", TEXT, help="another name"),
        example='["Media Services"]',
    ),
    Field("summary", TEXT, required=True, max_length=400, help="one sentence in English, shown in tables and search"),
)

ORGANISATION_KINDS = (
    Choice("company", "company", schema_org="Corporation"),
    Choice("website", "website or service"),
    Choice("collecting-society", "collecting society"),
    Choice("trade-body", "trade body"),
    Choice("payment-network", "payment network"),
    Choice("bank", "bank", schema_org="BankOrCreditUnion"),
    Choice("card-processor", "card processor"),
    Choice("court", "court", schema_org="GovernmentOrganization"),
    Choice("government", "government body", schema_org="GovernmentOrganization"),
    Choice("intergovernmental", "intergovernmental organisation", schema_org="GovernmentOrganization"),
    Choice("publication", "publication", schema_org="NewsMediaOrganization"),
    Choice("news-agency", "news agency", schema_org="NewsMediaOrganization"),
    Choice("unspecified", "kind not stated in the articles"),
)

RELATIONS = (
    Choice("operated-by", "operated by", reverse="Operates"),
    Choice("launched-by", "launched by", reverse="Launched"),
    Choice("owned-by", "owned by", reverse="Owns"),
    Choice("continues", "continues (a later name of)", reverse="Continued as"),
    Choice("clone-of", "clone of", reverse="Cloned by"),
    Choice("agent-of", "agent of", reverse="Agents"),
    Choice("agreement-with", "had an agreement with", reverse="Agreements"),
    Choice("pays-royalties-to", "pays royalties to", reverse="Receives royalties from"),
    Choice("member-of", "member of", reverse="Members"),
    Choice("counterpart-of", "compared to", reverse="Compared with"),
)

PARTY_ROLES = (
    Choice("plaintiff", "plaintiff", reverse="Plaintiff in"),
    Choice("defendant", "defendant", reverse="Defendant in"),
    Choice("prosecutor", "prosecutor", reverse="Prosecutor in"),
    Choice("party", "party, role not stated", reverse="Party to"),
)

RESULTS = (
    Choice("acquitted", "acquitted"),
    Choice("for-plaintiff", "for the plaintiff"),
    Choice("for-defendant", "for the defendant"),
    Choice("dismissed", "dismissed"),
    Choice("withdrawn", "withdrawn"),
)

EVENT_KINDS = (
    Choice("complaint", "complaint or lawsuit filed"),
    Choice("withdrawal", "lawsuit withdrawn"),
    Choice("closure", "site closed"),
    Choice("relaunch", "site relaunched"),
    Choice("statement", "public statement"),
    Choice("pressure", "pressure or sanction"),
    Choice("agreement", "agreement"),
    Choice("legislation", "change in the law"),
    Choice("departure", "departure from a post"),
)

LANGUAGES = (Choice("fr", "French"), Choice("en", "English"), Choice("ru", "Russian"))

TYPES: tuple[EntryType, ...] = (
    EntryType(
        "article",
        "articles",
        "Articles",
        "a press article: one of the dossier's sources",
        COMMON
        + (
            Field("title", TEXT, help="the title as published, in its language, if known", schema_org="headline"),
            Field(
                "publisher",
                REF,
                required=True,
                targets=("organisation",),
                reverse="Published",
                help="the publication that published it",
                example="numerama",
                schema_org="publisher",
            ),
            Field("published_as", TEXT, help="the publication's name at the time, if it differs"),
            Field(
                "published",
                DATE,
                required=True,
                help="the publication date, as precise as the evidence allows",
                example="2007-08-28/2007-08-31",
                schema_org="datePublished",
            ),
            Field("date_evidence", TEXT, required=True, help="what the publication date rests on"),
            Field(
                "words",
                NUMBER,
                required=True,
                help="the article's length in words, counted without the publisher's page furniture"
                " (subscription offers, 'Découvrez les bonus'); the quotation budget is a share of it",
                example="308",
                title="Length in words",
                schema_org="wordCount",
            ),
            Field(
                "url",
                URL,
                required=True,
                help="the article's address (http or https)",
                title="Address",
                schema_org="sameAs",
            ),
            Field(
                "archive_url",
                URL,
                help="the address of an archived copy (http or https), where one is known",
                title="Archived copy",
            ),
            Field(
                "retrieved",
                DATE,
                help="the day the archived copy was retrieved",
                example="2024-03-01",
                title="Archive retrieved",
            ),
            Field(
                "language",
                CHOICE,
                required=True,
                choices=LANGUAGES,
                help="the article's language",
                schema_org="inLanguage",
            ),
            Field(
                "authors",
                LIST,
                help="authors' names; leave out when not known",
                missing="not known",
                schema_org="author@Person",
                item=Field("author", TEXT, help="an author's name"),
            ),
            Field(
                "relays",
                LIST,
                help="news sources the article says it relays",
                item=Field("relays", REF, targets=("organisation",), reverse="Relayed in", help="an organisation id"),
            ),
        ),
        columns=("published", "publisher", "language"),
        presentation=Presentation(
            "The press articles the dossier rests on, with their publisher, date and language.",
            schema_org="NewsArticle",
            body_heading="Summary",
            is_source=True,
            citation="article",
            dated_by="published",
            timeline="Articles: publication",
            colour="#607080",
            timeline_rank=50,
        ),
    ),
    EntryType(
        "person",
        "people",
        "People",
        "a person the articles mention",
        COMMON
        + (
            ENTRY_SOURCES,
            replace(
                _claim(
                    "roles",
                    "positions the person held, each with its sources",
                    Field("role", TEXT, required=True, help="the role, in English", example="director"),
                    Field("of", REF, targets=("organisation",), reverse="People", help="the organisation"),
                    Field("start", DATE, help="when the role began, if the articles say"),
                    Field("end", DATE, help="when the role ended, if the articles say"),
                ),
                schema_org="affiliation",
            ),
            POINTS,
            DISPUTED,
        ),
        columns=("roles",),
        presentation=Presentation(
            "The people the articles mention, with their roles.",
            schema_org="Person",
            timeline="People: roles",
            colour="#b7791f",
            timeline_rank=30,
            corner=12,  # rounded: a person, where the other boxes are bodies
        ),
    ),
    EntryType(
        "organisation",
        "organisations",
        "Organisations",
        "a company, website, collecting society, trade body, payment network, bank, court, government body or publication",
        COMMON
        + (
            ENTRY_SOURCES,
            Field("kind", CHOICE, required=True, choices=ORGANISATION_KINDS, help="what kind of organisation"),
            Field(
                "country",
                TEXT,
                help="the country the articles tie it to, in English",
                example="Russia",
                schema_org="location@Place",
            ),
            _claim(
                "relations",
                "relations to other organisations or people, each with its sources",
                Field("relation", CHOICE, required=True, choices=RELATIONS, help="the relation"),
                Field(
                    "to",
                    REF,
                    required=True,
                    targets=PARTY_TARGETS,
                    reverse_by="relation",
                    help="the other organisation or person",
                ),
                ACCORDING_TO,
            ),
            POINTS,
            DISPUTED,
        ),
        columns=("kind", "country", "relations"),
        presentation=Presentation(
            "Companies, websites, collecting societies, trade bodies, payment networks, banks, courts, government "
            "bodies and publications the articles mention, with their relations.",
            schema_org="Organization",
            colour="#23875a",
            timeline_rank=40,
        ),
    ),
    EntryType(
        "ruling",
        "rulings",
        "Rulings",
        "a court decision",
        COMMON
        + (
            ENTRY_SOURCES,
            _dates("when the decision was given; one item per article version"),
            replace(
                _claim(
                    "court",
                    "the court, with its sources",
                    Field(
                        "entry",
                        REF,
                        required=True,
                        targets=("organisation",),
                        target_kinds=("court",),
                        reverse="Court of",
                        help="an organisation whose kind is court",
                    ),
                    required=True,
                    min_items=1,
                ),
                schema_org="organizer",
            ),
            replace(
                _claim(
                    "parties",
                    "the parties, each with its role and sources",
                    Field(
                        "entry",
                        REF,
                        required=True,
                        targets=PARTY_TARGETS,
                        reverse_by="role",
                        help="a person or organisation",
                    ),
                    Field("role", CHOICE, required=True, choices=PARTY_ROLES, help="the party's role"),
                    required=True,
                    min_items=1,
                ),
                schema_org="about",
            ),
            _claim(
                "outcome",
                "what was decided, with its sources",
                Field("result", CHOICE, required=True, choices=RESULTS, help="the result"),
                Field("says", TEXT, required=True, help="the decision in a sentence, in English"),
                required=True,
                min_items=1,
            ),
            _claim(
                "amounts",
                "sums of money at stake, each with its sources",
                Field("amount", NUMBER, required=True, help="the sum, a plain number", example="587000"),
                Field(
                    "currency",
                    CHOICE,
                    required=True,
                    help="the currency",
                    choices=(
                        Choice("USD", "US dollars"),
                        Choice("EUR", "euros"),
                        Choice("RUB", "roubles"),
                        Choice("dollars", "dollars, country not stated"),
                    ),
                ),
                Field("what", TEXT, required=True, help="what the sum is", example="damages claimed"),
            ),
            POINTS,
            DISPUTED,
        ),
        columns=("date", "court", "parties", "outcome"),
        # schema.org has no type for a court decision: a ruling is an Event organised by its court.
        presentation=Presentation(
            "The court decisions the articles report: date, court, parties and outcome, each as the articles give it.",
            schema_org="Event",
            citation="legal_case",
            colour="#8a4fbf",
            timeline_rank=20,
        ),
    ),
    EntryType(
        "event",
        "events",
        "Events",
        "any other dated happening: a complaint filed, a site closed, a statement, an agreement",
        COMMON
        + (
            ENTRY_SOURCES,
            Field("kind", CHOICE, required=True, choices=EVENT_KINDS, help="what kind of event"),
            _dates("when it happened; one item per article version"),
            replace(
                _claim(
                    "participants",
                    "who took part, each with a role and sources",
                    Field(
                        "entry",
                        REF,
                        required=True,
                        targets=PARTY_TARGETS,
                        reverse="Took part in",
                        help="a person or organisation",
                    ),
                    Field("role", TEXT, required=True, help="their part, in English", example="complainant"),
                ),
                schema_org="about",
            ),
            POINTS,
            DISPUTED,
        ),
        columns=("date", "kind", "participants"),
        presentation=Presentation(
            "Other dated happenings the articles report: complaints, closures, statements, agreements.",
            schema_org="Event",
            colour="#2f6fb0",
            timeline_rank=10,
        ),
    ),
)


# --- derived from the declarations above: nothing below names a type -------------------------


def _with_type_choices(types: tuple[EntryType, ...]) -> tuple[EntryType, ...]:
    """Every type's `type` field takes the name of any declared type: a new type needs no other edit."""
    names = tuple(Choice(t.name, t.name) for t in types)
    return tuple(
        replace(t, fields=tuple(replace(f, choices=names) if f.name == "type" else f for f in t.fields)) for t in types
    )


TYPES = _with_type_choices(TYPES)


# The deepest nesting any entry needs, the front matter's own mapping counted as one level.
MAX_LEVELS = 1 + max(f.levels() for t in TYPES for f in t.fields)

BY_NAME = MappingProxyType({t.name: t for t in TYPES})
BY_FOLDER = MappingProxyType({t.folder: t for t in TYPES})
