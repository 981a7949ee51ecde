"""Lines that are page furniture, not article text, and why. Pure."""

from __future__ import annotations

import re

# A line that is boilerplate wherever it appears: (reason, pattern on the whole line).
_BOILERPLATE_LINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        (
            "related-links",
            r"(baca|lihat) (juga|pula)\b.*|baca( berita| artikel)? (selengkapnya|"
            r"lainnya|yang ini)\b.*|pilihan editor\s*:.*",
        ),
        (
            "related-links",
            r"(berita|artikel) terkait\s*:.*|((berita|artikel) (terkait|selanjutnya|"
            r"sebelumnya)|baca selanjutnya)\s*:?",
        ),
        ("advertisement", r"[-–—\s]*(advertisement|iklan|advertorial)[-–—\s]*"),
        ("advertisement", r"scroll to (continue|resume)( with content)?\.?"),
        ("advertisement", r"baca berita (dengan|tanpa) (sedikit )?iklan\b.*"),
        ("embed", r"\[gambas:[^\]]*\]"),
        ("share-follow", r"(bagikan|share)( (artikel|berita) ini)?\s*:?.{0,40}"),
        (
            "share-follow",
            r"(ikuti|follow)( kami| us)?\b.{0,60}(google news|whatsapp|telegram|"
            r"instagram|twitter|facebook|tiktok|youtube|channel)\b.{0,40}",
        ),
        (
            "share-follow",
            r"(simak|baca|dapatkan)\b.{0,120}\b(google news|whatsapp|telegram|"
            r"ponselmu|aplikasi|breaking news)\b.*",
        ),
        ("share-follow", r"simak video\b.*"),
        ("share-follow", r"(?=.{0,80}$).*\b(klik|click|tap) (di ?sini|here|link ini)\W*"),
        (
            "byline",
            r"(editor|penulis|pewarta|reporter|redaktur|penyunting|kontributor|rep|red)"
            r"\s*:.{0,80}",
        ),
        ("byline", r"\((?:[a-z]{2,6}/)+[a-z]{2,6}\)|\((ant|antara|rtr|afp|ap)\)"),
        ("copyright", r"(?=.{0,120}$).*(©|\bcopyright\b|\bhak cipta\b|all rights reserved).*"),
        ("copyright", r"dilarang (keras )?(mengambil|mengutip|menyalin) (konten|isi|berita)\b.*"),
        ("comment-form", r"silakan masukkan (komentar|nama|email|alamat)\b.*"),
        ("comment-form", r"(tinggalkan (komentar|balasan)|kirim komentar|komentar)\b.{0,20}"),
    )
)

# A line after which the rest of the page is boilerplate (comment forms, teaser lists).
_TERMINAL_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("comment-form", r"tinggalkan (komentar|balasan)|komentar( anda)?|kirim komentar"),
        (
            "teaser",
            r"berita (terbaru|terkini|terpopuler|lainnya|pilihan|terkait)|"
            r"artikel (terkait|lainnya|pilihan)|terpopuler|rekomendasi( untuk anda)?|"
            r"baca berita yang ini|baca juga berita (ini|lainnya)|"
            r"simak (berita|artikel) lainnya\b.*|(berita|artikel|topik) lainnya\b.*",
        ),
    )
)


# A related-links header standing alone ("Baca Juga", "Lihat Juga :", "Artikel Selanjutnya");
# the headlines right under it belong to the same link box.
_LINK_HEADER = re.compile(
    r"((baca|lihat) (juga|pula)|(berita|artikel) (terkait|selanjutnya|sebelumnya)|"
    r"baca selanjutnya)\s*:?",
    re.IGNORECASE,
)


def _is_headline(line: str) -> bool:
    """A short line with no sentence end: how a linked headline looks in a scrape."""
    return len(line.split()) <= 16 and not line.rstrip("\"”’'").endswith((".", "!", "?", ":"))


def boilerplate_reason(line: str) -> str | None:
    """Why `line` (one cleaned block) is boilerplate, or None if it is content."""
    for reason, pattern in _BOILERPLATE_LINES:
        if pattern.fullmatch(line):
            return reason
    return None


def _terminal_reason(line: str) -> str | None:
    for reason, pattern in _TERMINAL_MARKERS:
        if pattern.fullmatch(line.strip(" :!.")):
            return reason
    return None
