"""The `annotate` CLI as a user runs it: real files, exit codes, stdout and stderr apart.

In-process through Typer's CliRunner; the last two tests start real processes, to check that
the installed console script and `python -m annotate` work.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTICLES, article_paths, invoke_annotate, run_annotate


def test_parse_folder_prints_one_valid_article_per_file() -> None:
    result = invoke_annotate("parse", str(ARTICLES))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(article_paths())
    ids = [json.loads(line)["id"] for line in lines]
    assert len(set(ids)) == len(ids)
    assert result.stderr == ""


def test_parse_pretty_is_indented_json() -> None:
    result = invoke_annotate("parse", "--pretty", str(ARTICLES / "sample-kazakhstan.txt"))
    assert result.exit_code == 0
    assert result.stdout.startswith('{\n  "id": "terungkap-')
    assert json.loads(result.stdout)["dateline"]["place"] == "ALMATY"


def test_parse_reads_stdin() -> None:
    result = invoke_annotate("parse", "-", stdin=b"Judul\n\nJakarta - Isi berita.\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["text"] == "Judul\n\nIsi berita."


def test_parse_explain_prints_each_line_with_its_verdict(tmp_path: Path) -> None:
    page = tmp_path / "halaman.txt"
    page.write_text(
        "Beranda\nHujan Deras Rendam Dua Kecamatan\nOleh: Rina Kartika\n"
        "BOGOR, Kabar Bogor - Hujan deras merendam dua kecamatan sejak Senin malam.\n",
        encoding="utf-8",
    )
    result = invoke_annotate("parse", "--explain", str(page))
    assert result.exit_code == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == f"== {page}  (title: line 2)"
    assert out[1:4] == [
        "    1  dropped  Beranda",
        "                ^ menu",
        "    2  title    Hujan Deras Rendam Dua Kecamatan",
    ]
    assert "^ dateline: 'BOGOR, Kabar Bogor -'" in out[-1]


def test_parse_explain_refuses_html() -> None:
    result = invoke_annotate(
        "parse", "--explain", str(ARTICLES / "wartanusantara-tes-cepat-dbd-ui.html")
    )
    assert result.exit_code == 1
    assert "--explain reads text scrapes" in result.stderr


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a-good.txt").write_bytes((ARTICLES / "sample-kazakhstan.txt").read_bytes())
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "d-latin1.txt").write_bytes("Judul\nBerita tentang caf\xe9".encode("latin-1"))
    with (folder / "e-huge.txt").open("wb") as f:  # 50 MB: not an article
        f.truncate(50 * 1024 * 1024)
    (folder / "f-good.txt").write_text("Judul Kedua\n\nJAKARTA, KOMPAS.com - Isi.\n")
    return folder


def test_parse_folder_with_broken_files_reports_each_and_parses_the_rest(
    mixed_folder: Path,
) -> None:
    result = invoke_annotate("parse", str(mixed_folder))
    assert result.exit_code == 1
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
    assert titles == ["Terungkap, Ada Peran Asing dalam Kerusuhan di Kazakhstan", "Judul Kedua"]
    errors = result.stderr.splitlines()
    assert len(errors) == 4
    assert errors[0] == f"error: {mixed_folder / 'b-empty.txt'}: file is empty"
    assert errors[1].startswith(f"error: {mixed_folder / 'c-binary.txt'}: file looks binary")
    assert errors[2].startswith(f"error: {mixed_folder / 'd-latin1.txt'}: not valid UTF-8 at byte")
    assert errors[3].startswith(f"error: {mixed_folder / 'e-huge.txt'}: file is 52,428,800 bytes")


def test_parse_missing_path_is_an_error() -> None:
    result = invoke_annotate("parse", "does-not-exist.txt")
    assert result.exit_code == 1
    assert result.stderr == "error: does-not-exist.txt: no such file or folder\n"


def test_parse_without_arguments_shows_help() -> None:
    result = invoke_annotate("parse")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_help_lists_commands() -> None:
    result = invoke_annotate("--help")
    assert result.exit_code == 0
    for command in ("parse", "preannotate", "evaluate", "push", "pull"):
        assert f"  {command} " in result.stdout


# --- real processes -------------------------------------------------------------------------


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "annotate"
    result = subprocess.run(
        [str(script), "parse", "--help"], capture_output=True, check=False, timeout=60
    )
    assert result.returncode == 0
    assert b"Example: annotate parse" in result.stdout


def test_python_m_annotate_parses_stdin_with_warnings_as_errors() -> None:
    result = run_annotate("parse", "-", stdin=b"Judul\n\nJakarta - Isi berita.\n")
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["title"] == "Judul"
    assert result.stderr == b""


def test_train_then_preannotate_and_evaluate_with_the_model(tmp_path: Path) -> None:
    conll = Path(__file__).resolve().parent / "model" / "train.conll"
    out = tmp_path / "ner"
    trained = invoke_annotate("train", "--out", str(out), "--conll", str(conll), "--seed", "3")
    assert trained.exit_code == 0, trained.stderr
    meta = json.loads(trained.stdout)
    assert meta["seed"] == 3 and meta["out"] == str(out)
    assert meta["conll_spans"] == "redrawn by our guidelines"
    assert "ner.crf.v1@" in trained.stderr

    article = tmp_path / "a.txt"
    article.write_text("Judul berita\n\nMenurut Agus Salim, harga beras naik.\n", encoding="utf-8")
    pre = invoke_annotate("preannotate", "--model", str(out), str(article))
    assert pre.exit_code == 0, pre.stderr
    assert json.loads(pre.stdout)["meta"]["source"].endswith(f"+ner.crf.v1@{meta['fingerprint']}")

    scored = invoke_annotate("evaluate", "--model", str(out), "--conll", str(conll), "--json")
    assert scored.exit_code == 0, scored.stderr
    assert json.loads(scored.stdout)["sentences"] == 16


def test_train_as_published_keeps_the_corpus_spans(tmp_path: Path) -> None:
    conll = Path(__file__).resolve().parent / "model" / "train.conll"
    out = tmp_path / "ner"
    trained = invoke_annotate("train", "--out", str(out), "--conll", str(conll), "--as-published")
    assert trained.exit_code == 0, trained.stderr
    assert json.loads(trained.stdout)["conll_spans"] == "as published"
    assert json.loads((out / "meta.json").read_text())["conll_spans"] == "as published"


def test_a_bad_model_folder_exits_2_with_one_line(tmp_path: Path) -> None:
    result = invoke_annotate("preannotate", "--model", str(tmp_path / "none"), "-", stdin=b"x\n")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no such model folder" in result.stderr


def test_train_without_data_says_what_to_give(tmp_path: Path) -> None:
    result = invoke_annotate("train", "--out", str(tmp_path / "m"))
    assert result.exit_code == 1
    assert "give --conll PATH or --gold DIR" in result.stderr
