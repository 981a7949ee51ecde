"""A fixed fixture gold set: the bundled articles with a few hand-placed spans.

Until the reviewed gold set lands in data/gold, the corpus tests (round trip, card
snapshot, diff snapshot, split stability) run on these. Spans are placed by their
surface text and occurrence number, so they follow the canonical text if the parser
changes, and a span that no longer exists fails loudly here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from annotate.parse import parse_bytes
from corpus.records import Article, Document, Entity, Meta, Quantity, Stance, span_id
from corpus.schemas import guidelines, label_set
from tests.conftest import ARTICLES

LABELS = label_set()
PER, ORG = LABELS.entity_labels
FAVOR, AGAINST, NEUTRAL = LABELS.polarity_names
GT, GE, LT, LE = LABELS.bound_names


@dataclass(frozen=True)
class E:
    """An entity: `surface` as its `nth` occurrence in the text."""

    label: str
    surface: str
    nth: int = 0


@dataclass(frozen=True)
class Q:
    surface: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    approximate: bool = False
    bound: str | None = None
    nth: int = 0


@dataclass(frozen=True)
class S:
    """A stance; `holder` is the index of the holder entity in the article's list."""

    surface: str
    polarity: str
    holder: int | None
    target: str
    nth: int = 0


def find(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the `nth` whole-word occurrence of `surface` in `text` (fails if none)."""
    found = list(re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text))
    if len(found) <= nth:
        raise LookupError(f"{surface!r} occurs {len(found)} times, wanted occurrence {nth}")
    return found[nth].span()


SPANS: dict[str, list[E | Q | S]] = {
    "sample-kazakhstan.txt": [
        E(PER, "Kassym-Jomart Tokayev"),
        E(PER, "Tokayev", 1),
        E(ORG, "Dewan Eropa"),
        E(PER, "Charles Michel"),
        E(ORG, "Tass"),
        E(ORG, "Collective Security Treaty Organization"),
        E(ORG, "CSTO"),
        Q("2-3 miliar USD", low=2e9, high=3e9, unit="USD"),
        Q("1,300", value=1300, approximate=True),
        Q("100", value=100, bound=GT),
        Q("68 tahun", value=68, unit="tahun"),
        Q("enam", value=6),
        S("Saya tidak ragu bahwa ini adalah serangan teror,", AGAINST, 1, "serangan teror"),
        S(
            "menyatakan dukungannya untuk kedaulatan dan integritas wilayah Kazakhstan",
            FAVOR,
            2,
            "kedaulatan Kazakhstan",
        ),
    ],
    "suara-kopi-bu-siti-viral-emoji.txt": [
        E(PER, "Siti Rahmawati"),
        E(PER, "Siti", 3),
        E(ORG, "TikTok", 1),
        E(ORG, "Kementerian Koperasi dan Usaha Kecil dan Menengah"),
        E(ORG, "KemenKopUKM"),
        E(PER, "Yudha Permana Siregar"),
        E(ORG, "PT Bank Rakyat Indonesia (Persero) Tbk"),
        E(ORG, "BRI"),
        Q("Rp 45 Juta", value=45e6, unit="IDR"),
        Q("12 juta kali", value=12e6, unit="kali", bound=GT),
        Q("300-400", low=300, high=400),
        Q("30 persen", value=30, unit="%", bound=LT),
        S(
            "Kami mendukung penuh UMKM seperti ini. Viral itu momentum, tapi yang lebih penting "
            "adalah bagaimana usahanya bertahan setelah viralnya lewat,",
            FAVOR,
            5,
            "UMKM",
        ),
    ],
    "bisnis-pinjaman-hijau-panas-bumi-crlf.txt": [
        E(ORG, "PT Sinar Geotermal Nusantara Tbk"),
        E(ORG, "SGEN"),
        E(PER, "Bambang Wicaksono-Adi"),
        E(ORG, "Walhi"),
        E(PER, "Yuliana Sembiring"),
        Q("US$2,5 miliar", value=2.5e9, unit="USD"),
        Q("Rp39,1 triliun", value=39.1e12, unit="IDR"),
        Q("Rp1.205", value=1205, unit="IDR"),
        Q("1,85%", value=1.85, unit="%"),
        Q("15%-18%", low=15, high=18, unit="%"),
        S("menolak pembangunan salah satu PLTP", AGAINST, 3, "pembangunan PLTP"),
    ],
}


@cache
def article(name: str) -> Article:
    path: Path = ARTICLES / name
    return parse_bytes(path.read_bytes(), source=path.name)


def document(name: str, *, annotators: tuple[str, ...] = ("ann-0000aaaa",)) -> Document:
    """The bundled article `name` with its hand-placed spans (none if it has no entry)."""
    art = article(name)
    text = art.text
    entities: list[Entity] = []
    quantities: list[Quantity] = []
    stances: list[Stance] = []
    for spec in SPANS.get(name, []):
        if isinstance(spec, E):
            start, end = find(text, spec.surface, spec.nth)
            entity_id = span_id("entities", start, end)
            entities.append(Entity(entity_id, start, end, spec.surface, spec.label))
        elif isinstance(spec, Q):
            start, end = find(text, spec.surface, spec.nth)
            quantities.append(
                Quantity(
                    span_id("quantities", start, end),
                    start,
                    end,
                    spec.surface,
                    spec.value,
                    spec.low,
                    spec.high,
                    spec.unit,
                    spec.approximate,
                    spec.bound,
                )
            )
        else:
            start, end = find(text, spec.surface, spec.nth)
            holder = entities[spec.holder].id if spec.holder is not None else None
            stances.append(
                Stance(
                    span_id("stances", start, end),
                    start,
                    end,
                    spec.surface,
                    spec.polarity,
                    holder,
                    spec.target,
                )
            )
    return Document(
        art,
        tuple(entities),
        tuple(quantities),
        tuple(stances),
        Meta("gold", guidelines().version, annotators=annotators),
    )


def article_names() -> list[str]:
    return sorted(p.name for p in ARTICLES.iterdir() if p.suffix in {".txt", ".html"})


def gold_documents() -> list[Document]:
    """Every bundled article as a gold Document (hand-placed spans where SPANS has them)."""
    return [document(name) for name in article_names()]
