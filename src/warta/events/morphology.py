"""Indonesian verb and noun derivation for the trigger lexicon (``data/families-id.tsv``).

A family row names a root and the affixes news writing uses with it; ``derive`` builds each
surface form with the standard nasal assimilation of meN- / peN- (t, k, p, s drop before a
vowel; clusters keep their consonant: "kritik" -> "mengkritik", "protes" -> "memprotes"), so
that one row covers the active, passive and nominal forms a sentence may use.
"""

from __future__ import annotations

VOWELS = frozenset("aeiou")
# affix -> the voice the coder reads participants by (see data/triggers-id.tsv)
AFFIX_VOICE = {
    "meN": "act", "meN-kan": "act", "meN-i": "act", "memper-kan": "act", "ber": "act",
    "di": "pas", "di-kan": "pas", "di-i": "pas", "ter": "pas", "diper-kan": "pas",
    "peN-an": "noun", "per-an": "noun", "-an": "noun", "ke-an": "noun", "": "noun",
}  # fmt: skip


def _nasal(root: str, *, noun: bool) -> str:
    """meN- (or peN- when ``noun``) joined to ``root`` with assimilation."""
    head = "pe" if noun else "me"
    first = root[:1]
    second = root[1:2]
    cluster = second != "" and second not in VOWELS
    syllables = sum(
        1 for i, c in enumerate(root) if c in VOWELS and (i == 0 or root[i - 1] not in VOWELS)
    )
    if syllables == 1:
        return f"{head}nge{root}"  # "bom" -> "mengebom", "pengeboman"
    if first in VOWELS or first in ("g", "h"):
        return f"{head}ng{root}"
    if first == "k":
        return f"{head}ng{root}" if cluster else f"{head}ng{root[1:]}"
    if first == "p":
        return f"{head}m{root}" if cluster else f"{head}m{root[1:]}"
    if first in ("b", "f", "v"):
        return f"{head}m{root}"
    if first == "t":
        return f"{head}n{root}" if cluster else f"{head}n{root[1:]}"
    if first in ("d", "c", "j", "z"):
        return f"{head}n{root}"
    if first == "s":
        return f"{head}n{root}" if cluster else f"{head}ny{root[1:]}"
    return f"{head}{root}"  # l m n r w y


def derive(root: str, affix: str) -> str:
    """The surface form of ``root`` with ``affix`` (one of ``AFFIX_VOICE``)."""
    root = root.lower()
    if affix not in AFFIX_VOICE:
        raise ValueError(f"unknown affix {affix!r}")
    if affix == "":
        return root
    if affix == "meN":
        return _nasal(root, noun=False)
    if affix == "meN-kan":
        return _nasal(root, noun=False) + "kan"
    if affix == "meN-i":
        return _nasal(root, noun=False) + "i"
    if affix == "memper-kan":
        return f"memper{root}kan"
    if affix == "diper-kan":
        return f"diper{root}kan"
    if affix == "ber":
        return ("be" if root.startswith("r") else "ber") + root
    if affix == "ter":
        return ("te" if root.startswith("r") else "ter") + root
    if affix == "di":
        return f"di{root}"
    if affix == "di-kan":
        return f"di{root}kan"
    if affix == "di-i":
        return f"di{root}i"
    if affix == "peN-an":
        return _nasal(root, noun=True) + "an"
    if affix == "per-an":
        return ("pe" if root.startswith("r") else "per") + root + "an"
    if affix == "ke-an":
        return f"ke{root}an"
    return f"{root}an"  # "-an"
