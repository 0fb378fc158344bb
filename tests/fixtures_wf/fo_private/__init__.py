"""A work format with private writing, for browser tests of the core's schrijven phase."""

from __future__ import annotations

from app.workform import BESPREKEN, PLAKKEN, SCHRIJVEN, Category, Workform


class Private(Workform):
    slug = "private"
    title = {"nl": "Privé schrijven", "en": "Private writing"}
    default_prompt = "Welke problemen ervaar je en welke kansen zie je?"
    phases = (SCHRIJVEN, PLAKKEN, BESPREKEN)
    categories = (Category("probleem", "Uitdaging", "roze"), Category("kans", "Kans", "blauw"))


workform = Private
