"""The words around quantities: currencies, units, qualifiers, and the words that make a
number a date, a law, a position, a phone number or part of a name. Pure data.

`annotate.rules.quantity` builds its candidate regex and its checks from these tables;
they live apart so that a reviewer adding a unit or a qualifier reads only words.
"""

from __future__ import annotations

from corpus.schemas import label_set

__all__ = [
    "CURRENCIES",
    "CURRENCY_AFTER",
    "CURRENCY_BEFORE",
    "GE",
    "GT",
    "LE",
    "LEGAL_CONNECTORS",
    "LEGAL_KEYWORDS",
    "LOWERCASE_TITLE_WORDS",
    "LT",
    "NOT_NAME_WORDS",
    "PHONE_WORDS",
    "POSITION_WORDS",
    "QUALIFIERS",
    "QUALIFIER_ENDS",
    "SCORE_WORDS",
    "UNIT_BEFORE",
    "UNIT_SYMBOLS",
    "UNIT_WORDS",
    "UNIT_WRITTEN",
]

CURRENCY_BEFORE = {
    "Rp": "IDR",
    "Rp.": "IDR",
    "RP": "IDR",
    "IDR": "IDR",
    "US$": "USD",
    "USD": "USD",
    "$": "USD",
    "S$": "SGD",
    "SGD": "SGD",
    "A$": "AUD",
    "AUD": "AUD",
    "HK$": "HKD",
    "HKD": "HKD",
    "RM": "MYR",
    "MYR": "MYR",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "¥": "JPY",
    "JPY": "JPY",
    "CNY": "CNY",
    "RMB": "CNY",
}
"""Currency written before the number (case-sensitive). "SAR" is left out: in Indonesian
news it is far more often the search-and-rescue team ("tim SAR") than the riyal."""

UNIT_BEFORE = {
    **CURRENCY_BEFORE,
    "magnitudo": "magnitudo",
    "Magnitudo": "magnitudo",
    "MAGNITUDO": "magnitudo",
    "M": "magnitudo",
}
"""Units written before the number: currencies, and the magnitude of an earthquake
("gempa magnitudo 5,6", "Gempa Magnitudo 6.1 Guncang ...", "gempa M 6,2"; "M" only before
a number with one or two decimals, see `_CURRENCY` in `annotate.rules.quantity`)."""

# fmt: off
CURRENCIES = frozenset([
    "IDR", "USD", "SGD", "AUD", "HKD", "MYR", "EUR", "GBP", "JPY", "CNY", "SAR", "KRW", "THB",
    "INR", "AED", "TRY", "RUB",
])
# fmt: on

