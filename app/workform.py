"""The workform plugin contract: the base class every work format subclasses.

A work format (werkvorm) is a package under ``workforms/`` (or a third-party
package registered under the entry-point group ``flipover.workforms``) that
exposes a ``Workform`` subclass as ``workform``. The core never names a work
format; it asks the registry. See docs/workforms.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NoReturn, Protocol

# Re-encoding an uploaded picture (a fresh JPEG without metadata, behind a pixel limit), the
# core's own: kennismaken's cards and the photos of paper flip-overs share it.
from app import images as uploaded_images
from app.assets import fingerprinted  # a static file's cache-for-good URL (e.g. a picture deck)
from app.config import ROOT
from app.functions import FUNCTIONS as PRACTICE_FUNCTIONS  # participants' functions (issue 21)
from app.functions import label as function_label
from app.goals import MAX_GOALS
from app.goals import MAX_TITLE as MAX_GOAL_TITLE
from app.i18n import current_language, translate
from app.i18n import lazy_gettext as _l
from app.notes import MAX_TEXT as MAX_NOTE_TEXT
from app.timer import now_ms
from app.uploads import session_dir as session_files_dir

# The core's shared front-end folder (e.g. the default association-card deck in static/cards/).
SHARED_STATIC_DIR = ROOT / "static"

if TYPE_CHECKING:
    from reportlab.platypus import Flowable, Table


@dataclass(frozen=True)
class Phase:
    """A step of an activity. ``posting`` says whether participants may post.

    ``instruction`` is the facilitator's script for this phase (issue 19): what the
    facilitator says and does, shown in the "Instructie" panel of the facilitator page
    (only the facilitator gets it: app/state.py). The handbook's text verbatim where it has one, with
    its line reference in a comment (``# H:L2015-2017``); else the format's own text in
    the same tone, marked ``# app's own text``. Paragraphs are separated by ``\\n``. A
    Dutch msgid (``lazy_gettext``), or None for no instruction.

    ``optional`` marks a step the app adds to the handbook's rhythm (e.g. dot voting in
    ``trots``): the facilitator may take it, but its button says it is extra, the script's
    "Daarna" passes it by, and the item's planned minutes are spread over the other phases."""

    slug: str
    title: str
    minutes: int | None = None
    posting: bool = True
    private: bool = False
    instruction: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class Category:
    """A kind of note: decides the post-it colour, always shown with its label."""

    slug: str
    label: str
    colour: str  # one of the design tokens: geel, roze, blauw, groen


@dataclass(frozen=True)
class NoteAction:
    """A facilitator toggle on a note, stored as a boolean in ``note.data``."""

    field: str
    label: str
    active_label: str


@dataclass(frozen=True)
class NoteCommand:
    """A facilitator button on every note of the session (any activity), shown when
    the session has an activity of this work format; it sends ``<slug>:<event>``
    with ``{"activity_id": <that activity>, "note_id": <the note>}``."""

    event: str
    label: str


# Phases every work format may reuse.
SCHRIJVEN = Phase("schrijven", _l("Schrijven (ieder voor zich)"), minutes=5, posting=True, private=True)
PLAKKEN = Phase("plakken", _l("Post-its plakken"), minutes=5, posting=True)
STEMMEN = Phase("stemmen", _l("Stemmen"), minutes=3, posting=False)
BESPREKEN = Phase("bespreken", _l("Bespreken"), posting=False)


@dataclass(frozen=True)
class CustomEvent:
    name: str
    handler: Callable[..., dict[str, Any]]
    facilitator_only: bool


@dataclass(frozen=True)
class HttpRoute:
    rule: str  # below /api/sessions/<code>/, e.g. "cards/<card_id>.jpg"
    methods: tuple[str, ...]
    facilitator_only: bool
    handler: Callable[..., Any]


