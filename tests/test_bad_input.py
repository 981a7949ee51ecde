"""Bad input to the command lines, one case per row: each is refused with one line that
names the file or value and says what to do, never a traceback, and changes nothing.

A row gives the command (`annotate` or `corpus`), how to make its input in an empty folder,
the exit code and the expected message; `{tmp}` in the message stands for that folder.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from annotate.cli import app as annotate_app
from corpus.cli import app as corpus_app
from corpus.errors import InputError
from corpus.records_io import gold_files, iter_annotation_records, read_json
from tests.corpus.conftest import write_gold
from tests.corpus.gold_fixtures import ORG, PER, document

ARTICLE = b"Banjir Rendam Dua Desa\n\nGARUT - Banjir merendam dua desa di Garut pada Senin pagi.\n"


@dataclass(frozen=True)
class Case:
    id: str
    command: str  # "annotate" or "corpus"
    args: Callable[[Path], list[str]]  # made in an empty folder
    message: str  # the first stderr line, `{tmp}` for the folder
    exit_code: int = 1
    unchanged: bool = True  # the folder holds exactly what `args` made


def gold(tmp: Path) -> Path:
    return write_gold(tmp / "gold", [document("sample-kazakhstan.txt")])


def publish_args(
    version: str, out: Callable[[Path], Path] = lambda t: t / "dist"
) -> Callable[[Path], list[str]]:
    def args(tmp: Path) -> list[str]:
        return ["publish", "--version", version, "--gold", str(gold(tmp)), "--out", str(out(tmp))]

    return args


def a_file(tmp: Path) -> Path:
    path = tmp / "dist.txt"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


def read_only(tmp: Path) -> Path:
    folder = tmp / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return folder


def written(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name

    return make


def evaluate_args(predictions: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    return lambda tmp: ["evaluate", "--gold", str(gold(tmp)), str(predictions(tmp))]


def missing(tmp: Path) -> Path:
    return tmp / "predictions.jsonl"


def release(tmp: Path) -> Path:
    """A published release of the fixture gold set (1 document) under `tmp/dist`."""
    from corpus.release import publish

    return publish(gold(tmp), "1.0.0", tmp / "dist", workers=1).path


def tampered(tmp: Path) -> Path:
    path = release(tmp)
    card = path / "README.md"
    card.chmod(0o644)
    card.write_text(card.read_text(encoding="utf-8") + "\nEdited by hand.\n", encoding="utf-8")
    return path


def without_manifest(tmp: Path) -> Path:
    path = release(tmp)
    (path / "manifest.json").unlink()
    return path


def diff_args(make: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    return lambda tmp: ["diff", str(make(tmp)), str(gold(tmp))]


def validate_edited(edit: Callable[[dict[str, Any]], None]) -> Callable[[Path], list[str]]:
    """`corpus validate` on the fixture gold set after `edit` changed its one record."""

    def args(tmp: Path) -> list[str]:
        folder = gold(tmp)
        [path] = folder.glob("*.json")
        record = read_json(path)
        edit(record)
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        return ["validate", str(folder)]

    return args


def validate_escaped(tmp: Path) -> list[str]:
    """`corpus validate` on a gold file whose JSON escapes half a UTF-16 pair."""
    folder = gold(tmp)
    [path] = folder.glob("*.json")
    record = read_json(path)
    record["stances"][0]["target"] = "rencana \udc00"
    path.write_text(json.dumps(record), encoding="ascii")  # "\udc00", as an escape
    return ["validate", str(folder)]


def huge_high(record: dict[str, Any]) -> None:
    record["quantities"][0]["high"] = 2**63  # "2-3 miliar USD", a range


def same_name_twice(record: dict[str, Any]) -> None:
    record["entities"].append({**record["entities"][0], "id": "again", "label": ORG})


def inside_a_token(record: dict[str, Any]) -> None:
    # "Kassym-Jomart Tokayev" [79:100] → "Jomart Tokayev": "Kassym-Jomart" is one token.
    record["entities"][0].update(start=86, text="Jomart Tokayev")


def publish_with_ignored_gold(tmp: Path) -> list[str]:
    """A committed gold folder, and a gold file in it that git ignores."""
    folder = gold(tmp)
    (folder / ".gitignore").write_text("local-*.json\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "gold"]):
        identity = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
        subprocess.run(["git", "-C", str(folder), *identity, *args], check=True)
    [path] = folder.glob("*.json")
    shutil.copyfile(path, folder / "local-extra.json")
    return ["publish", "--version", "1.0.0", "--gold", str(folder), "--out", str(tmp / "dist")]


def push_titled(title: str) -> Case:
    return Case(
        f"push-project-{title!r}",
        "annotate",
        lambda tmp: ["push", str(written("berita.txt", ARTICLE)(tmp)), "--project", title],
        f"error: --project {title!r} is not a usable project title: give the title as shown "
        'in Label Studio, e.g. --project "newsgold batch 1"',
        exit_code=2,
    )


GOLD_FILE = "{tmp}/gold/terungkap-ada-peran-asing-dalam-kerusuhan-di-32d0ce8fa71d.json"
VERSION = "is not of the form X.Y.Z (three numbers without leading zeros or spaces, e.g. 1.0.0)"
CASES = [
    Case(
        "version-with-newline",
        "corpus",
        publish_args("1.1.0\n"),
        f"error: version '1.1.0\\n' {VERSION}",
    ),
    Case(
        "version-with-space", "corpus", publish_args(" 1.1.0"), f"error: version ' 1.1.0' {VERSION}"
    ),
    Case("version-two-parts", "corpus", publish_args("1.1"), f"error: version '1.1' {VERSION}"),
    Case(
        "version-leading-zero",
        "corpus",
        publish_args("01.1.0"),
        f"error: version '01.1.0' {VERSION}",
    ),
    Case(
        "publish-out-is-a-file",
        "corpus",
        publish_args("1.0.0", a_file),
        "error: {tmp}/dist.txt: is a file, not a folder; give --out a folder (new or existing)",
    ),
    Case(
        "publish-out-under-a-file",
        "corpus",
        publish_args("1.0.0", lambda tmp: a_file(tmp) / "dist"),
        "error: {tmp}/dist.txt/dist: cannot create this folder (Not a directory); "
        "give --out a folder you can write to",
    ),
    Case(
        "publish-out-read-only",
        "corpus",
        publish_args("1.0.0", read_only),
        "error: {tmp}/locked: folder is not writable; give --out a folder you can write to",
    ),
    Case(
        "pull-out-is-a-file",
        "annotate",
        lambda tmp: ["pull", "--project", "batch 1", "--out", str(a_file(tmp))],
        "error: {tmp}/dist.txt: is a file, not a folder; give --out a folder (new or existing)",
    ),
    Case(
        "pull-out-read-only",
        "annotate",
        lambda tmp: ["pull", "--project", "batch 1", "--out", str(read_only(tmp) / "gold")],
        "error: {tmp}/locked/gold: cannot create this folder (Permission denied); "
        "give --out a folder you can write to",
    ),
    Case(
        "evaluate-missing-predictions",
        "annotate",
        evaluate_args(missing),
        "error: {tmp}/predictions.jsonl: no such file; give a JSON Lines file of predicted "
        "Documents (`annotate preannotate ... > predictions.jsonl`)",
    ),
    Case(
        "evaluate-predictions-not-utf8",
        "annotate",
        evaluate_args(written("latin1.jsonl", '{"id": "café"}\n'.encode("latin-1"))),
        "error: {tmp}/latin1.jsonl: not valid UTF-8 at byte 11; predictions are UTF-8 JSON "
        "Lines (re-save the file as UTF-8)",
    ),
    Case(
        "evaluate-predictions-folder",
        "annotate",
        evaluate_args(lambda tmp: tmp),
        "error: {tmp}: is a folder; give the JSON Lines file of predicted Documents "
        "(`annotate preannotate ... > predictions.jsonl`)",
    ),
    Case(
        "parse-pdf",
        "annotate",
        lambda tmp: ["parse", str(written("berita.pdf", b"%PDF-1.4\n" + ARTICLE)(tmp))],
        "error: {tmp}/berita.pdf: file is a PDF document; extract its text first "
        "(e.g. `pdftotext`) and parse that",
    ),
    Case(
        "preannotate-pdf-named-txt",
        "annotate",
        lambda tmp: ["preannotate", str(written("berita.txt", b"%PDF-1.4\n" + ARTICLE)(tmp))],
        "error: {tmp}/berita.txt: file is a PDF document; extract its text first "
        "(e.g. `pdftotext`) and parse that",
    ),
    *(push_titled(title) for title in ("", " \n", "batch 1 ", "batch\t1")),
    Case(
        "validate-whole-number-beyond-float64",
        "corpus",
        validate_edited(huge_high),
        f"error: {GOLD_FILE}: /quantities/0/high: 9223372036854775808 is too large a whole "
        "number for the dataset's float64 column (exact up to 2**53 = 9007199254740992); "
        "write it as a decimal number (9.223372036854776e+18)",
    ),
    Case(
        "validate-lone-surrogate-escape",
        "corpus",
        validate_escaped,
        f"error: {GOLD_FILE}: /stances/0/target: the escape '\\udc00' is half of a UTF-16 pair, "
        "not a character (a build could not write it); write the character itself",
    ),
    Case(
        "validate-overlapping-spans",
        "corpus",
        validate_edited(same_name_twice),
        f"error: {GOLD_FILE}: /entities/7: {ORG} [79:100] 'Kassym-Jomart Tokayev' overlaps "
        "/entities/0; BIO tags cannot hold both, keep one of them",
    ),
    Case(
        "validate-span-inside-a-token",
        "corpus",
        validate_edited(inside_a_token),
        f"error: {GOLD_FILE}: /entities/0: {PER} [86:100] 'Jomart Tokayev' starts inside the "
        "token 'Kassym-Jomart' [79:92]; fix the span, or the tokenizer (corpus/tokens.py) if "
        "the token is wrong",
    ),
    Case(
        "publish-gold-file-git-ignores",
        "corpus",
        publish_with_ignored_gold,
        "error: {tmp}/gold: 1 gold file(s) that git does not track (ignored?): "
        "local-extra.json; commit them (git add -f), or move them out of the gold folder, "
        "then publish",
        unchanged=False,  # --out is made before the gold set is read
    ),
    Case(
        "diff-tampered-release",
        "corpus",
        diff_args(tampered),
        "error: {tmp}/dist/newsgold/1.0.0: not an intact release "
        "({tmp}/dist/newsgold/1.0.0/README.md: sha256 differs from the manifest); use an "
        "intact copy of the release (`corpus publish` writes one, `corpus push` uploads one)",
    ),
    Case(
        "diff-release-without-manifest",
        "corpus",
        diff_args(without_manifest),
        "error: {tmp}/dist/newsgold/1.0.0: not an intact release "
        "({tmp}/dist/newsgold/1.0.0: no manifest.json; not a release folder); use an "
        "intact copy of the release (`corpus publish` writes one, `corpus push` uploads one)",
    ),
]


def snapshot(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def no_label_studio(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may reach a Label Studio: the input is refused before any request."""
    monkeypatch.setenv("LABEL_STUDIO_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "not-a-token")


@pytest.fixture
def mode_bits_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, who may write into any folder, refuse what the mode bits refuse to others:
    the read-only cases then test the same thing for every user."""
    if os.geteuid() != 0:
        return
    real_access, real_mkdir = os.access, os.mkdir

    def writable(path: object) -> bool:
        return bool(Path(str(path)).stat().st_mode & stat.S_IWUSR)

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and not writable(path):
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    def mkdir(path: object, mode: int = 0o777, **kwargs: object) -> None:
        parent = Path(str(path)).parent
        if parent.is_dir() and not writable(parent):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        real_mkdir(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "mkdir", mkdir)


@pytest.mark.usefixtures("no_label_studio", "mode_bits_hold")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_is_refused_with_one_line(case: Case, tmp_path: Path) -> None:
    args = case.args(tmp_path)
    before = snapshot(tmp_path)
    app = annotate_app if case.command == "annotate" else corpus_app
    result = CliRunner().invoke(app, args)
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.splitlines()[0] == case.message.format(tmp=tmp_path), result.stderr
    assert result.exit_code == case.exit_code
    assert result.stdout == ""
    if case.unchanged:
        assert snapshot(tmp_path) == before


def refuse_to_list(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make `folder` answer as a folder without read permission does (root may read any)."""
    real_scandir, real_listdir = os.scandir, os.listdir

    def denied(path: object) -> bool:
        if Path(str(path)) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return False

    monkeypatch.setattr(os, "scandir", lambda path=".": denied(path) or real_scandir(path))
    monkeypatch.setattr(os, "listdir", lambda path=".": denied(path) or real_listdir(path))


UNREADABLE = (
    "cannot read this folder (Permission denied); its files were not read: "
    "fix its permissions or leave it out"
)


def test_a_folder_scan_names_a_subfolder_it_cannot_read_and_reads_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "berita.txt").write_bytes(ARTICLE)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "hilang.txt").write_bytes(ARTICLE)
    refuse_to_list(monkeypatch, tmp_path / "b")
    result = CliRunner().invoke(annotate_app, ["parse", str(tmp_path)])
    assert result.stderr.splitlines() == [f"error: {tmp_path}/b: {UNREADABLE}"]
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1  # a/berita.txt


