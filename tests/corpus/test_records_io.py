"""Reading JSON records: a \\u escape of half a UTF-16 pair is named, a whole pair is text."""

from __future__ import annotations

import pytest

from corpus.errors import InputError
from corpus.records_io import parse_json


def test_an_escaped_pair_is_one_character() -> None:
    # json.dumps writes "😀" as this pair when ensure_ascii is on (its default).
    assert parse_json(b'{"target": "senang \\ud83d\\ude00"}', source="a.json") == {
        "target": "senang 😀"
    }


@pytest.mark.parametrize(
    ("data", "where", "half"),
    [
        (b'{"text": "Banjir \\ud83d di Garut"}', "/text", "\\ud83d"),
        (b'{"entities": [{"text": "x"}, {"text": "\\uDE00"}]}', "/entities/1/text", "\\ude00"),
        (b'["\\ude00\\ud83d"]', "/0", "\\ude00"),  # the halves in the wrong order
    ],
)
def test_half_a_pair_is_named_by_its_pointer(data: bytes, where: str, half: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_json(data, source="a.json")
    assert str(refused.value) == (
        f"a.json: {where}: the escape '{half}' is half of a UTF-16 pair, not a character "
        "(a build could not write it); write the character itself"
    )


def test_an_escaped_backslash_before_u_is_plain_text() -> None:
    assert parse_json(b'{"path": "C:\\\\ud800"}', source="a.json") == {"path": "C:\\ud800"}
