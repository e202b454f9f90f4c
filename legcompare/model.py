"""The nouns of legcompare: documents, clauses and their vocabularies.

Every stage of the pipeline passes these frozen dataclasses along; nothing here does I/O or
rendering. Offsets are always into a document's *display text* (``Document.text``): the text as
printed, with print furniture (margin line numbers, running headers, the corpus's editorial lines)
taken out and recorded as :class:`Note` objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol, TypeVar

_T = TypeVar("_T")

Span = tuple[int, int]
"""A half-open ``[start, end)`` range of offsets into a document's display text."""


class Kind(str, Enum):
    """What a clause is in the drafting hierarchy (closed vocabulary)."""

    FRONT = "front"  # heading, title, sponsors and enacting clause before the first provision
    TOC = "toc"  # a table of contents, kept whole and non-operative
    DIVISION = "division"
    TITLE = "title"
    SUBTITLE = "subtitle"
    CHAPTER = "chapter"
    SUBCHAPTER = "subchapter"
    PART = "part"
    SUBPART = "subpart"
    ARTICLE = "article"
    HEADING = "heading"  # an unnumbered heading (appropriations headings, bureau names)
    SECTION = "section"
    SUBSECTION = "subsection"
    SUBDIVISION = "subdivision"
    PARAGRAPH = "paragraph"
    SUBPARAGRAPH = "subparagraph"
    CLAUSE = "clause"
    SUBCLAUSE = "subclause"
    ITEM = "item"
    SUBITEM = "subitem"
    PROVISO = "proviso"
    DEFINITION = "definition"
    QUOTED = "quoted"  # matter quoted into another law by an amending instruction
    BLOCK = "block"  # an unnumbered block of text (appropriations paragraphs, flush text)
    HISTORY = "history"  # codification history after a section ("[2020 c 257 § 2;]")


class Role(str, Enum):
    """What a clause does, for judging whether a change protects more or less."""

    DEFINITION = "definition"
    PROHIBITION = "prohibition"
    OBLIGATION = "obligation"
    PERMISSION = "permission"
    EXEMPTION = "exemption"
    RIGHT = "right"
    REMEDY = "remedy"
    ENFORCEMENT = "enforcement"
    DURATION = "duration"
    OVERSIGHT = "oversight"
    PREEMPTION = "preemption"
    AMENDMENT = "amendment"
    DESCRIPTIVE = "descriptive"
    NON_OPERATIVE = "non-operative"
    OTHER = "other"


DESCRIBING = frozenset({Role.DESCRIPTIVE, Role.NON_OPERATIVE})
"""The roles of what describes a law rather than makes it: titles, digests, findings and
purpose clauses, front matter, headings, contents."""


class NoteKind(str, Enum):
    """Why a piece of the input is not in the display text, or what it tells about it."""

    GAP = "gap"  # "[... text not retrieved ...]": the document is partial here
    EDITORIAL = "editorial"  # "[editorial: ...]": a compiler's label, not legal text
    PAGE_HEADER = "page-header"  # running headers, footers, page numbers
    LINE_NUMBERS = "line-numbers"  # margin line numbers (kept as locators)
    EXPLANATION = "explanation"  # NY's "EXPLANATION--Matter in ITALICS ..." legend
    DECODING = "decoding"  # how the bytes were decoded, replacement characters
    PROVENANCE = "provenance"  # where the metadata came from
    MARKUP = "markup"  # structure that was read from XML tags, not from the text
    SIDENOTE = "sidenote"  # marginal notes of a slip law ("42 USC 1861 note.")


@dataclass(frozen=True)
class Note:
    """Something recorded about the input that is not part of the law's text."""

    kind: NoteKind
    """Why it was recorded."""
    text: str
    """The removed text itself, verbatim (or the message, for decoding and provenance notes)."""
    span: Span | None
    """Where it was, as a zero-width ``(offset, offset)`` in the display text; ``None`` when it
    concerns the whole document."""


