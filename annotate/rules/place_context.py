"""Where the words before or opening a name say it names a place or a thing. Pure.

The PER rules already read these contexts (schema/guidelines.md §3: a name that is part of
a place, street or building name is no person; places are never ORG, §4); this module says
the same about any span, so spans from other sources (the trained model,
`annotate.model.ner`) follow the guidelines too:

    after a place noun, over titles between:  "Jalan [MT Suryadi]", "Jalan Mayor Pol [X]"
    inside a place's or a business's name:    "Restoran Laut 99 [Sari Rasa]" (not
                                              after a title: "Kepala Desa X [Slamet]")
    after "di" or a word of residence:        "berdomisili [Pondok Asri]", "warga [X]"
    later in a list of places:                "warga Sukamaju, [Pondok Asri], Bekasi"
    opening with an administrative place noun "[Desa Tuamaju]", "[Kampung X]"
    after or opening with the noun of a thing "Indeks [Nusa Tiga Puluh]", "[Piala Dunia]",
    that is never PER or ORG (§4: laws,      "[Vaksin Garuda Jaya]"
    programmes, systems, events)
"""

from __future__ import annotations

from annotate.rules import lexicon

# Place nouns that make what follows them a place and never an organisation of its own
# ("Desa X", "Kabupaten X"); "Pemerintah Kabupaten X" is one, but it opens with its head.
ADMIN_PLACE_NOUNS = lexicon.words(
    """
    jalan jl gang gg kampung kampuang desa dusun kelurahan kel kecamatan kec kabupaten kab
    kota provinsi pulau gunung sungai danau nagari gampong padukuhan dukuh distrik
    """
)
# Things whose name follows them ("Indeks Nusa Tiga Puluh", "Operasi Zebra", "Piala Presiden"),
# and things named with a first word of their own ("Vaksin Nusantara").
THING_HEADS = lexicon.words(
    "indeks program operasi festival piala liga penghargaan undang-undang uu perda"
)
THING_OPENERS = THING_HEADS | lexicon.words("vaksin obat")
_WINDOW = 80  # characters before a span that are read
_LIST_STEPS = 3  # places a list may hold before the name


def _words_before(text: str, start: int) -> list[str]:
    return text[max(0, start - _WINDOW) : start].split()


def _bare(word: str) -> str:
    return word.lower().rstrip(".,")


_NAME_HEADS = lexicon.PLACE_NOUNS | lexicon.BUSINESS_NOUNS
_RUN_WORDS_BEFORE = 8  # capitalised words or numbers read back to where a run starts


def _inside_a_named_place(words: list[str]) -> bool:
    """Whether the capitalised words and numbers ending `words` (the run the name is the
    end of) hold a place or business noun and do not open with a title: "Restoran Laut
    99 [X]", "Jalan Mayor Pol [X]"; not "Kepala Desa Sukamaju [X]", an office."""
    i = len(words)
    while (
        i
        and len(words) - i < _RUN_WORDS_BEFORE
        and (words[i - 1][:1].isupper() or words[i - 1].isdigit())
        and not words[i - 1].endswith(",")
    ):
        i -= 1
    run = [_bare(w) for w in words[i:]]
    return bool(run) and run[0] not in lexicon.TITLE_WORDS and any(w in _NAME_HEADS for w in run)


def names_a_place(text: str, start: int) -> bool:
    """Whether the capitals at `start` name a place by what stands before them."""
    words = _words_before(text, start)
    if _inside_a_named_place(words):
        return True
    for step in range(_LIST_STEPS):
        i = len(words)
        while i and _bare(words[i - 1]) in lexicon.TITLE_WORDS:
            i -= 1  # "Jalan Mayor Pol [Zainal Arifin]"
        if not i:
            return False
        word = _bare(words[i - 1])
        if word in lexicon.PLACE_NOUNS or word in lexicon.RESIDENCE_WORDS:
            return True
        if i < len(words):
            return False  # titles after anything but a place noun: a person's titles
        if word == "di":
            return step == 0  # "di [X]"; "di Jakarta, [Budi] berkata" names a person
        # "warga Sukamaju, [Pondok Asri]": the capitalised words before the comma are the
        # place before in a list; go on from where they start.
        last = len(words) - 1
        if not (words[last].endswith(",") and words[last][:1].isupper()):
            return False
        while last and words[last - 1][:1].isupper():
            last -= 1
        words = words[:last]
    return False


def names_a_place_or_thing(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` opens with an administrative place noun ("Desa Tuamaju")
    or the noun of a thing, or follows the noun of a thing ("Indeks [Nusa]")."""
    first = _bare(text[start:end].split(" ", 1)[0])
    before = _words_before(text, start)[-1:]
    return (
        first in ADMIN_PLACE_NOUNS
        or first in THING_OPENERS
        or (bool(before) and _bare(before[0]) in THING_HEADS)
    )