def http_route(
    rule: str, *, methods: tuple[str, ...] = ("GET",), facilitator: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a Workform method as the HTTP handler of ``/api/sessions/<code>/<rule>``.

    The core looks the session up (404 JSON when it does not exist), checks the facilitator
    when ``facilitator`` is true (401/403), and calls ``handler(self, ctx, **url_arguments)``
    with an :class:`HttpContext`; the handler returns a Flask response (value)."""

    def mark(fn: Callable[..., Any]) -> Callable[..., Any]:
        fn.__flipover_route__ = (rule, tuple(m.upper() for m in methods), facilitator)  # type: ignore[attr-defined]
        return fn

    return mark


def facilitator_event(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a Workform method as the handler of Socket.IO event ``<slug>:<name>``,
    accepted only from a verified facilitator."""

    def mark(fn: Callable[..., Any]) -> Callable[..., Any]:
        fn.__flipover_event__ = (name, True)  # type: ignore[attr-defined]
        return fn

    return mark


def participant_event(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Like :func:`facilitator_event`, but accepted from participants too."""

    def mark(fn: Callable[..., Any]) -> Callable[..., Any]:
        fn.__flipover_event__ = (name, False)  # type: ignore[attr-defined]
        return fn

    return mark


# --- the door: what a work format's hooks are given ---------------------------------------

# What happened to a note through the core's generic note events (``note_changed``).
NoteChange = Literal["edited", "hidden", "restored", "deleted"]


class ViewContext(Protocol):
    """Read-only access to one activity, given to :meth:`Workform.extra_view` (and the read
    half of :class:`Context`). Implemented by ``app.plugin_context.ActivityReader``."""

    activity: dict[str, Any]
    code: str

    def notes(self, activity_id: int | None = None) -> list[dict[str, Any]]:
        """This activity's notes (or another activity's of this session), authors included."""
        ...

    def note_by_client_id(self, client_id: str) -> dict[str, Any] | None:
        """The note of this session stored under ``client_id``, or None."""
        ...

    def entries(self) -> list[dict[str, Any]]:
        """Everyone's entries of this activity (``{participant_id, key, value}``)."""
        ...

    def session_activity(self, activity_id: object) -> dict[str, Any] | None:
        """An activity of this session by id, or None."""
        ...

    def activities(self) -> list[dict[str, Any]]:
        """The session's agenda, in order."""
        ...

    def goals(self) -> list[dict[str, Any]]:
        """The session goals, in order."""
        ...

    def language(self) -> str:
        """The session's language (``nl``/``en``)."""
        ...

    def carried(self) -> dict[str, Any]:
        """What the session took over from its trajectory (``{}`` outside one)."""
        ...

    def participant_functions(self) -> dict[int, str]:
        """Participant id → function key (``huisarts``, ``poh``, …; app/functions.py) for
        those who gave one at join (issue 21). Per person: never send it to clients as it is."""
        ...

    def outcomes(self) -> list[dict[str, Any]]:
        """What the agenda items before this one came to, as page 1 of the report has it:
        ``[{"activity_id", "title", "lines"}]`` (each format's ``report_summary``), for items
        that have some; an item being voted on or written in private is left out."""
        ...


class SetupContext(ViewContext, Protocol):
    """Given to ``carry_in`` while a session is created (nobody connected yet).
    Implemented by ``app.plugin_context.SetupContext``."""

    def add_note(
        self, text: str, *, category: str | None = None, data: dict[str, Any] | None = None, client_id: str
    ) -> dict[str, Any]:
        """Store a facilitator's note in this activity once per ``client_id`` (no announcement)."""
        ...

    def set_state(self, state: dict[str, Any]) -> None:
        """Store this activity's plugin state (no announcement: nobody is connected yet)."""
        ...


class Context(ViewContext, Protocol):
    """The door during one request (custom events, ``validate``, ``validate_edit``,
    ``note_added``, ``note_changed``). Implemented by ``app.realtime.EventContext``;
    docs/workforms.md §4 lists every member."""

    role: str
    participant_id: int | None

    @property
    def is_facilitator(self) -> bool: ...

    def refuse(self, message: str) -> NoReturn:
        """Stop the handler; the sender gets ``{"ok": false, "error": message}``."""
        ...

    def note(self, note_id: object) -> dict[str, Any]:
        """A note of this activity, or a refusal."""
        ...

    def session_note(self, note_id: object) -> dict[str, Any]:
        """A note of any activity of this session, or a refusal."""
        ...

    def add_note(
        self,
        text: object,
        *,
        category: str | None = None,
        data: dict[str, Any] | None = None,
        client_id: object,
        activity_id: int | None = None,
    ) -> dict[str, Any]:
        """Store a note as the sender (idempotent on ``client_id``); returns the sender's view.
        With ``activity_id`` (facilitator only): in that other activity of this session, whose
        view is announced too (e.g. a theme handed to the impact/effort matrix)."""
        ...

    def update_note(
        self, note: dict[str, Any], *, text: object = None, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Change a note's text and/or replace its data; returns the sender's view."""
        ...

    def update_note_data(self, note: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        """``update_note(note, data=data)``."""
        ...

    def stack(self, note: dict[str, Any], target: dict[str, Any]) -> int:
        """Stick one note of this activity onto another; returns the group id."""
        ...

    def state(self) -> dict[str, Any]:
        """The plugin state, read afresh."""
        ...

    def set_state(self, state: dict[str, Any]) -> None:
        """Store the plugin state (no read: prefer :meth:`update_state`) and announce it."""
        ...

    def update_state(self, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> dict[str, Any]:
        """Atomic read-modify-write of the plugin state; ``change`` returns the new state or None."""
        ...

    def announce(self) -> None:
        """Resend this activity's view (``activity:updated``), once per request."""
        ...

    def entries(self, *, mine: bool = False) -> list[dict[str, Any]]:
        """This activity's entries, or only the sender's."""
        ...

    def put_entry(self, key: str, value: Any) -> None:
        """Store the sender's entry under ``key`` (replacing it)."""
        ...

    def remove_entry(self, key: str) -> bool:
        """Drop the sender's entry under ``key``."""
        ...

    def remove_entries(self, key: str) -> None:
        """Drop everyone's entry under ``key`` (facilitator only)."""
        ...

    def replace_entries(self, key: str, values: dict[int, Any]) -> None:
        """Replace everyone's entry under ``key`` by ``values`` (participant id → value; facilitator only)."""
        ...

    def add_goal(self, title: object, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Add a session goal (facilitator only) and announce the goals."""
        ...

    def participants(self) -> list[dict[str, Any]]:
        """Everyone who joined, ``[{id, name}]``."""
        ...


class HttpContext(Protocol):
    """Given to a work format's HTTP routes (:func:`http_route`). Implemented by
    ``app.workform_routes.RouteContext``."""

    code: str
    session_title: str
    request: Any  # the Flask request (files, form, JSON)
    max_cards: int  # the session's cap on uploaded pictures (SESSION_MAX_CARDS)

    def admit_upload(self) -> None:
        """Before an upload: refuse (429 + Retry-After) when this address uploads too often,
        or (507) when the server's disk is nearly full (app/limits.py)."""
        ...

    def check_upload_bytes(self, adding: int) -> None:
        """Refuse (413) when this session's stored files plus ``adding`` bytes pass its cap
        (SESSION_MAX_UPLOAD_BYTES)."""
        ...

    def files_dir(self) -> Path:
        """This session's folder for uploaded files; removed with the session."""
        ...

    def run_blocking(self, fn: Callable[..., Any], *args: object) -> Any:
        """Run slow work (image re-encoding) in a child process and return its result (or
        raise what it raised). ``fn`` must be an importable top-level function and the
        arguments picklable; the child has a memory and a time limit, and when the server
        is busy the request is refused with a 503 (app/blocking.py ``run_heavy``)."""
        ...

    def refuse(self, message: str, status: int = 400) -> NoReturn:
        """Stop with ``{"error": message}`` and this HTTP status."""
        ...

    def announce_agenda(self) -> None:
        """Resend every activity's view (``activity:changed``), e.g. after a change of files
        several activities show."""
        ...


class ReportKit(Protocol):
    """The building blocks a ``report_section`` gets (``app.report.ReportKit``): paragraph
    styles and helpers in the shared look. docs/workforms.md §3 lists them."""

    body: Any
    small: Any
    h1: Any
    h2: Any
    h3: Any
    label: Any

    def heading(self, activity: dict[str, Any]) -> list[Flowable]: ...

    def subheading(self, title: str) -> list[Flowable]: ...

    def paragraphs(self, body: str | None) -> list[Flowable]: ...

    def empty(self) -> list[Flowable]: ...

    def note_cell(
        self, note: dict[str, Any], form: type[Workform] | Workform, badge: str | None = None, votes: int = 0
    ) -> Table: ...

    def notes(
        self,
        notes: list[dict[str, Any]],
        form: type[Workform] | Workform,
        badge: str | None = None,
        totals: dict[str, int] | None = None,
    ) -> list[Flowable]: ...

    def grouped(
        self, activity: dict[str, Any], notes: list[dict[str, Any]], form: type[Workform] | Workform
    ) -> list[Flowable]: ...

    def note_list(self, activity: dict[str, Any], notes: list[dict[str, Any]], form: Workform) -> list[Flowable]: ...


class Workform:
    """Base class of a work format. Subclasses set the metadata and override hooks."""

    slug: ClassVar[str]
    title: ClassVar[dict[str, str]]  # {"nl": ..., "en": ...}
    description: ClassVar[str] = ""
    default_prompt: ClassVar[str] = ""
    accepts_notes: ClassVar[bool] = True
    anonymous_default: ClassVar[bool] = True
    # Anonymous for everyone, the facilitator too, and never switchable (e.g. questions and
    # concerns): the activity is always created anonymous, the names switch is refused, and
    # no view, the facilitator's included, carries an author's name or id.
    always_anonymous: ClassVar[bool] = False
    max_notes_per_participant: ClassVar[int] = 30
    phases: ClassVar[tuple[Phase, ...]] = (PLAKKEN, BESPREKEN)
    # The phase a new activity starts in; None means the first of ``phases``.
    initial_phase: ClassVar[str | None] = None
    # Dot voting (in a phase with slug "stemmen"): votes per participant, at most per note/group.
    votes_per_participant: ClassVar[int] = 3
    max_votes_per_item: ClassVar[int | None] = None
    categories: ClassVar[tuple[Category, ...]] = ()
    note_actions: ClassVar[tuple[NoteAction, ...]] = ()
    note_commands: ClassVar[tuple[NoteCommand, ...]] = ()
    # Whether phones offer "stick onto a similar note" (not for e.g. an introduction card).
    stacking: ClassVar[bool] = True
    # What the board counts: one / many (e.g. "kaart" / "kaarten" for kennismaken).
    note_nouns: ClassVar[tuple[Any, Any]] = (_l("post-it"), _l("post-its"))
    composer_hint: ClassVar[str] = _l("Noem geen namen of gegevens van patiënten.")
    # The report puts this format's sections after all others (e.g. the action plan closes it);
    # the cover's agenda keeps the agenda order.
    report_last: ClassVar[bool] = False

    # Set by the registry from where the package lives.
    package_dir: ClassVar[Path | None] = None

    def validate(
        self, text: str, category: str | None, data: object, ctx: Context
    ) -> tuple[str | None, dict[str, Any]]:
        """Check a new note (``note:add``) beyond what the core checks (length, empty, phase).

        ``ctx`` is the request's :class:`Context` (the session, the activity, who posts).
        Returns ``(error, data)``: a Dutch message for the participant, or None and the
        normalised ``data`` to store. The default accepts no data of the participant's own,
        so facilitator-set fields cannot be forged.
        """
        return None, {}

    def validate_edit(self, text: str, note: dict[str, Any], ctx: Context) -> str | None:
        """Check an edited text (``note:update``) of the stored ``note``; the note's data stays
        as it was checked when it was posted. Returns a Dutch message or None (the default)."""
        return None

    def note_added(self, note: dict[str, Any], ctx: Context) -> None:
        """Called after a new note was stored and announced through ``note:add`` (not for
        a note the sender stuck onto another one). E.g. stack it onto an identical note
        with ``ctx.stack(note, target)``. The default does nothing."""

    def note_changed(self, note: dict[str, Any], change: NoteChange, ctx: Context) -> None:
        """Called after the core's generic note events changed a note of this format's
        activity and announced it: ``edited`` (text or category, ``note:update``), ``hidden``
        or ``restored`` (the facilitator's hide toggle), ``deleted`` (``note:delete``; ``note``
        is the row as it was). E.g. ``ctx.announce()`` when ``extra_view`` lists notes. The
        default does nothing."""

    def extra_view(self, activity: dict[str, Any], view: ViewContext) -> dict[str, Any]:
        """Public state of this activity for every client (board, phones, facilitator),
        sent as ``activity.extra``. It reaches everyone in the session: never put
        per-participant data or author ids here. ``view`` reads this activity's rows
        (read-only). The default is the activity's stored plugin state."""
        return dict(activity.get("state") or {})

    def participant_extra(self, extra: dict[str, Any]) -> dict[str, Any]:
        """The part of :meth:`extra_view` phones display (e.g. the items to rate, not the
        room's means). Phones get only this, and an update that leaves it unchanged is not
        sent to them at all (app/fanout.py). Must be computed from ``extra`` alone. The
        default is all of it."""
        return extra

    def trajectory_actions(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Action items this activity holds, for a trajectory (app/trajectories.py): each
        ``{"thread", "what", "who", "due", "status"}`` with status ``open``/``bezig``/``klaar``.
        ``thread`` stays the same when an action is carried into a later session, so its
        status can be followed across meetings. The default holds none."""
        return []

    def carry_out(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """What this activity hands on to later meetings of its trajectory, as a list of
        JSON-able items (e.g. the challenges a later meeting deepens, the things to keep).
        ``notes`` are its visible notes; ``activity`` carries ``vote_totals``, ``groups`` and the
        session's ``goals``. Each item has a ``text`` (a recap slide shows the texts).
        The latest earlier meeting that has any for this work format passes them to
        :meth:`carry_in` as ``carried["outcomes"][slug]``. The default hands on nothing."""
        return []

    def first_of_its_kind(self, activity: dict[str, Any], ctx: ViewContext) -> bool:
        """Whether ``activity`` is the session's first agenda item of this work format (what a
        meeting takes over usually goes there, once)."""
        return next(a["id"] for a in ctx.activities() if a["workform"] == self.slug) == activity["id"]

    def handed_on(self, carried: dict[str, Any]) -> dict[str, Any] | None:
        """What the latest earlier meeting's activity of this format handed on
        (``{"from", "items"}``, see :meth:`carry_out`), or None."""
        return (carried.get("outcomes") or {}).get(self.slug)

    def carry_in(self, activity: dict[str, Any], carried: dict[str, Any], ctx: SetupContext) -> None:
        """Called once for each activity of a session created inside a trajectory, with what it
        takes over from the earlier sessions: ``{"from", "goals", "ambition", "actions",
        "outcomes"}`` (actions as in :meth:`trajectory_actions`, only those not ``klaar``;
        ``outcomes``: per work format slug, what :meth:`carry_out` of the latest earlier
        meeting with any gave, as ``{"from": {"code", "title", "date"}, "items": [...]}``).
        E.g. the action plan copies the open actions in. Nobody is connected yet: store, do
        not broadcast."""

    def casestudy_facts(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> dict[str, list[str]]:
        """Suggestions for the trajectory's case study (app/casestudy.py): field key → lines of
        text, e.g. ``{"aanleiding": ["Telefoon altijd bezet"]}``. ``notes`` are the visible notes
        as the report has them (no author names where the activity is anonymous); ``activity``
        carries ``vote_totals`` and ``groups``. Unknown keys are ignored; the project leader
        decides what to take over. The default suggests nothing."""
        return {}

    def report_section(self, activity: dict[str, Any], notes: list[dict[str, Any]], kit: ReportKit) -> list[Any]:
        """Return reportlab flowables for this activity's section of the PDF.

        ``notes`` are the visible notes, with author names removed when the
        activity is anonymous; ``kit`` is :class:`app.report.ReportKit`.
        """
        return kit.note_list(activity, notes, self)

    def report_summary(self, activity: dict[str, Any], notes: list[dict[str, Any]]) -> list[str]:
        """The activity's outcome for page 1 of the report, in at most a few plain-text lines
        (the core escapes them): what the practice decided or chose, not everything said.
        ``notes`` and ``activity`` as in :meth:`report_section`. An empty list means there
        is nothing to report; a work format that takes notes and has none is then listed
        once as "niet behandeld" and its section is left out. The default: the three
        groups or notes with the most dots (or the first three when nobody voted)."""
        from app.report import top_lines  # reportlab only when a report is made

        return top_lines(activity, notes)

    # --- derived helpers, not meant to be overridden ---

    @classmethod
    def category(cls, slug: str | None) -> Category | None:
        if not cls.categories:
            return None
        if slug is None:
            return cls.categories[0]
        return next((c for c in cls.categories if c.slug == slug), None)

    @classmethod
    def start_phase(cls) -> str:
        return cls.initial_phase or (cls.phases[0].slug if cls.phases else "")

    @classmethod
    def phase(cls, slug: str | None) -> Phase | None:
        return next((p for p in cls.phases if p.slug == slug), None)

    @classmethod
    def custom_events(cls) -> list[CustomEvent]:
        found = []
        for attr in dir(cls):
            fn = getattr(cls, attr, None)
            mark = getattr(fn, "__flipover_event__", None)
            if mark and callable(fn):
                found.append(CustomEvent(name=mark[0], handler=fn, facilitator_only=mark[1]))
        return found

    @classmethod
    def http_routes(cls) -> list[HttpRoute]:
        found = []
        for attr in dir(cls):
            fn = getattr(cls, attr, None)
            mark = getattr(fn, "__flipover_route__", None)
            if mark and callable(fn):
                found.append(HttpRoute(rule=mark[0], methods=mark[1], facilitator_only=mark[2], handler=fn))
        return found

    @classmethod
    def has_asset(cls, name: str) -> bool:
        return cls.package_dir is not None and (cls.package_dir / "static" / name).is_file()

    @classmethod
    def meta(cls) -> dict[str, Any]:
        """The shape the board, phone and facilitator pages are given, texts in the current language."""
        return {
            "slug": cls.slug,
            "title": cls.title.get(current_language()) or cls.title.get("nl", cls.slug),
            "description": translate(cls.description),
            "accepts_notes": cls.accepts_notes,
            "always_anonymous": cls.always_anonymous,
            "stacking": cls.stacking,
            "note_nouns": [translate(n) for n in cls.note_nouns],
            "max_notes_per_participant": cls.max_notes_per_participant,
            "composer_hint": translate(cls.composer_hint),
            "phases": [_plain(p) for p in cls.phases],
            "categories": [_plain(c) for c in cls.categories],
            "note_actions": [_plain(a) for a in cls.note_actions],
            "note_commands": [_plain(c) for c in cls.note_commands],
            "board_js": f"/wf/{cls.slug}/static/board.js" if cls.has_asset("board.js") else None,
            "phone_js": f"/wf/{cls.slug}/static/phone.js" if cls.has_asset("phone.js") else None,
            "facilitator_js": f"/wf/{cls.slug}/static/facilitator.js" if cls.has_asset("facilitator.js") else None,
        }


def _plain(item: Any) -> dict[str, Any]:
    """A dataclass's fields with lazy (translatable) texts turned into plain text."""
    return {key: translate(value) for key, value in item.__dict__.items()}


__all__ = [
    "BESPREKEN",
    "MAX_GOALS",
    "MAX_GOAL_TITLE",
    "MAX_NOTE_TEXT",
    "PLAKKEN",
    "PRACTICE_FUNCTIONS",
    "SCHRIJVEN",
    "SHARED_STATIC_DIR",
    "STEMMEN",
    "Category",
    "Context",
    "CustomEvent",
    "HttpContext",
    "HttpRoute",
    "NoteAction",
    "NoteChange",
    "NoteCommand",
    "Phase",
    "ReportKit",
    "SetupContext",
    "ViewContext",
    "Workform",
    "facilitator_event",
    "fingerprinted",
    "function_label",
    "http_route",
    "now_ms",
    "participant_event",
    "session_files_dir",
    "uploaded_images",
]