@dataclass(frozen=True)
class Provenance:
    """Where a text came from and what it is. Keys and meanings are the public contract."""

    jurisdiction: str
    """``us``, ``us-ca``, ``us-ny``, ``us-ca-sf``, ... (lower case)."""
    document: str
    """The document's identifier within its jurisdiction, e.g. ``hr2157-116``, ``s4457-2023``."""
    version: str | None
    """The version or print: ``ih``, ``enr``, ``original``, ``a``, ``chaptered`` ..."""
    title: str | None
    """A human title: ``H.R. 2157 (116th Cong.), Additional Supplemental Appropriations ...``."""
    source: str
    """How it was obtained: ``file``, or a source id such as ``govinfo:116/hr/2157@ih``."""
    url: str | None = None
    """The URL that was requested, if fetched."""
    final_url: str | None = None
    """The URL the bytes came from after redirects."""
    retrieved_at: str | None = None
    """When it was fetched (ISO 8601), if fetched."""
    version_date: str | None = None
    """The date of this version (ISO 8601 date): introduced, amended, enacted ..."""
    as_of: str | None = None
    """The date the text is current as of, for codified law."""
    in_force: bool | None = None
    """Whether the text is law in force today; ``None`` when unknown or not applicable."""
    sha256: str = ""
    """SHA-256 of the input bytes, hex."""
    format: str = "text"
    """``text``, ``html``, ``uslm``, ``bill-dtd``, ``pdf``, ``docx``."""
    content_type: str | None = None
    """The media type the bytes were served or recognised as."""
    license: str | None = None
    """A licence that needs attribution (LegiScan's CC BY), else ``None`` (public domain)."""
    partial: bool = False
    """True when part of the text was not retrieved (a gap marker, or ``--partial``)."""
    notes: tuple[Note, ...] = ()
    """Notes about the document as a whole (decoding, catalog match)."""


@dataclass(frozen=True)
class CitationForm:
    """What the citation renderer needs to know about a document."""

    style: str
    """``code`` (cite sections of a code), ``bill`` (cite sections of a bill or act)."""
    prefix: str
    """``Cal. Penal Code``, ``N.Y. Gen. Bus. Law``, ``H.R. 2157, 116th Cong.``, ``S. 4457``."""
    lowercase_letters: bool = False
    """NY: letter suffixes and paragraph letters are cited in lower case."""
    separator: str = " "
    """What joins the prefix and ``§``; ``/`` for ILCS (``740 ILCS 14/15``)."""


@dataclass(frozen=True)
class Clause:
    """One provision, with its children. ``text`` is its own text only."""

    id: str
    """Path of normalised labels from the root (``div-b/t-ii/s101/a/1``); ``~2`` on repeats."""
    label: str
    """The label as printed (``(a)``, ``SEC. 2.``, ``§ 676-B.``), or ``""`` if it has none."""
    kind: Kind
    """Its place in the drafting hierarchy."""
    heading: str | None
    """Its heading as printed (``DEFINITIONS``), or the term a definition defines."""
    citation: str
    """A pinpoint citation in the jurisdiction's form."""
    text: str
    """Its own text as printed, label and heading included, children excluded."""
    span: Span
    """Where ``text`` is in the display text: ``document.text[span[0]:span[1]] == text``."""
    label_span: Span | None = None
    """Where the label is in the display text (inside ``span``), if it has one."""
    locator: str | None = None
    """Page and line in the printed bill when known: ``p. 3, ll. 12–15``."""
    role: Role | None = None
    """What the clause does; filled in by the assessment stage."""
    term: str | None = None
    """For a definition, the defined term as printed."""
    children: tuple[Clause, ...] = ()
    """Sub-provisions, in document order."""
    quoted_in: str | None = None
    """For matter quoted into another law: the citation of the target (``N.Y. Gen. Bus. Law``)."""

    @property
    def own_start(self) -> int:
        """Where the clause's own text, its label left out, starts in ``text``."""
        return self.label_span[1] - self.span[0] if self.label_span is not None else 0

    def walk(self) -> Iterator[Clause]:
        """This clause and all its descendants, in document order."""
        return walk_tree(self)


class _Branching(Protocol):
    @property
    def children(self) -> tuple[Any, ...]: ...


_B = TypeVar("_B", bound=_Branching)


