"""The case study of a trajectory (handbook, appendix Stap 3.3 "Format Casestudy").

Seven sections of questions the project leader answers after the process
evaluation. The answers (``values``) are stored on the trajectory; the
``suggestion`` of a field is prefilled from the trajectory's meetings (practice,
period, people named in non-anonymous activities, goals and ambition, action
status, and what work formats contribute through ``Workform.casestudy_facts``).
A suggestion is only a proposal: the page offers to take it over, the PDF shows
only what the project leader saved.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer

from app import report
from app.errors import UserError
from app.i18n import _, format_date, language, translate
from app.i18n import lazy_gettext as _l
from app.registry import Registry
from app.report import ReportKit, text
from app.trajectory_report import period, status_label

MAX_VALUE = 4000
MAX_FACTS = 8  # lines a work format adds to one field's suggestion


@dataclass(frozen=True)
class Field:
    key: str
    section: str
    label: Any
    hint: Any = ""


SECTIONS: dict[str, Any] = {
    "algemeen": _l("1. Algemene gegevens"),
    "verandering": _l("2. Beschrijving van de verandering"),
    "voorbereiding": _l("3. Voorbereiding"),
    "implementatie": _l("4. Implementatie"),
    "reflectie": _l("5. Reflectie op het proces"),
    "resultaten": _l("6. Resultaten van de verandering"),
    "tips": _l("7. Tips voor andere praktijken"),
}

# Keys are the contract with work formats (docs/workforms.md, casestudy_facts): the process
# evaluation's "Wat ging er goed…" answers go to *_goed, its "Waar zie je verbeteringen…" to lessen.
FIELDS: tuple[Field, ...] = (
    Field("praktijk", "algemeen", _l("Naam van de praktijk")),
    Field("locatie", "algemeen", _l("Locatie")),
    Field("periode", "algemeen", _l("Periode van implementatie")),
    Field("betrokkenen", "algemeen", _l("Betrokkenen"), _l("Huisartsen, assistenten, praktijkondersteuners, externen")),
    Field(
        "aanleiding",
        "verandering",
        _l("Wat was de aanleiding voor de verandering?"),
        _l("Bijvoorbeeld: specifieke problemen, een wens voor verbetering, externe vereisten"),
    ),
    Field(
        "veranderd",
        "verandering",
        _l("Wat is er veranderd?"),
        _l("Beschrijf het nieuwe systeem of de nieuwe werkwijze in het kort"),
    ),
    Field("doelen", "verandering", _l("Welke doelen waren er vooraf gesteld?")),
    Field("voorbereiding", "voorbereiding", _l("Hoe is de praktijk voorbereid op de verandering?")),
    Field("voorbereiding_betrokkenen", "voorbereiding", _l("Wie waren betrokken bij de voorbereidingsfase?")),
    Field("voorbereiding_uitdagingen", "voorbereiding", _l("Welke uitdagingen waren er tijdens de voorbereiding?")),
    Field("voorbereiding_goed", "voorbereiding", _l("Wat ging er goed tijdens de voorbereiding?")),
    Field(
        "implementatie",
        "implementatie",
        _l("Hoe verliep de implementatie?"),
        _l("Bijvoorbeeld: in fases, in één keer, met begeleiding"),
    ),
    Field("implementatie_goed", "implementatie", _l("Wat ging er goed tijdens de implementatie?")),
    Field("knelpunten", "implementatie", _l("Welke obstakels of knelpunten waren er tijdens de implementatie?")),
    Field("knelpunten_aanpak", "implementatie", _l("Hoe werden deze knelpunten aangepakt?")),
    Field("samenwerking", "implementatie", _l("Hoe was de samenwerking tussen de betrokkenen?")),
    Field("lessen", "reflectie", _l("Wat zijn de belangrijkste lessen uit dit traject?")),
    Field("anders", "reflectie", _l("Wat zou je bij een volgende implementatie anders aanpakken?")),
    Field(
        "best_practice", "reflectie", _l("Welke elementen van dit proces kunnen als ‘best practice’ worden beschouwd?")
    ),
    Field("doelen_bereikt", "resultaten", _l("Zijn de gestelde doelen bereikt?")),
    Field(
        "positief",
        "resultaten",
        _l("Welke positieve veranderingen zijn zichtbaar?"),
        _l("Bijvoorbeeld: betere samenwerking, efficiëntere werkwijze, tevredenheid van patiënten of medewerkers"),
    ),
    Field("verbeterpunten", "resultaten", _l("Zijn er nog verbeterpunten zichtbaar na de implementatie?")),
    Field(
        "tips",
        "tips",
        _l(
            "Wat zijn jouw belangrijkste adviezen voor andere praktijken die een soortgelijke verandering willen "
            "doorvoeren?"
        ),
    ),
)
KEYS = {f.key for f in FIELDS}


class CaseStudyError(UserError):
    """A case-study change that cannot be stored; the message is for people."""


def clean_values(body: object) -> dict[str, str]:
    """Check a PUT body ``{"values": {key: text}}`` completely before anything is stored."""
    if not isinstance(body, dict) or not isinstance(body.get("values"), dict):
        raise CaseStudyError(_("Stuur een JSON-object met 'values': {veld: tekst}."))
    out: dict[str, str] = {}
    for key, value in body["values"].items():
        if key not in KEYS:
            raise CaseStudyError(_("Onbekend veld in de casestudy: %(key)s", key=str(key)[:40]))
        if not isinstance(value, str):
            raise CaseStudyError(_("Het veld %(key)s moet tekst zijn.", key=key))
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
        if len(value) > MAX_VALUE:
            raise CaseStudyError(_("Het veld %(key)s is te lang (maximaal %(max)s tekens).", key=key, max=MAX_VALUE))
        out[key] = value
    return out


def merged(saved: dict[str, Any], changes: dict[str, str]) -> dict[str, str]:
    """The stored answers after a PUT: keys sent are set, an empty text clears its field."""
    out = {k: v for k, v in saved.items() if k in KEYS and isinstance(v, str)}
    out.update(changes)
    return {k: v for k, v in out.items() if v}


# --- suggestions ------------------------------------------------------------------------


def _lines(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def _named_people(data: dict[str, Any]) -> list[str]:
    """Names shown in non-anonymous activities only (``report.collect`` removed the others)."""
    names = []
    for meeting in data["meetings"]:
        for activity in meeting["activities"]:
            if activity["anonymous"]:
                continue
            names += [n.get("author_name") or "" for n in meeting["notes"].get(activity["id"], [])]
    return _unique(names)


def facts(data: dict[str, Any], registry: Registry) -> dict[str, list[str]]:
    """What the work formats contribute (``Workform.casestudy_facts``), per field key, in meeting order."""
    out: dict[str, list[str]] = {}
    for meeting in data["meetings"]:
        for activity in meeting["activities"]:
            form = registry.get(activity["workform"])
            if form is None:
                continue
            # Called without notes too: a questionnaire keeps its answers elsewhere.
            notes = meeting["notes"].get(activity["id"], [])
            for key, lines in (form().casestudy_facts(activity, notes) or {}).items():
                if key in KEYS and isinstance(lines, list):
                    out.setdefault(key, []).extend(str(line) for line in lines[:MAX_FACTS] if line)
    return {k: _unique(v) for k, v in out.items()}


def suggestions(data: dict[str, Any], registry: Registry) -> dict[str, str]:
    """A proposal per field from the trajectory's data (``trajectory_report.collect``); '' where none."""
    trajectory, meetings = data["trajectory"], data["meetings"]
    found = facts(data, registry)
    out = {key: _lines(lines) for key, lines in found.items()}
    out["praktijk"] = trajectory["practice"] or next(
        (m["session"]["practice"] for m in reversed(meetings) if m["session"]["practice"]), ""
    )
    out["periode"] = period(meetings)
    people = []
    if trajectory["project_leader"]:
        people.append(_("%(name)s (projectleider)", name=trajectory["project_leader"]))
    people += _named_people(data)
    people += found.get("betrokkenen", [])
    out["betrokkenen"] = ", ".join(_unique(people))
    latest = next((g for g in reversed(data["goals"]) if g["goals"] or g["ambition"]), None)
    if latest:
        doelen = [_("Ambitie: %(text)s", text=latest["ambition"])] if latest["ambition"] else []
        out["doelen"] = "\n".join(doelen + [f"- {g['title']}" for g in latest["goals"]])
    if meetings:
        out["voorbereiding"] = _("Bijeenkomsten:") + "\n" + _lines([_meeting(m["session"]) for m in meetings])
    actions = data["actions"]
    if actions:
        done = [a for a in actions if a["status"] == "klaar"]
        summary = _("%(done)s van de %(total)s actiepunten zijn klaar.", done=len(done), total=len(actions))
        lines = [f"{a['what']} ({status_label(a['status']).lower()})" for a in actions]
        out["doelen_bereikt"] = summary + "\n" + _lines(lines)
        still_open = [a["what"] for a in actions if a["status"] != "klaar"]
        if still_open:
            out["verbeterpunten"] = _lines(found.get("verbeterpunten", []) + still_open)
    return {f.key: out.get(f.key, "") for f in FIELDS}