def test_records_under_an_unreadable_subfolder_are_named_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = gold(tmp_path)
    (folder / "batch-2").mkdir()
    refuse_to_list(monkeypatch, folder / "batch-2")
    found = list(iter_annotation_records(folder))
    assert [str(r) for _, r in found if isinstance(r, InputError)] == [
        f"{folder}/batch-2: {UNREADABLE}"
    ]
    assert len(found) == 2


def test_an_unreadable_gold_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = gold(tmp_path)
    refuse_to_list(monkeypatch, folder)
    with pytest.raises(InputError) as refused:
        gold_files(folder)
    assert str(refused.value) == f"{folder}: {UNREADABLE}"


def test_a_folder_scan_skips_files_that_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "berita.txt").write_bytes(ARTICLE)
    (tmp_path / "berita.pdf").write_bytes(b"%PDF-1.4\n" + ARTICLE)
    result = CliRunner().invoke(annotate_app, ["parse", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_a_publish_that_cannot_finish_writing_says_so_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(root: Path, fields: object) -> None:
        manifest = root / "manifest.json"
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(manifest))

    monkeypatch.setattr("corpus.release.write_manifest", disk_full)
    result = CliRunner().invoke(corpus_app, publish_args("1.0.0")(tmp_path))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert re.fullmatch(
        rf"error: {tmp_path}/dist/newsgold/\.1\.0\.0\.\w+\.partial/manifest\.json: cannot "
        r"write: No space left on device; nothing published",
        line,
    ), line
    assert list((tmp_path / "dist" / "newsgold").iterdir()) == []


def test_a_truncated_parquet_file_is_named(tmp_path: Path) -> None:
    from corpus.release import read_views

    path = release(tmp_path)
    spans = path / "data" / "spans" / "train.parquet"
    spans.chmod(0o644)
    spans.write_bytes(spans.read_bytes()[:100])
    with pytest.raises(InputError, match=f"^{re.escape(str(spans))}: not a readable Parquet file"):
        list(read_views(path))


def test_every_case_message_is_one_line() -> None:
    assert all("\n" not in re.sub(r"\\n", "", c.message) for c in CASES)