def walk_tree(root: _B) -> Iterator[_B]:
    """``root`` and all its descendants (``children``, each a tree of the same kind: a clause,
    a :class:`~legcompare.split.Skeleton`), in document order."""
    # (a stack, not nested generators: each clause of a deep tree would otherwise pass up
    # through one generator per level)
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if node.children:
            stack.extend(reversed(node.children))


def parent_in(roots: Sequence[Clause], clause: Clause) -> Clause | None:
    """The clause of the tree ``roots`` that ``clause`` is a part of, ``None`` at the top (or
    where the tree has no such clause). An id is its parent's id, a slash and its own part
    (:class:`~legcompare.ids.Paths`), so the parent is found by going down the tree along the
    id, reading only the clauses on the way: an index of the whole tree would touch every
    clause (and a forked process that shares them would copy them all)."""
    target = clause.id.rpartition("/")[0]
    level = roots
    while target:
        for c in level:
            if c.id == target:
                return c
            if target.startswith(c.id) and target[len(c.id):len(c.id) + 1] == "/":
                level = c.children
                break
        else:
            return None
    return None


class MarkKind(str, Enum):
    """What a document's own amendment markup says about a piece of its text."""

    STRUCK = "struck"  # to be omitted: <strike>, <del>, NY [brackets], w:del, deletedText
    INSERTED = "inserted"  # new matter: <ins>, <u>, NY capitals, w:ins, addedText
    UNCLEAR = "unclear"  # marked, but which way only typography could tell (VA brackets)


@dataclass(frozen=True)
class Mark:
    """A piece of text the document marks as struck or inserted.

    Inserted (and unclear) text is part of the display text: ``span`` covers it. Struck text is
    not (the display text is the document as it will read); ``span`` is the zero-width place it
    was struck from and ``text`` holds it, so it can be put back (``DOC@before``).
    """

    kind: MarkKind
    span: Span
    text: str
    source: str
    """Which convention said so: ``html:strike``, ``uslm:deletedText``, ``ny:brackets``..."""


@dataclass(frozen=True)
class Document:
    """An ingested text: display text, provenance, notes and (for XML) its own structure."""

    text: str
    """The display text: the input as printed, minus recorded print furniture."""
    provenance: Provenance
    """Where it came from."""
    notes: tuple[Note, ...] = ()
    """Furniture, editorial lines and gaps removed from the text, in order."""
    lines: tuple[LineMark, ...] = ()
    """Printed page and line numbers, by display offset (sorted), for locators."""
    structure: tuple[Clause, ...] | None = None
    """The clause tree when the format carries one (XML); ``None`` means split the text."""
    citation: CitationForm | None = None
    """How provisions of this document are cited; ``None`` cites by clause id alone."""
    marks: tuple[Mark, ...] = ()
    """The document's own amendment markup, in order (see :class:`Mark`)."""
    before: str | None = None
    """What the text before its marked changes is: ``current law``, ``the previous print``,
    ``the bill before committee amendment``; ``None`` when the document marks nothing."""

    @property
    def partial(self) -> bool:
        return self.provenance.partial


@dataclass(frozen=True)
class LineMark:
    """A printed page/line number, pinned to the display offset where that line starts."""

    offset: int
    page: int | None
    line: int | None


@dataclass(frozen=True)
class Outline:
    """A document split into its clause tree."""

    document: Document
    clauses: tuple[Clause, ...]
    notes: tuple[Note, ...] = field(default=())
    """Notes from splitting (e.g. a table of contents recognised)."""

    def walk(self) -> Iterator[Clause]:
        """Every clause, in document order."""
        for clause in self.clauses:
            yield from clause.walk()


# --- comparison ---------------------------------------------------------------------------


class Status(str, Enum):
    """How a clause pair relates its two sides (computed on comparison keys)."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"
    UNPAIRED = "unpaired"  # no counterpart, but the other document is partial
    SPLIT = "split"
    MERGED = "merged"


class Op(str, Enum):
    """A diff segment's operation."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


class Verdict(str, Enum):
    """Whether a change protects more or less, from the chosen perspective."""

    STRONGER = "stronger"
    WEAKER = "weaker"
    MIXED = "mixed"
    NEUTRAL = "neutral"
    UNCLEAR = "unclear"