CURRENCY_AFTER = {"Rp": "IDR", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
"""Currency symbols written after the number ("20€", "10$", "20Rp"): only where no number
follows them, which would make them the currency of that number ("20 Rp 5.000")."""

# Units written after the number. Words match in any case ("Juta Ton" in headlines);
# symbols and codes only as listed ("m" is a metre, "M" is not).
UNIT_WORDS = {
    "persen poin": "pp",
    "poin persentase": "pp",
    "persen": "%",
    "prosen": "%",
    "basis poin": "bp",
    "kali lipat": "kali",
    "kali": "kali",
    "rupiah": "IDR",
    "dolar amerika serikat": "USD",
    "dolar amerika": "USD",
    "dolar as": "USD",
    "dollar amerika serikat": "USD",
    "dollar amerika": "USD",
    "dollar as": "USD",
    "dolar singapura": "SGD",
    "dollar singapura": "SGD",
    "dolar australia": "AUD",
    "dolar hong kong": "HKD",
    "dolar": "USD",
    "dollar": "USD",
    "euro": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "ringgit": "MYR",
    "riyal": "SAR",
    "poundsterling": "GBP",
    "pound sterling": "GBP",
    "won": "KRW",
    "baht": "THB",
    "pound": "GBP",
    "rupee": "INR",
    "dirham": "AED",
    "lira": "TRY",
    "rubel": "RUB",
    "poin": "poin",
    "skala richter": "SR",
    "tahun": "tahun",
    "bulan": "bulan",
    "pekan": "pekan",
    "minggu": "pekan",
    "hari": "hari",
    "jam": "jam",
    "menit": "menit",
    "detik": "detik",
    "kilometer per jam": "km/jam",
    "kilometer persegi": "km2",
    "kilometer": "km",
    "meter persegi": "m2",
    "meter kubik": "m3",
    "meter": "m",
    "sentimeter": "cm",
    "milimeter": "mm",
    "kilogram": "kg",
    "gram": "gram",
    "ton": "ton",
    "hektare": "hektare",
    "hektar": "hektare",
    "liter": "liter",
    "megawatt": "MW",
    "gigawatt": "GW",
    "kilowatt jam": "kWh",
    "kilowatt": "kW",
    "derajat celsius": "°C",
    "derajat": "derajat",
    "ons": "ons",
    "kuintal": "kuintal",
    "mililiter": "ml",
    "barel": "barel",
    "mil": "mil",
    "inci": "inci",
    "knot": "knot",
    "watt": "W",
    "volt": "V",
}
UNIT_SYMBOLS = {
    "%": "%",
    "bps": "bp",
    "km/jam": "km/jam",
    "km per jam": "km/jam",
    "km2": "km2",
    "km²": "km2",
    "km": "km",
    "Km": "km",
    "KM": "km",
    "m2": "m2",
    "m²": "m2",
    "m3": "m3",
    "m³": "m3",
    "m": "m",
    "cm": "cm",
    "mm": "mm",
    "kg": "kg",
    "Kg": "kg",
    "KG": "kg",
    "ha": "hektare",
    "Ha": "hektare",
    "MW": "MW",
    "GW": "GW",
    "kW": "kW",
    "kWh": "kWh",
    "MWh": "MWh",
    "GWh": "GWh",
    "°C": "°C",
    "SR": "SR",
    "ml": "ml",
    "cc": "cc",
    "MB": "MB",
    "GB": "GB",
    "Mbps": "Mbps",
    **{code: code for code in ["USD", "IDR", "SGD", "EUR", "JPY", "CNY", "MYR", "AUD", "GBP"]},
    "HKD": "HKD",
}
UNIT_WRITTEN = {**UNIT_SYMBOLS, **CURRENCY_AFTER}
"""Every unit written as a symbol or code, the currencies after a number included."""

# Words after which a number names a legal text or one of its parts ("Pasal 2", "ayat (1)",
# "Nomor 7 Tahun 2017", "UU 12/2011", "Perkara Nomor 118/PUU-XXII/2024"), matched as written.
# fmt: off
LEGAL_KEYWORDS = [
    "Pasal", "pasal", "Ayat", "ayat", "Nomor", "nomor", "NOMOR", "Nomer", "nomer", "No", "no",
    "Bab", "bab", "Perkara", "perkara", "UU", "UUD", "PP", "Perpres", "Perppu", "Perpu",
    "Perda", "Pergub", "Perbup", "Perwal", "Perwali", "Perkap", "Perpol", "Perma", "Permen",
    "Kepmen", "Keppres", "Kepres", "Inpres", "SK", "SE", "Putusan", "putusan",
    "Register", "Reg", "Lampiran", "lampiran", "Paragraf", "paragraf", "Alinea", "alinea",
]
# fmt: on
# Connectors that carry a legal reference on to the next number: "Pasal 2 dan 4",
# "Pasal 5, 6, atau 7", "Pasal 1 angka 2", "Pasal 55 ayat 1 ke-1".
LEGAL_CONNECTORS = (
    r",|dan|atau|serta|juncto|jo\.|ayat|angka|huruf|butir|poin|hingga|sampai|s\.d\.?|[-–]|ke-"
)

# A bare number right after these words is a position in a sequence, not an amount:
# "lantai dua" (second floor), "kelas 6", "peringkat 1", "abad 21", "KM 57".
# fmt: off
POSITION_WORDS = frozenset([
    "lantai", "kelas", "peringkat", "ranking", "rangking", "juara", "babak", "ronde", "tahap",
    "gelombang", "jilid", "edisi", "halaman", "hal", "jalur", "lajur", "gerbang", "pintu",
    "blok", "kavling", "kav", "urut", "urutan", "posisi", "generasi", "abad", "km",
    "kilometer", "tingkat", "nomor", "kamar", "ruang", "gedung", "loket", "kode", "pos", "punggung",
    "siaga", "waspada",
])
# fmt: on
# A bare number right after these words is a phone number ("hubungi 1500-567").
# fmt: off
PHONE_WORDS = frozenset([
    "telepon", "telpon", "telp", "tel", "hp", "ponsel", "whatsapp", "wa", "sms", "hotline",
    "hubungi", "menghubungi", "fax", "faks", "kontak", "darurat", "center",
])
# fmt: on
# A bare pair "3-0" after these words is a match score.
# fmt: off
SCORE_WORDS = frozenset([
    "skor", "menang", "kalah", "imbang", "unggul", "takluk", "tumbang", "agregat", "hasil",
    "akhir", "berakhir", "kedudukan", "tertinggal", "kemenangan", "kekalahan", "mengalahkan",
    "dikalahkan", "menaklukkan", "ditaklukkan", "membungkam", "dibungkam", "menekuk", "ditekuk",
    "menggilas", "digilas", "membantai", "dibantai", "mencukur", "dicukur",
])
# fmt: on
# Capitalised words that often stand before a number without making it part of a name.
# fmt: off
NOT_NAME_WORDS = frozenset([
    "Sekitar", "Sekira", "Hampir", "Nyaris", "Lebih", "Kurang", "Setidaknya", "Sedikitnya",
    "Minimal", "Maksimal", "Hanya", "Sebanyak", "Sebesar", "Senilai", "Total", "Rp", "Sejak",
    "Pada", "Hingga", "Sampai", "Antara", "Dari", "Dengan", "Selama", "Sepanjang", "Mencapai",
    "Tinggal", "Kini", "Ada", "Terdapat", "Sekurang-kurangnya", "Sebanyak-banyaknya",
])
# fmt: on
# Short words a title-case headline keeps in lower case ("Banjir Rendam 43 RT di Jakarta").
# fmt: off
LOWERCASE_TITLE_WORDS = frozenset([
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "atau", "pada", "dalam", "per",
    "hingga", "sampai", "jadi", "oleh", "bagi", "soal", "akan", "tak", "tidak", "usai", "atas",
    "demi", "karena", "agar",
])
# fmt: on


def _bound(name: str) -> str:
    """`name` if the schema defines it as a bound (the schema is the one source of truth;
    a renamed bound fails here, at import, not in a validator later)."""
    if name not in label_set().bound_names:
        raise ValueError(f"{name!r} is not a bound in schema/document.schema.json")
    return name


GT, GE, LT, LE = _bound("gt"), _bound("ge"), _bound("lt"), _bound("le")

# Qualifiers just before a span: (approximate, bound). Longer phrases first.
QUALIFIERS: dict[str, tuple[bool, str | None]] = {
    "tidak lebih dari": (False, LE),
    "tak lebih dari": (False, LE),
    "tidak kurang dari": (False, GE),
    "tak kurang dari": (False, GE),
    "kurang lebih": (True, None),
    "lebih kurang": (True, None),
    "kira-kira": (True, None),
    "sekitar": (True, None),
    "sekira": (True, None),
    "hampir": (True, None),
    "nyaris": (True, None),
    "±": (True, None),
    "+/-": (True, None),
    "plus minus": (True, None),
    "lebih dari": (False, GT),
    "di atas": (False, GT),
    "kurang dari": (False, LT),
    "di bawah": (False, LT),
    "setidaknya": (False, GE),
    "sedikitnya": (False, GE),
    "sekurang-kurangnya": (False, GE),
    "paling sedikit": (False, GE),
    "paling tidak": (False, GE),
    "paling singkat": (False, GE),
    "minimal": (False, GE),
    "minimum": (False, GE),
    "paling banyak": (False, LE),
    "sebanyak-banyaknya": (False, LE),
    "paling lama": (False, LE),
    "maksimal": (False, LE),
    "maksimum": (False, LE),
}

QUALIFIER_ENDS = frozenset(q.split(" ")[-1] for q in QUALIFIERS)
"""The last word of each qualifier ("dari" of "lebih dari")."""
