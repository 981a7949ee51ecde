"""Article text for the synthetic crawl (scripts/crawl_synth.py): stories recombined from the
bundled articles' sentences, headline changes, update paragraphs, and non-Indonesian filler.

The bundled articles (data/articles) give sentences; a new story takes most of them from one
article and some from the others, and perturbs each (numbers redrawn, places and given names
swapped, common words varied, linking phrases added) so that two distinct stories share few
five-word runs, as two real articles on one topic do. The English, Malay-ish and Javanese-ish
filler is written here, for the language filter to drop.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from annotate.parse import parse_bytes

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"

GIVEN = [
    "Agus",
    "Bambang",
    "Dedi",
    "Eko",
    "Fajar",
    "Gilang",
    "Hendra",
    "Irfan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Made",
    "Nyoman",
    "Putu",
    "Rahmat",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yudi",
    "Ayu",
    "Citra",
    "Dewi",
    "Eka",
    "Fitri",
    "Indah",
    "Kartika",
    "Lestari",
    "Maya",
    "Nur",
    "Rina",
    "Sari",
    "Siti",
    "Tuti",
    "Wulan",
    "Yanti",
]
SURNAME = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Nugroho",
    "Pratama",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Lubis",
    "Sinaga",
    "Wibowo",
    "Setiawan",
    "Kusuma",
    "Purnomo",
    "Gunawan",
    "Halim",
    "Tanjung",
    "Rangkuti",
    "Pardede",
    "Manurung",
    "Suryadi",
    "Hakim",
    "Syahputra",
]
PLACES = [
    "Jakarta",
    "Surabaya",
    "Bandung",
    "Medan",
    "Semarang",
    "Makassar",
    "Palembang",
    "Denpasar",
    "Yogyakarta",
    "Malang",
    "Padang",
    "Pekanbaru",
    "Pontianak",
    "Banjarmasin",
    "Balikpapan",
    "Samarinda",
    "Manado",
    "Kupang",
    "Mataram",
    "Ambon",
    "Jayapura",
    "Jambi",
    "Bengkulu",
    "Serang",
    "Bogor",
    "Depok",
    "Bekasi",
    "Tangerang",
    "Cirebon",
    "Solo",
    "Kediri",
    "Jember",
    "Batam",
]
PLACE_SET = frozenset(PLACES)
GIVEN_SET = frozenset(GIVEN)
# Word variants news writers use interchangeably; each occurrence is drawn again per story.
SYNONYMS: dict[str, list[str]] = {
    "mengatakan": ["mengatakan", "menyatakan", "menjelaskan", "menuturkan", "mengungkapkan"],
    "kata": ["kata", "ujar", "tutur", "ucap"],
    "warga": ["warga", "masyarakat", "penduduk"],
    "sejak": ["sejak", "semenjak"],
    "sekitar": ["sekitar", "kurang lebih", "sekira"],
    "tersebut": ["tersebut", "itu"],
    "akan": ["akan", "bakal"],
    "telah": ["telah", "sudah"],
    "sebelumnya": ["sebelumnya", "terdahulu"],
    "namun": ["namun", "tetapi", "akan tetapi"],
    "karena": ["karena", "sebab", "lantaran"],
    "hingga": ["hingga", "sampai"],
    "besar": ["besar", "signifikan"],
    "meminta": ["meminta", "mendesak", "mengimbau"],
    "pemerintah": ["pemerintah", "pemerintah pusat"],
}
LINKS = [
    "Sementara itu,",
    "Selain itu,",
    "Di sisi lain,",
    "Menurut keterangan resmi,",
    "Dalam kesempatan yang sama,",
    "Lebih lanjut,",
    "Pada bagian lain,",
    "Sebagai informasi,",
    "Adapun",
    "Berdasarkan data terbaru,",
]
UPDATES = [
    "Hingga berita ini diturunkan, {org} belum memberikan keterangan tambahan terkait hal itu.",
    "Pembaruan pukul {h}.{m} WIB: {who} memastikan jumlah tersebut masih bisa berubah "
    "setelah pendataan ulang di {place} selesai.",
    "{who}, yang dihubungi terpisah pada {day}, membenarkan informasi tersebut dan "
    "berjanji menyampaikan perkembangan selanjutnya kepada publik.",
    "Catatan redaksi: artikel ini diperbarui dengan tambahan keterangan dari {org} di "
    "{place} pada {day} sore.",
]
ORGS = [
    "Pemerintah Provinsi",
    "Dinas Perhubungan",
    "Kepolisian Daerah",
    "Badan Pusat Statistik",
    "Kementerian Keuangan",
    "Dewan Perwakilan Rakyat Daerah",
    "Ombudsman",
    "PT Kereta Api",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAME)}"


@dataclass(frozen=True)
class Source:
    """One bundled article cut into what recombination needs."""

    topic: str
    title: str
    sentences: list[str]


_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")


def load_sources() -> list[Source]:
    """The bundled articles, parsed, their body paragraphs cut into sentences."""
    sources = []
    for path in sorted(ARTICLES.iterdir()):
        article = parse_bytes(path.read_bytes(), source=str(path))
        title, *paragraphs = article.text.split("\n\n")
        sentences = [s for p in paragraphs for s in _SENTENCE_END.split(p) if len(s.split()) >= 6]
        sources.append(Source(path.stem, article.title or title, sentences))
    return sources


def _number(match: re.Match[str], rng: random.Random) -> str:
    digits = match.group(0)
    if len(digits) == 4 and digits.startswith(("19", "20")):
        return str(rng.randint(2015, 2025))  # a year stays a year
    first = str(rng.randint(1, 9)) if len(digits) > 1 else str(rng.randint(2, 9))
    return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


_TOKEN = re.compile(r"\d+|[A-Za-z]+")


def perturb(sentence: str, rng: random.Random, *, link: bool = True) -> str:
    """The sentence with numbers redrawn, places/given names swapped, common words varied."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.isdigit():
            return _number(match, rng)
        if word in PLACE_SET:
            return rng.choice(PLACES)
        if word in GIVEN_SET:
            return rng.choice(GIVEN)
        if word in SYNONYMS:
            return rng.choice(SYNONYMS[word])
        return word

    text = _TOKEN.sub(swap, sentence)
    if link and rng.random() < 0.35:
        text = f"{rng.choice(LINKS)} {text[0].lower()}{text[1:]}"
    return text


