"""Pre-annotate quantities (QTY) in Indonesian news text. Pure.

Handled, span in [brackets]:

    [Rp 1,5 triliun]               value 1.5e12, unit IDR      currency before the number
    [Rp1.205], [USD 3 juta]        1205 IDR, 3e6 USD
    [US$2,5 miliar]                2.5e9 USD
    [2-3 miliar USD]               low 2e9, high 3e9, USD       currency after the number
    [2,5 miliar dolar AS]          2.5e9 USD; [250 ribu dolar Singapura] 250000 SGD
    [5,2 persen], [12%]            unit %; [15%-18%] one range; [1,42 persen poin] unit pp
    antara [10 hingga 15 persen]   low 10, high 15              "antara" stays outside
    [3.000 hingga 5.000] sampel    the counted noun stays outside
    sekitar [1,300] bisnis         1300, approximate            English thousands before a noun
    [enam] negara, [sebelas], [dua ratus lima puluh], [satu setengah tahun], [tiga kali lipat]
    [puluhan] kasus                low 10, high 99, approximate (vague amounts)
    [ratusan ribu]                 low 1e5, high 9.99e5, approximate
    lebih dari [1.000 MW]          bound gt; setidaknya [enam bulan] ge; maksimal [Rp 500 ribu] le
    [68 tahun], [4,3 hektare], [1,7-1,8 juta ton], [50-60 sentimeter] (unit cm), [33 kilometer]
    [2,5 plus minus 1 persen]      low 1.5, high 3.5
    [satu koma lima persen]        1.5 %; [dua koma tujuh lima] 2.75   decimals in words
    [minus 1.200.000 ton], [-0,5 persen], [+2,5 persen]                the sign is in the span
    [Rp 3000000], [Rp3000000]      3e6 IDR (a bare 7+ digit string is an ID)
    [20€], [10$], [20Rp], [sembilan pound], [5 dolar AS]               currency after the number
    [US$1,500], [Rp 5,000]         1500, 5000: money has no three decimals
    [magnitudo 5,6], [M 6,2], [5,8 SR], [35 poin], [1x24 jam]          24 (2x24 jam: 48)
    [Dua] Orang Tewas, [DUA] ORANG TEWAS, Polisi Tangkap [Tiga] Pelaku  headlines
    usia [65 tahun] ke atas        bound ge; [Rp 5 juta] lebih. gt (not "lebih murah")

Not quantities (each has a named check below):

    15 Januari 2024, (10/1), (18/11/2024), 10/1/2024, Mei 2023, tahun 2024, sejak 2012,
    2023, 2020-2022, RUPTL 2021-2030, 1446 H/2025 M             dates and years
    14.30 WIB, pukul 11.00, 06.30 hingga 08.00 WIB, 10:05         clock times
    Pasal 2 dan 4, ayat (1), Nomor 7 Tahun 2017, Perkara Nomor 118/PUU-XXII/2024, UUD 1945
    ke-3, ke-44, kedua, pertama, semester II/2026, lantai dua     ordinals and positions
    021-5551234, (021) 555-0199, 0812-5550-1234, Jakarta Siaga 112, nomor 1500-567
    G20, Covid-19, semester I-2024, RT 05/RW 02, Siaga 1, 2018=100, iPhone 15, 22E
    Bu Sumarni (54)                a bare age in parentheses after a name
    60 banding 40, 2,15 LS, 120,4 BT                             ratios and map coordinates
    @user2024, #2019GantiPresiden  handles and hashtags
    salah satu, satu-satunya, kaki lima, Tiga Serangkai           idioms and names

One compiled regex finds candidates in a single left-to-right scan (currency, number or
number words, scale word, range, unit); small named checks on the text around each
candidate then reject or trim it, and the qualifier just before (or after) it sets
`approximate` and `bound`. One module per step:

    quantity_patterns     the candidate regex, and the scan for where a candidate may begin
    quantity_reading      a match read on its own: span, value, range, unit
    quantity_context      the text around it: sign, qualifier, headline lines
    quantity_exclusions   the named checks that reject a candidate
    quantity_words, numbers   the word lists and number parsing they share
"""

from __future__ import annotations

from annotate.rules.quantity_context import Doc, candidate, qualifier, qualifier_after
from annotate.rules.quantity_exclusions import rejection, skip_after_exclusion
from annotate.rules.quantity_patterns import CANDIDATE, Starts
from annotate.rules.quantity_reading import ascending, read_match
from corpus.records import Quantity, span_id

__all__ = ["annotate_quantities"]


def annotate_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in `text`, sorted by start, without overlaps (the QTY pre-annotator).

    Spans follow the conventions: currency before, number(s), scale word and unit inside;
    qualifiers ("sekitar", "lebih dari") and counted nouns ("1,300 bisnis") outside.
    """
    doc = Doc(text)
    found: list[Quantity] = []
    starts = Starts(text)
    pos = 0
    while True:
        hit, hit_end = starts.next(pos)
        if hit == starts.end:
            break
        m = CANDIDATE.match(text, hit)
        if m is None:
            pos = hit_end
            continue
        reading, resume = read_match(m)
        pos = max(resume, hit_end)
        if reading is None:
            continue
        c = candidate(doc, reading)
        rejected = rejection(c)
        if rejected is not None:
            pos = max(pos, skip_after_exclusion(text, c, rejected))
            continue
        if not ascending(c.low, c.high):
            pos = max(pos, skip_after_exclusion(text, c, None))
            continue
        approximate, bound = qualifier(c.before)
        if bound is None:
            bound = qualifier_after(text, c.end)
        start, end = c.start, c.end
        found.append(
            Quantity(  # id, start, end, text, value, low, high, unit, approximate, bound
                span_id("quantities", start, end),
                start,
                end,
                text[start:end],
                c.value,
                c.low,
                c.high,
                c.unit,
                approximate or c.vague,
                bound,
            )
        )
    return tuple(found)
