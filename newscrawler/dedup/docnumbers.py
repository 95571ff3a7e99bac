"""Official document numbers in a text (工信厅企业函〔2023〕283号, приказ № 1234, 제2024-15호 …).

``document_numbers`` returns the normalised numbers a text is *about*: those in its title or
its opening (the first 300 characters), unless a citation cue ("根据", "в соответствии с",
"pursuant to" …) stands just before them. A forwarding notice or a news report names the
document it is about early; a notice that merely cites another act as its legal basis does not
make the two the same document. Patterns live in ``data/doc_numbers.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DOC_NUMBERS_FILE = Path(__file__).resolve().parents[2] / "data" / "doc_numbers.toml"
OPENING_CHARS = 300
CUE_WINDOW = 40


@dataclass(frozen=True)
class Patterns:
    regexes: tuple[re.Pattern, ...]
    cues: re.Pattern          # before the number
    cues_after: re.Pattern    # right after it (postpositions)


@lru_cache(maxsize=1)
def patterns(path: Path = DOC_NUMBERS_FILE) -> Patterns:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    def alternation(words):
        return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)

    return Patterns(tuple(re.compile(p["regex"], re.I) for p in data["pattern"]),
                    alternation(data["citation_cues"]), alternation(data.get("citation_cues_after", [])))


def _key(m: re.Match) -> str:
    g = {k: v for k, v in m.groupdict().items() if v}
    num = g.get("num") or g.get("num2", "")
    year = g.get("year") or g.get("year2", "")
    kind = (g.get("kind") or "").lower()[:4] if not re.search(r"[\u4e00-\u9fff]", g.get("kind") or "") \
        else g["kind"][-6:]   # a Chinese issuer code: its tail (…企业函) tells series apart
    return re.sub(r"\s+", "", f"{kind}|{year}|{num}").lower()


def all_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every document number in ``text``."""
    found = []
    for regex in patterns().regexes:
        for m in regex.finditer(text):
            found.append((m.start(), m.end(), _key(m)))
    return sorted(found)


def document_numbers(title: str | None, text: str | None) -> set[str]:
    """The numbers of the documents this text is about (see the module docstring)."""
    head = f"{title or ''}\n"
    opening = head + (text or "")[:OPENING_CHARS + 80]   # room for a number that starts near the edge
    p = patterns()
    return {key for start, end, key in all_numbers(opening)
            if start < len(head) + OPENING_CHARS
            and not p.cues.search(opening[max(0, start - CUE_WINDOW):start])
            and not p.cues_after.match(opening[end:end + 4].lstrip("）)」』]】 ") + opening[end + 4:end + 12])}
