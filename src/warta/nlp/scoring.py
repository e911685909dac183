"""Entity-level scores (exact span and label, as conlleval): per label and micro-averaged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

Span = tuple[int, int, str]


@dataclass(slots=True)
class Scores:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Iterable[Span], pred: Iterable[Span]) -> None:
        g, p = set(gold), set(pred)
        for _s, _e, label in g & p:
            self.tp[label] += 1
        for _s, _e, label in p - g:
            self.fp[label] += 1
        for _s, _e, label in g - p:
            self.fn[label] += 1

    def labels(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def prf(
        self, label: str | None = None, *, only: Iterable[str] | None = None
    ) -> tuple[float, float, float]:
        """P, R, F1 of one label, or micro-averaged over ``only`` (default: every label)."""
        names = [label] if label else list(only) if only is not None else self.labels()
        tp = sum(self.tp[n] for n in names)
        fp = sum(self.fp[n] for n in names)
        fn = sum(self.fn[n] for n in names)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def support(self, label: str) -> int:
        return self.tp[label] + self.fn[label]

    def as_dict(self) -> dict[str, dict[str, float]]:
        out = {}
        for label in [*self.labels(), None]:
            p, r, f = self.prf(label)
            out[label or "micro"] = {
                "p": round(p, 4),
                "r": round(r, 4),
                "f1": round(f, 4),
                "support": self.support(label)
                if label
                else sum(self.support(x) for x in self.labels()),
            }
        return out