class Direction(str, Enum):
    """The direction one reason points in (``neutral``: a change explained as formal)."""

    STRONGER = "stronger"
    WEAKER = "weaker"
    UNCLEAR = "unclear"
    NEUTRAL = "neutral"


class Mode(str, Enum):
    """Two versions of one text, or two different laws on one subject."""

    AUTO = "auto"
    VERSIONS = "versions"
    CROSS = "cross"


class Perspective(str, Enum):
    """Whose protection "stronger" measures: the protected people's, or its exact mirror."""

    PROTECTIVE = "protective"
    PERMISSIVE = "permissive"


@dataclass(frozen=True)
class Edit:
    """One diff segment on display text: equal, deleted from old, or inserted in new."""

    op: Op
    text: str


@dataclass(frozen=True)
class Reason:
    """Why a pair got its verdict, pointing at the words that caused it."""

    rule: str
    """The rule's id (``obligation.shall-to-may``), or a built-in reason (``incomplete-text``)."""
    dimension: str
    """obligation, exceptions, scope, duration, enforcement, consent, limits, oversight, ..."""
    direction: Direction
    old: str | None
    """The old words (or value) the rule matched, as printed."""
    new: str | None
    old_span: Span | None
    """Where ``old`` is, in the old document's display text."""
    new_span: Span | None
    explanation: str


@dataclass(frozen=True)
class ClausePair:
    """Two aligned clauses (or one, when the other side has none) and what changed."""

    status: Status
    old: Clause | None
    new: Clause | None
    edits: tuple[Edit, ...]
    """``equal``+``delete`` rebuild ``old.text``; ``equal``+``insert`` rebuild ``new.text``."""
    similarity: float | None = None
    moved: bool = False
    """The clause changed place relative to its neighbours."""
    renumbered: bool = False
    """Its label or id changed while its text did not (or it is the same provision)."""
    renumbered_with_parent: bool = False
    """Renumbered only because the provision it sits in was: its own designation is as before
    and its parent is paired with its old parent, itself renumbered. That provision's new
    number tells this one's, so a list of what changed shows that one and leaves this out
    (unless something else changed)."""
    group: str | None = None
    """Shared by the parts of a split or merge."""
    verdict: Verdict = Verdict.NEUTRAL
    descriptive: bool = False
    """Titles, digests, findings, purpose: judged but left out of the verdict counts."""
    reasons: tuple[Reason, ...] = ()
    notes: tuple[str, ...] = ()
    """Remarks on how the pair was computed (e.g. the diff was aligned by sentence first)."""


@dataclass(frozen=True)
class CompareOptions:
    """How to compare. Every field has a documented default; options travel as one object."""

    mode: Mode = Mode.AUTO
    perspective: Perspective = Perspective.PROTECTIVE
    rules: tuple[str, ...] = ()
    """Extra rule files (paths) added to the packaged rules."""
    select: str | None = None
    """Compare only this clause id's subtree on both sides."""
    max_tokens: int = 20000
    """Tokens per clause diffed in one pass; longer clauses are aligned by sentence first."""


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`legcompare.compare`: everything a report needs, nothing to recompute."""

    old: Document
    new: Document
    mode: Mode
    perspective: Perspective
    pairs: tuple[ClausePair, ...]
    options: CompareOptions
    notes: tuple[str, ...] = ()


# --- building many -------------------------------------------------------------------------


def made(cls: type[_T], /, **fields: Any) -> _T:
    """``cls(**fields)`` for one of these frozen dataclasses (or another without slots or
    ``__post_init__``: citation's ``Step``, chardiff's ``Diff``), given every field in order:
    the same object, without the frozen ``__init__``'s ``object.__setattr__`` per field (a
    long bill has a hundred thousand clauses and pairs; none of these classes has
    ``__post_init__``)."""
    new = object.__new__(cls)
    new.__dict__.update(fields)
    return new


def changed_copy(obj: _T, /, **changes: Any) -> _T:
    """``dataclasses.replace(obj, **changes)``, made as :func:`made` makes objects."""
    return made(type(obj), **{**obj.__dict__, **changes})
