"""A third-party work format, installed only through the ``flipover.workforms``
entry point: test_registry.py copies this package into a temporary folder next
to a ``fo_extra-0.1.dist-info`` and puts that folder on ``sys.path``."""

from __future__ import annotations

from typing import Any

from app.workform import PLAKKEN, Workform, facilitator_event, participant_event


class Extra(Workform):
    slug = "extra"
    title = {"nl": "Extra werkvorm", "en": "Extra work format"}
    description = "Een werkvorm van buiten de kern."
    default_prompt = "Wat valt je op?"
    phases = (PLAKKEN,)

    @participant_event("ping")
    def ping(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "pong": payload.get("x"), "role": ctx.role, "activity_id": ctx.activity["id"]}

    @facilitator_event("reset")
    def reset(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "reset": True}


workform = Extra