@dataclass(frozen=True)
class Story:
    """A generated article: headline and paragraphs (the first without its dateline)."""

    id: str
    topic: str
    title: str
    paragraphs: list[str]
    place: str
    published: date


def make_story(index: int, sources: list[Source], rng: random.Random) -> Story:
    """A new article mostly from one source's sentences, some from the others'."""
    source = rng.choice(sources)
    pool = [s for other in sources for s in other.sentences]  # about 300: cheap to rebuild
    paragraphs = []
    for _ in range(rng.randint(6, 12)):
        picks = [
            rng.choice(source.sentences if rng.random() < 0.7 else pool)
            for _ in range(rng.randint(1, 3))
        ]
        paragraphs.append(" ".join(perturb(s, rng) for s in picks))
    title = perturb(source.title, rng, link=False)
    if rng.random() < 0.5:
        title = f"{title.split(', ')[0]}, {person(rng)} Angkat Bicara"
    published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 729))
    return Story(f"s{index:06d}", source.topic, title, paragraphs, rng.choice(PLACES), published)


def retitle(story: Story, rng: random.Random) -> str:
    """A changed headline for a re-published copy."""
    forms = [
        "{p}: {t}",
        "{t} ({p})",
        "Ini Kata {p} soal {head}",
        "Update: {t}",
        "{head}, Begini Penjelasan Lengkapnya",
    ]
    head = story.title.split(", ")[0]
    return rng.choice(forms).format(p=person(rng), t=story.title, head=head)


def extend(story: Story, rng: random.Random) -> list[str]:
    """The paragraphs with one update paragraph added at the end or in the middle."""
    update = rng.choice(UPDATES).format(
        org=rng.choice(ORGS),
        who=person(rng),
        place=rng.choice(PLACES),
        day=rng.choice(DAYS),
        h=rng.randint(10, 22),
        m=f"{rng.randint(0, 59):02d}",
    )
    paragraphs = list(story.paragraphs)
    at = len(paragraphs) if rng.random() < 0.6 else rng.randint(1, len(paragraphs) - 1)
    paragraphs.insert(at, update)
    return paragraphs