def _meeting(session: dict[str, Any]) -> str:
    return f"{session['title']} ({format_date(session['created_at'])})"


def fields(data: dict[str, Any], registry: Registry, saved: dict[str, Any]) -> list[dict[str, Any]]:
    """The case study as the page and the API show it, texts in the current language."""
    proposed = suggestions(data, registry)
    return [
        {
            "key": f.key,
            "section": translate(SECTIONS[f.section]),
            "section_key": f.section,
            "label": translate(f.label),
            "hint": translate(f.hint),
            "value": saved.get(f.key, "") if isinstance(saved.get(f.key), str) else "",
            "suggestion": proposed[f.key],
        }
        for f in FIELDS
    ]


# --- PDF -------------------------------------------------------------------------------


def render(data: dict[str, Any], saved: dict[str, Any]) -> bytes:
    """The filled-in case study as PDF: saved answers only, an empty line where none. Pure."""
    with language(data["locale"]):
        kit = ReportKit()
        buf = io.BytesIO()
        trajectory = data["trajectory"]
        doc = report.document(buf, _("Casestudy — %(name)s", name=trajectory["name"]))
        flow: list[Flowable] = [
            Paragraph(_("Casestudy"), kit.small),
            Paragraph(text(trajectory["name"]), kit.h1),
        ]
        if trajectory["practice"]:
            flow.append(Paragraph(text(trajectory["practice"]), kit.body))
        for section, title in SECTIONS.items():
            flow.append(Paragraph(text(str(title)), kit.h2))
            for field in (f for f in FIELDS if f.section == section):
                value = saved.get(field.key)
                block: list[Flowable] = [Paragraph(f"<b>{text(str(field.label))}</b>", kit.body)]
                if isinstance(value, str) and value:
                    block += kit.paragraphs(value)
                else:
                    block += [Spacer(1, 14), HRFlowable(width="100%", thickness=0.5, color=colors.HexColor("#8C857A"))]
                block.append(Spacer(1, 6))
                flow.append(KeepTogether(block))
        report.build(doc, flow, _("Casestudy — %(name)s", name=trajectory["name"]))
        return buf.getvalue()
