"""Mentions that point at others: pronouns ("ia", "mereka", "negara itu") take the last
mention of their kind, a bare name the sector of a fuller mention of the same person."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from warta.events.actors import Mention

if TYPE_CHECKING:
    pass


def resolve_pronouns(by_sent: list[list[Mention]]) -> None:
    last: dict[str, Mention] = {}
    for ms in by_sent:
        for n, m in enumerate(ms):
            if m.kind == "pronoun":
                low = m.text.lower()
                want = "person" if low in ("ia", "dia") else "group"
                if low.startswith("negara"):
                    want = "state"
                ref = last.get(want) or (last.get("gov") if want == "group" else None)
                if ref is not None:
                    ms[n] = replace(
                        m, name=ref.name, country=ref.country, sector=ref.sector,
                        antecedent=ref.kind,
                    )  # fmt: skip
            elif m.kind in ("person", "name"):
                last["person"] = m
            elif m.kind in ("group", "gov"):
                last["group"] = m
            if m.kind in ("state", "capital") or (m.locative and m.countries):
                last["state"] = replace(m, kind="state", sector="GOV", locative=False)


def name_coreference(by_sent: list[list[Mention]]) -> None:
    """Give a bare name the sector of a fuller mention of the same person ("Sugeng")."""
    known: dict[str, Mention] = {}
    for ms in by_sent:
        for m in ms:
            if m.proper and m.sector and m.kind in ("person", "name"):
                for word in m.text.split():
                    if len(word) > 2 and word[:1].isupper():
                        known.setdefault(word, m)
    for ms in by_sent:
        for n, m in enumerate(ms):
            if m.kind == "name" and m.sector is None:
                ref = next((known[w] for w in m.text.split() if w in known), None)
                if ref is not None:
                    country = ref.country if m.defaulted else m.country
                    ms[n] = replace(m, sector=ref.sector, country=country, kind="person")