# Filler in other languages, written for this generator; {p} a person, {c} a place, {n} a
# number, {d} a weekday. The language filter must drop these pages.
FOREIGN: dict[str, list[str]] = {
    "en": [
        "Officials in {c} said on {d} that {n} families had been moved to temporary shelters.",
        "The city council approved a budget of {n} million dollars for road repairs this year.",
        "{p}, a spokesperson for the agency, told reporters the review would take several weeks.",
        "Residents complained that the new bus schedule left them waiting for over an hour.",
        "Analysts expect prices to stay high until the next harvest arrives in late summer.",
        "The company reported a profit of {n} million, up from a loss in the previous quarter.",
        "Police in {c} are still looking for witnesses to the crash on the main highway.",
        "Teachers said the programme had helped {n} pupils catch up on missed lessons.",
        "The minister is expected to visit {c} on {d} to inspect the flood defences.",
        "Critics argue the plan does little to address the shortage of affordable housing.",
    ],
    "ms": [
        "Kerajaan negeri akan memperuntukkan sebanyak RM{n} juta bagi projek saliran di {c}.",
        "Menurut {p}, kerja-kerja pembaikan dijangka siap sepenuhnya sebelum hujung tahun ini.",
        "Seramai {n} mangsa banjir telah dipindahkan ke pusat pemindahan sementara pada {d}.",
        "Pihak berkuasa tempatan menasihatkan orang ramai supaya tidak memandu ke kawasan itu.",
        "Jabatan Kerja Raya sedang meneliti laporan kerosakan jalan yang diterima minggu lalu.",
        "Beliau berkata langkah itu perlu bagi memastikan bekalan air tidak terjejas lagi.",
        "Peniaga di pasar besar {c} mengadu jualan merosot sejak harga barang naik mendadak.",
        "Kementerian turut menyediakan talian bantuan untuk pelajar yang memerlukan sokongan.",
        "Mesyuarat jawatankuasa kampung diadakan semalam bagi membincangkan isu keselamatan.",
        "Ketua polis daerah mengesahkan {n} individu telah ditahan untuk membantu siasatan.",
    ],
    "jv": [
        "Warga desa padha ngumpul ing balai desa {c} dina {d} kanggo rembugan bab banyu resik.",
        "Pak {p} ngendika yen dalan sing rusak bakal didandani sadurunge mangsa rendheng.",
        "Bocah-bocah sekolah padha mlaku bareng menyang pasar kanggo tuku buku anyar.",
        "Rega beras ing pasar {c} mundhak nganti {n} ewu rupiah saben kilo minggu iki.",
        "Para petani ngarep-arep udan enggal teka supaya sawah ora garing maneh.",
        "Pamong praja ngelingake warga supaya ora mbuwang sampah ing kali maneh.",
        "Acara wayangan ing alun-alun dirawuhi atusan wong saka desa-desa sakiwa tengene.",
        "Simbah-simbah isih kelingan banjir gedhe sing nate ngrendhem kampung iki biyen.",
        "Dhuwit bantuan saka pamarentah wis ditampa {n} kulawarga sing mbutuhake.",
        "Pasar tradhisional saiki wis dibukak maneh sawise direnovasi sawetara sasi.",
    ],
}
FOREIGN_TITLES = {
    "en": ["{c} Moves {n} Families to Shelters", "Council Backs Road Budget in {c}"],
    "ms": ["{n} Mangsa Banjir Dipindahkan di {c}", "Projek Saliran {c} Siap Hujung Tahun"],
    "jv": ["Warga {c} Rembugan Bab Banyu Resik", "Rega Beras ing {c} Mundhak Maneh"],
}


def foreign_text(language: str, rng: random.Random) -> tuple[str, list[str]]:
    """A headline and paragraphs of filler in `language` (en, ms or jv)."""

    def fill(template: str) -> str:
        return template.format(
            p=person(rng), c=rng.choice(PLACES), n=rng.randint(3, 900), d=rng.choice(DAYS)
        )

    sentences = FOREIGN[language]
    paragraphs = [
        " ".join(fill(rng.choice(sentences)) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(4, 8))
    ]
    return fill(rng.choice(FOREIGN_TITLES[language])), paragraphs
