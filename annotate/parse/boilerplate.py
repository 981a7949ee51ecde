"""Lines that are page furniture, not article text, and why. Pure (the given-name list
that tells a bare byline is read once, on first use)."""

from __future__ import annotations

import re

from annotate.parse.dateline import looks_like_outlet
from annotate.parse.lines import is_credit

ReasonPatterns = tuple[tuple[str, re.Pattern[str]], ...]


def reason_patterns(*pairs: tuple[str, str]) -> ReasonPatterns:
    """(reason, pattern) pairs compiled case-insensitively, tried in order."""
    return tuple((reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in pairs)


def first_reason(patterns: ReasonPatterns, text: str) -> str | None:
    """The reason of the first pattern that matches all of `text`, or None."""
    return next((reason for reason, pattern in patterns if pattern.fullmatch(text)), None)


_PLATFORM = (
    r"(whatsapp|telegram|google news|instagram|tiktok|youtube|facebook|app|aplikasi|"
    r"channel|saluran|sosial media|media sosial)"
)

_ROLE = (
    r"(wartawan|jurnalis|reporter|kontributor|koresponden|penulis|editor|redaktur|"
    r"fotografer|pewarta)"
)

# A line that is boilerplate wherever it appears: (reason, pattern on the whole line).
_BOILERPLATE_LINES = reason_patterns(
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
    # A short prompt to go to a platform or an app: "Gabung di channel WhatsApp kami",
    # "Cek berita lainnya di Google News", "... di WhatsApp Anda".
    (
        "share-follow",
        r"(?=.{0,90}$)(?!.*[.!?]$).*\b(gabung|bergabung|ikuti|follow|dapatkan|download|"
        r"unduh|install|instal|subscribe|cek|baca|simak|hadir|tonton|kunjungi)\b.*\b"
        rf"{_PLATFORM}\b.*",
    ),
    ("share-follow", rf"(?=.{{0,90}}$)(?!.*[.!?]$).*\b{_PLATFORM}\s+(anda|kamu|kami)\b.*"),
    ("share-follow", r"\W{0,2}(ikuti|follow|subscribe|langganan|berlangganan)\b.{0,60}"),
    ("share-follow", r"(?=.{0,80}$).*\b(klik|click|tap) (di ?sini|here|link ini)\W*"),
    (
        "byline",
        r"(editor|penulis|pewarta|reporter|redaktur|penyunting|kontributor|rep|red|"
        r"fotografer|videografer)\s*:.{0,80}",
    ),
    ("byline", r"(artikel|berita|tulisan) ini (ditulis|disunting|dilaporkan) oleh\s*:?.{0,60}"),
    # "Oleh: Nama", "Laporan wartawan Nama", "Nama - Reporter", "Nama, Kontributor Kota":
    # a name with a newsroom role, short and with no sentence in it.
    ("byline", r"(ditulis |dilaporkan )?oleh\s*:?\s*(?-i:[A-Z])[^!?]{0,80}(?<!\.)"),
    (
        "byline",
        rf"(laporan\s+)?{_ROLE}\s+(?-i:[A-Z])[^!?:]{{0,60}}(?<!\.)"
        rf"|(?=.{{0,90}}$)(?!.*[.!?]$)(?-i:[A-Z])[^.!?:,|–—-]{{0,50}}\s*[,|–—-]\s*{_ROLE}\b.*",
    ),
    ("caption", r"(sumber|source|foto|photo)\s*:.{0,60}"),
    ("widget", r"(lihat|tampilkan|perbesar) (foto|video|galeri|semua)\W*"),
    (
        "byline",
        r"\((?:[a-z]{2,6}/)*[a-z]{2,6}\)|\((?-i:[A-Z]{1,3}\d{1,3})\)|\((antara|rtr|afp|ap)\)",
    ),
    ("copyright", r"(?=.{0,120}$).*(©|\bcopyright\b|\bhak cipta\b|all rights reserved).*"),
    ("copyright", r"dilarang (keras )?(mengambil|mengutip|menyalin) (konten|isi|berita)\b.*"),
    ("comment-form", r"silakan masukkan (komentar|nama|email|alamat)\b.*"),
    (
        "comment-form",
        r"(tinggalkan (komentar|balasan)|(kirim|tulis) komentar|komentar)\b.{0,20}",
    ),
    # Page furniture with no words: counters, close buttons, separators ("2", "***").
    ("widget", r"[\W\d_]*"),
    # Icon and widget names leaked into the text ("copy-link-circle", "comment").
    ("widget", r"(?-i:[a-z]{3,}|[a-z]+(?:[-_][a-z]+)+[A-Za-z]*)"),
    ("widget", r"halaman\s*:?[\s\d/]*(dari\s*\d+)?"),
    ("widget", r"[\d\s]*(halaman )?(selanjutnya|sebelumnya|berikutnya)\W*"),
)

# A line after which the rest of the page is boilerplate (comment forms, teaser lists).
_TERMINAL_MARKERS = reason_patterns(
    (
        "comment-form",
        r"tinggalkan (komentar|balasan)|(\d+\s+)?komentar( anda| pembaca| terbaru)?|"
        r"kirim komentar",
    ),
    ("widget", r"(tags?|topik|label)(\s*:.*)?"),
    (
        "teaser",
        r"berita (terbaru|terkini|terpopuler|lainnya|pilihan|terkait)|"
        r"artikel (terkait|lainnya|pilihan)|terpopuler|rekomendasi( untuk anda)?|"
        r"baca berita yang ini|baca juga berita (ini|lainnya)|"
        r"simak (berita|artikel) lainnya\b.*|(berita|artikel|topik) lainnya\b.*",
    ),
)


# A related-links header standing alone ("Baca Juga", "Lihat Juga :", "Artikel Selanjutnya");
# the headlines right under it belong to the same link box.
LINK_HEADER = re.compile(
    r"((baca|lihat) (juga|pula)|(berita|artikel) (terkait|selanjutnya|sebelumnya)|"
    r"baca selanjutnya)\s*:?",
    re.IGNORECASE,
)


def is_linked_headline(line: str) -> bool:
    """A short line with no sentence end: how a linked headline looks in a scrape."""
    return len(line.split()) <= 16 and not line.rstrip("\"”’'").endswith((".", "!", "?", ":"))


# Table cells copied as text: "Editor | : | Nama |".
_CELL_BARS = re.compile(r"\s*\|\s*")


def boilerplate_reason(line: str) -> str | None:
    """Why `line` (one cleaned block) is boilerplate, or None if it is content."""
    unbarred = _CELL_BARS.sub(" ", line).strip() if "|" in line else line
    for reason, pattern in _BOILERPLATE_LINES:
        if pattern.fullmatch(line) or (unbarred is not line and pattern.fullmatch(unbarred)):
            return reason
    if is_credit(line):
        return "caption"
    m = _NAME_OUTLET.fullmatch(unbarred if "|" not in line else line)
    if m and looks_like_outlet(m["outlet"]):
        return "byline"
    if _is_bare_name(line):
        return "byline"
    return None


_NAME_WORD = re.compile(r"(?:[A-Z][a-z]+|[A-Z]\.)")


def _is_bare_name(line: str) -> bool:
    """A person's name alone on a line ("Rina Kartika"): the reporter's byline. The first
    word must be a given name of the gazetteer, every word capitalised."""
    from annotate.rules.gazetteer import gazetteers  # lazy: the lists load on first use

    names = line.split(" ")
    return (
        2 <= len(names) <= 4
        and all(_NAME_WORD.fullmatch(name) for name in names)
        and names[0] in gazetteers().given_names
    )


# "Nama Reporter - detikNews", "Nama Reporter | Kompas.com": a name credited to an outlet.
_NAME_OUTLET = re.compile(
    r"(?-i:[A-Z])[\w.']+(?: [\w.']+){1,3}\s+[-–—|]\s+(?P<outlet>[\w.]+(?: [A-Z][\w.]*){0,2})"
)


# What a news page glues to the end of the last paragraph: an editor's sign-off code after
# the final full stop ("... kata dia. (nov)", "(chm/ant)", "(J03)") and end marks ("***").
_SIGN_OFF = re.compile(
    r"(?<=[.!?\"”’])\s*\((?:[a-z]{2,6}(?:/[a-z]{2,6})*|[A-Z]{1,3}\d{1,3}|[a-z]{1,4}\d{1,3})\)$"
    r"|\s\((?:[a-z]{2,6}/)+[a-z]{2,6}\)$"
)
_END_MARK = re.compile(r"(?<=\S)\s*(?:\*{3,}|#{3,}|\(\*\))$")


def glued_tail(line: str) -> tuple[str, str, str] | None:
    """(line without its tail, the tail, reason) when furniture is glued to its end."""
    for reason, pattern in (("byline", _SIGN_OFF), ("widget", _END_MARK)):
        m = pattern.search(line)
        if m and line[: m.start()].strip():
            return line[: m.start()].rstrip(), m.group().strip(), reason
    return None


def terminal_reason(line: str) -> str | None:
    """Why everything from `line` on is furniture ("Berita Terkait", "Tags: ..."), or None."""
    return first_reason(_TERMINAL_MARKERS, line.strip(" :!."))
