"""QTY pre-annotator: spans, values, units, qualifiers, and what is not a quantity."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.parse import parse_bytes
from annotate.rules.quantity import annotate_quantities
from corpus.records import Document, Meta, Quantity
from corpus.schemas import label_set
from corpus.validate import problems


def spans(text: str) -> list[str]:
    return [q.text for q in annotate_quantities(text)]


def only(text: str) -> Quantity:
    """The one quantity found in `text`."""
    found = annotate_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def check(
    q: Quantity,
    text: str,
    *,
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    unit: str | None = None,
    approximate: bool = False,
    bound: str | None = None,
) -> None:
    assert (q.text, q.value, q.low, q.high, q.unit, q.approximate, q.bound) == (
        text,
        value,
        low,
        high,
        unit,
        approximate,
        bound,
    )


# --- spans, offsets, ids ------------------------------------------------------------------


def test_annotate_quantities_offsets_and_ids() -> None:
    text = "Kerugian mencapai 2-3 miliar USD. Di mana sekitar 1,300 bisnis terdampak."
    first, second = annotate_quantities(text)
    assert (first.start, first.end, first.id) == (18, 32, "q18-32")
    assert text[first.start : first.end] == first.text == "2-3 miliar USD"
    assert (second.start, second.end, second.id) == (50, 55, "q50-55")
    assert second.text == "1,300"


def test_annotate_quantities_empty_and_numberless_text() -> None:
    assert annotate_quantities("") == ()
    assert annotate_quantities("Presiden menyatakan dukungannya.") == ()


# --- currencies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("senilai Rp 1,5 triliun.", "Rp 1,5 triliun", 1.5e12, "IDR"),
        ("ke level Rp1.205 per saham", "Rp1.205", 1205, "IDR"),
        ("pinjaman US$2,5 miliar atau", "US$2,5 miliar", 2.5e9, "USD"),
        ("di antaranya USD 3 juta dan", "USD 3 juta", 3e6, "USD"),
        ("mencapai 2,5 miliar dolar AS.", "2,5 miliar dolar AS", 2.5e9, "USD"),
        ("dan 250 ribu dolar Singapura.", "250 ribu dolar Singapura", 2.5e5, "SGD"),
        ("sebesar Rp 95,2 juta per jemaah", "Rp 95,2 juta", 95.2e6, "IDR"),
        ("harga 1.234.567,89 rupiah", "1.234.567,89 rupiah", 1234567.89, "IDR"),
        ("Rp. 5.000 saja", "Rp. 5.000", 5000, "IDR"),
        ("anggaran Rp 5 M tahun ini", "Rp 5 M", 5e9, "IDR"),
        ("belanja Rp 5 miliar tahun lalu", "Rp 5 miliar", 5e9, "IDR"),
        ("naik US$2 juta bulan ini", "US$2 juta", 2e6, "USD"),
        ("harga Rp50rb saja", "Rp50rb", 5e4, "IDR"),
        ("kurs 5 ribu dolar Australia", "5 ribu dolar Australia", 5e3, "AUD"),
        ("dana 300 juta yen", "300 juta yen", 3e8, "JPY"),
        ("Rp 500.000,- diberikan", "Rp 500.000", 5e5, "IDR"),
    ],
)
def test_annotate_quantities_currency_before_and_after(
    text: str, span: str, value: float, unit: str
) -> None:
    check(only(text), span, value=value, unit=unit)


def test_annotate_quantities_currency_range() -> None:
    check(only("mencapai 2-3 miliar USD."), "2-3 miliar USD", low=2e9, high=3e9, unit="USD")
    check(only("menghabiskan Rp 2-3 miliar."), "Rp 2-3 miliar", low=2e9, high=3e9, unit="IDR")
    check(
        only("antara Rp 2 miliar hingga Rp 3 miliar."),
        "Rp 2 miliar hingga Rp 3 miliar",
        low=2e9,
        high=3e9,
        unit="IDR",
    )


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("harga Rp 5,000 per kilogram", "Rp 5,000", 5000),
        ("sebesar US$1,500 per ons", "US$1,500", 1500),
        ("hadiah 2,500 dolar AS", "2,500 dolar AS", 2500),
        ("sebesar Rp 2,5 per lembar", "Rp 2,5", 2.5),  # two decimals: a decimal comma
        ("Rp 1,500 triliun", "Rp 1,500 triliun", 1.5e12),  # before a scale word: a decimal
    ],
)
def test_annotate_quantities_money_has_no_three_decimals(
    text: str, span: str, value: float
) -> None:
    q = only(text)
    assert (q.text, q.value) == (span, value)


def test_annotate_quantities_rate_per_currency_code() -> None:
    check(only("kurs Rp 16.250/USD hari ini"), "Rp 16.250", value=16250, unit="IDR")


def test_annotate_quantities_price_per_unit_keeps_per_outside() -> None:
    assert spans("Kurs Rp 16.000 per dolar AS dan Rp 4.250 per riyal.") == ["Rp 16.000", "Rp 4.250"]
    assert spans("Harga Rp 1.000/kg.") == ["Rp 1.000"]


# --- percent ------------------------------------------------------------------------------


def test_annotate_quantities_percent_forms() -> None:
    check(only("turun hingga 5,2 persen tahun ini"), "5,2 persen", value=5.2, unit="%")
    check(only("naik 12% dalam"), "12%", value=12, unit="%")
    check(only("di kisaran 15%-18%."), "15%-18%", low=15, high=18, unit="%")
    check(only("andil 1,42 persen poin."), "1,42 persen poin", value=1.42, unit="pp")
    check(only("sekitar 0,2-0,3 persen poin."), "0,2-0,3 persen poin", low=0.2, high=0.3, unit="pp",
          approximate=True)  # fmt: skip
    check(only("tumbuh -0,5 persen"), "-0,5 persen", value=-0.5, unit="%")


def test_annotate_quantities_plus_minus_band() -> None:
    check(only("sasaran 2,5 plus minus 1 persen."), "2,5 plus minus 1 persen", low=1.5, high=3.5,
          unit="%")  # fmt: skip


# --- ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        ("mahal antara 10 hingga 15 persen dibanding", "10 hingga 15 persen", 10, 15, "%"),
        ("target 3.000 hingga 5.000 sampel", "3.000 hingga 5.000", 3000, 5000, None),
        ("kisaran 1,7-1,8 juta ton, cukup", "1,7-1,8 juta ton", 1.7e6, 1.8e6, "ton"),
        ("berkisar 50-60 sentimeter.", "50-60 sentimeter", 50, 60, "cm"),
        ("antara 11 hingga 47 tahun, tergantung", "11 hingga 47 tahun", 11, 47, "tahun"),
        ("hitungan 3–6 bulan setelah", "3–6 bulan", 3, 6, "bulan"),
        ("5.000 sampai dengan 7.000 orang", "5.000 sampai dengan 7.000", 5000, 7000, None),
        ("selama 5 s.d. 7 hari", "5 s.d. 7 hari", 5, 7, "hari"),
        ("antara 10 dan 15 persen", "10 dan 15 persen", 10, 15, "%"),
        ("naik 10 persen hingga 15 persen", "10 persen hingga 15 persen", 10, 15, "%"),
        ("500 ribu-1 juta orang", "500 ribu-1 juta", 5e5, 1e6, None),
        ("dua hingga tiga hari", "dua hingga tiga hari", 2, 3, "hari"),
    ],
)
def test_annotate_quantities_ranges(
    text: str, span: str, low: float, high: float, unit: str | None
) -> None:
    check(only(text), span, low=low, high=high, unit=unit)


def test_annotate_quantities_range_split_when_sides_disagree() -> None:
    # "dan" joins a range only after "antara"; a unit that the second side lacks ends it.
    assert spans("Ada 2 dan 4 orang.") == ["2", "4"]
    assert spans("naik 5 persen hingga 2025.") == ["5 persen"]


def test_annotate_quantities_descending_pair_is_not_a_range() -> None:
    assert spans("Skor akhir 2-1 untuk tuan rumah.") == []
    assert spans("Persib menang 3-0 dan kalah 0-3, agregat 4-2.") == []
    # Two results with their own units side by side: two quantities, not a range.
    assert spans("meraih 50,1%-49,9% suara") == ["50,1%", "49,9%"]


@pytest.mark.parametrize(
    "text",
    [
        "Laga berakhir 0-2 untuk tim tamu.",
        "sempat tertinggal 0-1 di babak pertama",
        "skor akhir 1-3",
    ],
)
def test_annotate_quantities_ascending_score_after_a_match_word(text: str) -> None:
    assert spans(text) == []


# --- units and counted nouns --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("presiden berusia 68 tahun itu", "68 tahun", 68, "tahun"),
        ("seluas 4,3 hektare serta", "4,3 hektare", 4.3, "hektare"),
        ("seluas 2.300 ha.", "2.300 ha", 2300, "hektare"),
        ("panjang 33 kilometer.", "33 kilometer", 33, "km"),
        ("mencapai 1,2 meter.", "1,2 meter", 1.2, "m"),
        ("tercatat 270 sentimeter,", "270 sentimeter", 270, "cm"),
        ("dalam dua minggu", "dua minggu", 2, "pekan"),
        ("dari 672 megawatt (MW)", "672 megawatt", 672, "MW"),
        ("menjadi 1.000 MW pada", "1.000 MW", 1000, "MW"),
        ("beras 5 kg per", "5 kg", 5, "kg"),
        ("solar 20 liter", "20 liter", 20, "liter"),
        ("naik tiga kali lipat", "tiga kali lipat", 3, "kali"),
        ("sudah tiga kali mengungsi", "tiga kali", 3, "kali"),
        ("ditonton 12 juta kali", "12 juta kali", 12e6, "kali"),
        ("hasil keluar 15 Menit", "15 Menit", 15, "menit"),
        ("hujan 150 mm", "150 mm", 150, "mm"),
        ("luas 200 meter persegi", "200 meter persegi", 200, "m2"),
        ("dalam waktu 40 detik", "40 detik", 40, "detik"),
    ],
)
def test_annotate_quantities_units_inside(text: str, span: str, value: float, unit: str) -> None:
    check(only(text), span, value=value, unit=unit)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("sekitar 1,300 bisnis terdampak", "1,300", 1300),  # English thousands before a noun
        ("terdiri dari enam negara bekas", "enam", 6),
        ("melayani 250 ribu sambungan rumah", "250 ribu", 250_000),
        ("menyita sebelas bidang tanah", "sebelas", 11),
        ("dipasang di 27 kendaraan patroli", "27", 27),
        ("ada dua ratus lima puluh orang", "dua ratus lima puluh", 250),
        ("sekitar 204 juta orang", "204 juta", 204e6),
        ("menghadiri 1,234,567 acara", "1,234,567", 1_234_567),
    ],
)
def test_annotate_quantities_counted_noun_outside(text: str, span: str, value: float) -> None:
    q = only(text)
    assert (q.text, q.value, q.unit) == (span, value, None)


def test_annotate_quantities_english_thousands_only_before_noun_or_nothing() -> None:
    assert only("naik 1,500 persen").value == 1.5
    assert only("dana 1,300 juta dolar").value == 1.3e6
    assert only("tercatat 1,300.").value == 1300
    assert only("tercatat 2,5 ton").value == 2.5


# --- number words and vague amounts -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("lebih dari setengah pengeluarannya", "setengah", 0.5, None),
        ("baru kurang lebih setengahnya yang", "setengah", 0.5, None),
        ("lebih dari sepertiga pelanggaran", "sepertiga", 1 / 3, None),
        ("selama satu setengah tahun", "satu setengah tahun", 1.5, "tahun"),
        ("dibantu dua tetangga", "dua", 2, None),
        ("Tiga tahun itu terlalu lama", "Tiga tahun", 3, "tahun"),
        ("seribu dua ratus rumah", "seribu dua ratus", 1200, None),
        ("dari nol persen", "nol persen", 0, "%"),
    ],
)
def test_annotate_quantities_number_words(
    text: str, span: str, value: float, unit: str | None
) -> None:
    q = only(text)
    assert (q.text, q.unit) == (span, unit)
    assert q.value == pytest.approx(value)


def test_annotate_quantities_number_words_cut_to_one_number() -> None:
    assert spans("dalam dua tiga hari") == ["dua", "tiga hari"]


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        ("setidaknya ada puluhan kasus korupsi", "puluhan", 10, 99, None),
        ("yang menabung puluhan tahun.", "puluhan tahun", 10, 99, "tahun"),
        ("perbincangan jutaan warganet", "jutaan", 1e6, 9.99e6, None),
        ("Ratusan ribu warga mengungsi", "Ratusan ribu", 1e5, 9.99e5, None),
        ("puluhan juta rupiah hilang", "puluhan juta rupiah", 1e7, 9.9e7, "IDR"),
        ("ribuan ton beras", "ribuan ton", 1000, 9999, "ton"),
        ("belasan orang", "belasan", 11, 19, None),
    ],
)
def test_annotate_quantities_vague_amounts_are_approximate_ranges(
    text: str, span: str, low: float, high: float, unit: str | None
) -> None:
    check(only(text), span, low=low, high=high, unit=unit, approximate=True, bound=None)


# --- qualifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "approximate", "bound"),
    [
        ("yakni sekitar US$600 juta.", "US$600 juta", True, None),
        ("dana kurang lebih US$300 juta akan", "US$300 juta", True, None),
        ("nilai transaksi hampir Rp87 miliar.", "Rp87 miliar", True, None),
        ("diperiksa selama hampir sembilan jam", "sembilan jam", True, None),
        ("jumlahnya kira-kira 40 orang", "40", True, None),
        ("sekira 50 rumah", "50", True, None),
        ("menjadi lebih dari 1.000 MW pada", "1.000 MW", False, "gt"),
        ("baru kurang dari 11%.", "11%", False, "lt"),
        ("merendam sedikitnya 43 rukun tetangga", "43", False, "ge"),
        ("diberi waktu setidaknya enam bulan untuk", "enam bulan", False, "ge"),
        ("denda paling banyak Rp 250 ribu.", "Rp 250 ribu", False, "le"),
        ("denda maksimal Rp 500 ribu.", "Rp 500 ribu", False, "le"),
        ("minimal 5 tahun", "5 tahun", False, "ge"),
        ("paling sedikit 3 saksi", "3", False, "ge"),
        ("tidak lebih dari 5 orang", "5", False, "le"),
        ("paling lama 10 hari setelah", "10 hari", False, "le"),
        ("ditonton lebih dari 😀 12 juta kali", "12 juta kali", False, "gt"),
        ("Sekitar 12% lainnya", "12%", True, None),
        ("± 500 orang", "500", True, None),
    ],
)
def test_annotate_quantities_qualifier_outside_sets_flags(
    text: str, span: str, approximate: bool, bound: str | None
) -> None:
    q = only(text)
    assert (q.text, q.approximate, q.bound) == (span, approximate, bound)


@pytest.mark.parametrize(
    ("text", "span", "bound"),
    [
        ("penduduk usia 65 tahun ke atas", "65 tahun", "ge"),
        ("anak usia 5 tahun ke bawah", "5 tahun", "le"),
        ("kerugian Rp 5 juta lebih.", "Rp 5 juta", "gt"),
        ("ditahan 10 tahun lebih di penjara", "10 tahun", "gt"),
        # Before an adjective "lebih" compares; it is no bound.
        ("harganya Rp 5.000 lebih murah", "Rp 5.000", None),
        ("naik 5 persen lebih tinggi", "5 persen", None),
    ],
)
def test_annotate_quantities_qualifier_after_the_span(
    text: str, span: str, bound: str | None
) -> None:
    q = only(text)
    assert (q.text, q.bound) == (span, bound)


def test_annotate_quantities_approximate_and_bound_together() -> None:
    check(
        only("kerugian sekitar lebih dari Rp1 miliar"),
        "Rp1 miliar",
        value=1e9,
        unit="IDR",
        approximate=True,
        bound="gt",
    )


def test_annotate_quantities_qualifier_not_across_lines() -> None:
    q = only("Jumlahnya sekitar\n\n40 orang")
    assert (q.text, q.approximate) == ("40", False)


# --- decimals in words, signs, long digit strings, currency after the number -----------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("inflasi naik satu koma lima persen", "satu koma lima persen", 1.5, "%"),
        ("nilainya dua koma tujuh lima saja", "dua koma tujuh lima", 2.75, None),
        ("turun nol koma nol lima persen", "nol koma nol lima persen", 0.05, "%"),
        ("tumbuh tiga koma dua puluh lima persen", "tiga koma dua puluh lima persen", 3.25, "%"),
        ("produksi satu koma lima juta ton", "satu koma lima juta ton", 1.5e6, "ton"),
        ("Dua Koma Lima Persen", "Dua Koma Lima Persen", 2.5, "%"),
    ],
)
def test_annotate_quantities_decimals_in_words(
    text: str, span: str, value: float, unit: str | None
) -> None:
    check(only(text), span, value=value, unit=unit)


def test_annotate_quantities_koma_without_digits_is_not_a_decimal() -> None:
    # "koma" is also the coma: without digit words after it, it ends the number.
    assert spans("pasien itu koma selama dua hari") == ["dua hari"]
    assert spans("jumlahnya dua, koma ...") == ["dua"]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("gaji Rp 3000000 per bulan", "Rp 3000000", 3e6, "IDR"),
        ("gaji Rp3000000 per bulan", "Rp3000000", 3e6, "IDR"),
        ("hadiah 15000000 rupiah", "15000000 rupiah", 15e6, "IDR"),
    ],
)
def test_annotate_quantities_long_digit_strings_with_a_currency(
    text: str, span: str, value: float, unit: str
) -> None:
    check(only(text), span, value=value, unit=unit)


def test_annotate_quantities_long_bare_digit_string_is_an_id() -> None:
    assert spans("nomor rekening 1234567890 atas nama") == []


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("neraca dagang minus 1.200.000 ton", "minus 1.200.000 ton", -1.2e6, "ton"),
        ("ekonomi tumbuh minus 0,5 persen", "minus 0,5 persen", -0.5, "%"),
        ("Minus 3 derajat pada malam hari", "Minus 3 derajat", -3, "derajat"),
        ("terkontraksi -0,72 persen", "-0,72 persen", -0.72, "%"),
        ("suhu turun hingga minus lima derajat Celsius", "minus lima derajat Celsius", -5, "°C"),
        ("defisit minus Rp 12 triliun", "minus Rp 12 triliun", -12e12, "IDR"),
    ],
)
def test_annotate_quantities_sign_belongs_to_the_number(
    text: str, span: str, value: float, unit: str | None
) -> None:
    check(only(text), span, value=value, unit=unit)


def test_annotate_quantities_plus_sign_joins_a_measured_number() -> None:
    check(only("naik +2,5 persen"), "+2,5 persen", value=2.5, unit="%")
    assert spans("telepon +62 812 3456 7890") == []  # a bare "+62" is a phone prefix


def test_annotate_quantities_plus_minus_before_a_number_is_approximate_not_a_sign() -> None:
    check(only("selisihnya plus minus 5 persen"), "5 persen", value=5, unit="%", approximate=True)


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("tiketnya 20€ saja", "20€", 20, "EUR"),
        ("harganya 10$ per lembar", "10$", 10, "USD"),
        ("cukup bayar 20Rp saja", "20Rp", 20, "IDR"),
        ("harganya 5 £ di London", "5 £", 5, "GBP"),
        ("denda sembilan pound", "sembilan pound", 9, "GBP"),
        ("sebesar 5 dolar AS per barel", "5 dolar AS", 5, "USD"),
        ("hanya 100 ribu rupiah", "100 ribu rupiah", 1e5, "IDR"),
        ("senilai 3 juta rupee", "3 juta rupee", 3e6, "INR"),
    ],
)
def test_annotate_quantities_currency_after_the_number(
    text: str, span: str, value: float, unit: str
) -> None:
    check(only(text), span, value=value, unit=unit)


def test_annotate_quantities_currency_symbol_before_a_number_is_that_numbers() -> None:
    # "3 Rp 10.000": three packs for ten thousand rupiah, not three rupiah.
    assert spans("dijual 3 Rp 10.000 di pasar") == ["3", "Rp 10.000"]


# --- measures written around the number ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("diguncang gempa magnitudo 5,6 pada", "magnitudo 5,6", 5.6, "magnitudo"),
        ("Gempa Magnitudo 6.1 Guncang Pesisir Selatan", "Magnitudo 6.1", 6.1, "magnitudo"),
        ("Gempa M 6,2 mengguncang", "M 6,2", 6.2, "magnitudo"),
        ("gempa M5,0 terasa", "M5,0", 5.0, "magnitudo"),
        ("berkekuatan 5,8 SR pada", "5,8 SR", 5.8, "SR"),
        ("berkekuatan 5,8 skala Richter", "5,8 skala Richter", 5.8, "SR"),
        ("indeks turun 35 poin", "35 poin", 35, "poin"),
        ("klub itu mengoleksi sembilan poin", "sembilan poin", 9, "poin"),
        ("ditahan 1x24 jam untuk", "1x24 jam", 24, "jam"),
        ("diberi waktu 2 x 24 jam oleh", "2 x 24 jam", 48, "jam"),
    ],
)
def test_annotate_quantities_magnitudes_points_and_multiples(
    text: str, span: str, value: float, unit: str
) -> None:
    check(only(text), span, value=value, unit=unit)


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("suhu 30 derajat pada siang hari", "30 derajat", "derajat"),
        ("membeli 5 ons daging", "5 ons", "ons"),
        ("panen 3 kuintal gabah", "3 kuintal", "kuintal"),
        ("produksi 600 ribu barel per hari", "600 ribu barel", "barel"),
        ("motor 150 cc itu", "150 cc", "cc"),
        ("kuota 10 GB per bulan", "10 GB", "GB"),
        ("layar 6,5 inci", "6,5 inci", "inci"),
        ("angin berembus 25 knot", "25 knot", "knot"),
    ],
)
def test_annotate_quantities_more_measurement_units(text: str, span: str, unit: str) -> None:
    q = only(text)
    assert (q.text, q.unit) == (span, unit)


def test_annotate_quantities_m_before_a_whole_number_or_after_a_year_is_no_magnitude() -> None:
    assert spans("kelas M 3 dan tipe M 1.500") == []
    assert spans("1446 H/2025 M 5,5 persen") == ["5,5 persen"]


def test_annotate_quantities_size_is_not_a_multiple() -> None:
    assert "3x4 meter" not in spans("tenda berukuran 3x4 meter")


def test_annotate_quantities_level_after_a_position_word() -> None:
    # "posisi 2" is a place in a ranking, "posisi 7.021,45" the level of an index.
    check(only("IHSG ditutup ke posisi 7.021,45 sore ini"), "7.021,45", value=7021.45)
    assert spans("timnas naik ke posisi 2 klasemen") == []


def test_annotate_quantities_skips_map_coordinates() -> None:
    assert spans("berpusat di 3,51 LS dan 128,2 BT pada kedalaman 10 km") == ["10 km"]
    assert spans("titik 2° LU") == []


# --- not quantities -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "pada Kamis, 22 Februari 2024.",
        "Senin (10/1) lalu",
        "Senin (18/11/2024) sore",
        "tanggal 10/1/2024 pukul",
        "pada Mei 2023 menjadi",
        "sejak 2012 dan pada 2029",
        "tahun 2024 ini",
        "tahun 1446 Hijriah",
        "periode 2020-2022 itu",
        "RUPTL 2021-2030 milik",
        "BPIH 1446 H/2025 M sebesar",
        "tanggal 17 nanti",
        "17-18 Agustus",
        "1 hingga 3 Maret",
        "tahun dasar 2018=100.",
        "pada 1 Syawal 1445 H",
        "hingga 31 Desember",
    ],
)
def test_annotate_quantities_skips_dates_and_years(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "pukul 14.30 WIB",
        "berakhir 16.00 WIB.",
        "pukul 11.00",
        "antara pukul 06.30 hingga 08.00 WIB.",
        "06.30 hingga 08.00 WIB",
        "pada 10:05 waktu setempat",
        "jam 8 pagi",
    ],
)
def test_annotate_quantities_skips_clock_times(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "sesuai dengan Pasal 2 dan 4 Perjanjian",
        "Pasal 5, 6, dan 7 serta",
        "dijerat Pasal 291 ayat 1 Undang-Undang Nomor 22 Tahun 2009 tentang",
        "Pasal 2 ayat (1) dan (2)",
        "Perkara Nomor 118/PUU-XXII/2024.",
        "Pasal 22E ayat 1 UUD 1945",
        "UU 12/2011",
        "Jl. Sudirman No. 5",
        "Pasal 55 ayat 1 ke-1 KUHP",
    ],
)
def test_annotate_quantities_skips_legal_references(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "peringkat ke-3 nasional",
        "KTT ASEAN ke-44 untuk",
        "anaknya yang kedua dan pertama",
        "pada semester II/2026",
        "tinggal di lantai dua",
        "duduk di kelas 6 SD",
        "Komisi III DPR",
        "abad 21",
    ],
)
def test_annotate_quantities_skips_ordinals_and_positions(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "posko di nomor 021-5551234 yang",
        "call center (021) 555-0199 bagi",
        "WhatsApp 0812-5550-1234 dan",
        "layanan darurat Jakarta Siaga 112 atau",
        "di nomor 1500-567.",
        "hubungi 112 sekarang",
        "telepon +62 812 3456 7890",
    ],
)
def test_annotate_quantities_skips_phone_numbers(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "forum G20 mendatang",
        "pandemi Covid-19.",
        "pada semester I-2024 telah",
        "warga RT 05/RW 02 Kampung Melayu",
        "naik menjadi Siaga 2 pada Minggu",
        "membeli iPhone 15 baru",
        "jaringan 5G di",
        "akun @user2024 dan #2019GantiPresiden",
        "pada 1990-an",
        "versi 1.2.3 dirilis",
        "Pemilu 2024 yang",
        "mobil B 1234 XYZ melaju",
        "siswa SMA Negeri 1 Jakarta",
        "kode pos 12345",
        "mengenakan nomor punggung 10",
    ],
)
def test_annotate_quantities_skips_names_and_codes(text: str) -> None:
    assert spans(text) == []


def test_annotate_quantities_skips_ratios() -> None:
    assert spans("komposisi 60 banding 40 dan satu banding tiga") == []


def test_annotate_quantities_text_that_is_only_a_number() -> None:
    # Nothing before or after it: not a list marker ("1." at a line start is one).
    assert spans("seratus dua puluh lima") == ["seratus dua puluh lima"]
    assert spans("12") == ["12"]


def test_annotate_quantities_skips_list_markers() -> None:
    assert spans("Berikut faktanya:\n1. Harga beras naik 5 persen.\n2) Stok aman 3 bulan.") == [
        "5 persen",
        "3 bulan",
    ]


def test_annotate_quantities_skips_bare_age_after_a_name() -> None:
    assert spans("warga Kampung Melayu, Bu Sumarni (54), mengaku") == []
    assert spans("Pak Darto (47), pengemudi ojek") == []
    # With a unit it is a quantity again.
    assert spans("Pak Budi (60 tahun) hadir") == ["60 tahun"]


def test_annotate_quantities_skips_number_word_idioms() -> None:
    assert spans("salah satu warga dan satu-satunya saksi, pedagang kaki lima") == []
    assert spans("bertemu empat mata dengan setengah hati") == []


@pytest.mark.parametrize(
    "text",
    [
        "Ia memimpin satu partai Islamis garis keras.",
        "dalam satu wawancara yang diterbitkan Senin",
        "Sekarang saja satu caleg DPR bisa menghabiskan banyak dana.",
        "Satu laporan televisi menyebut hal itu.",
    ],
)
def test_annotate_quantities_skips_satu_meaning_a(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Satu orang tewas dalam kecelakaan itu.", "Satu"),
        ("petugas menangkap satu ekor buaya", "satu"),
        ("satu dari tiga korban selamat", "satu"),
        ("lebih dari satu partai mendukungnya", "satu"),
        ("Yang hadir hanya satu.", "satu"),
        ("selama satu tahun", "satu tahun"),
        ("naik satu persen", "satu persen"),
        ("satu juta warga", "satu juta"),
    ],
)
def test_annotate_quantities_keeps_satu_that_counts(text: str, span: str) -> None:
    assert spans(text)[:1] == [span]


def test_annotate_quantities_other_number_words_before_a_noun_count() -> None:
    assert spans("dalam dua wawancara dengan tiga partai") == ["dua", "tiga"]


def test_annotate_quantities_capitalised_number_word_needs_a_sentence_start() -> None:
    assert spans("penerbit Tiga Serangkai dan kota Lima") == []
    assert spans('"Lima orang hilang," katanya.') == ["Lima"]


def test_annotate_quantities_title_case_headline_keeps_counts() -> None:
    text = "Banjir Rendam 43 RT di Jakarta Timur, Hampir 1.300 Warga Mengungsi"
    assert spans(text) == ["43", "1.300"]
    assert annotate_quantities(text)[1].approximate is True


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Dua Orang Tewas Tertimpa Pohon di Bogor", ["Dua"]),
        ("Tiga Ribu Warga Mengungsi karena Banjir", ["Tiga Ribu"]),
        ("Kebakaran Pasar, Dua Puluh Kios Ludes", ["Dua Puluh"]),
        ("Polisi Tangkap Tiga Pelaku", ["Tiga"]),
        ("DUA ORANG TEWAS DALAM KECELAKAAN BUS", ["DUA"]),
        ("Harga Cabai Naik Setengah Juta per Kuintal", ["Setengah Juta"]),
    ],
)
def test_annotate_quantities_capitalised_number_words_in_headlines(
    text: str, found: list[str]
) -> None:
    assert spans(text) == found


def test_annotate_quantities_capitals_inside_a_sentence_name_something() -> None:
    assert spans("Pemerintah meluncurkan program SATU DATA kemarin.") == []


def test_annotate_quantities_qualifier_after_a_quote_mark_or_dash() -> None:
    check(only("“Sekitar 500 warga mengungsi,” katanya."), "500", value=500, approximate=True)
    check(only("JAKARTA--Sedikitnya 20 rumah rusak."), "20", value=20, bound="ge")


def test_annotate_quantities_number_after_name_inside_sentence_is_a_name() -> None:
    assert spans("status Bendung Katulampa naik menjadi Siaga 2 pada Minggu.") == []
    assert spans("Polisi menahan Budi 3 hari.") == ["3 hari"]


# --- whole articles -----------------------------------------------------------------------


def test_annotate_quantities_bundled_articles_make_valid_documents(article_path: Path) -> None:
    article = parse_bytes(article_path.read_bytes(), source=article_path.name)
    quantities = annotate_quantities(article.text)
    assert quantities, "every bundled article mentions at least one quantity"
    doc = Document(article, quantities=quantities, meta=Meta(source="rules@qty.rules.v1"))
    assert problems(doc.to_dict()) == []


# --- invariants ---------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        " ", "  ", "\n", "\n\n", "-", "–", "/", ".", ",", ":", "(", ")", "%", "=", "+", "@", "#",
        "Rp", "Rp ", "US$", "USD", "$", "0", "1", "2", "12", "021", "1.300", "2,5", "1,300",
        "2024", "14.30", "juta", " juta", " miliar", " ribu", " M", " persen", " poin", " ton",
        " tahun", " hari", " kali", " lipat", " dolar", " AS", " hingga ", " sampai dengan ",
        " dan ", "antara ", "sekitar ", "lebih dari ", "dua", "Dua", "tiga", " puluh", " belas",
        " ratus", "setengah", "nya", "satu", "puluhan", "Ratusan", "Pasal ", "ke-", "pukul ",
        " WIB", "Januari", "Siaga ", " (", "RT ", "Covid-", "G", "x", "é", "😀", "·", "\u00a0",
        " koma ", "lima", "minus ", "€", "£", "M ", "Magnitudo ", " SR", "x24 jam", " LS",
    ]
)  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=30).map("".join))
def test_annotate_quantities_invariants(text: str) -> None:
    found = annotate_quantities(text)
    previous_end = 0
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.text == q.text.strip() and q.text
        assert q.start >= previous_end, "sorted, no overlaps"
        previous_end = q.end
        assert q.id == f"q{q.start}-{q.end}"
        has_value = q.value is not None
        has_range = q.low is not None and q.high is not None
        assert has_value != has_range
        assert q.low is None or q.high is None or q.low <= q.high
        assert q.bound is None or q.bound in label_set().bound_names
