"""A model folder: the weights, `meta.json` and `MODEL_CARD.md`.

I/O: `write_folder` writes a new folder next to the target and renames it into place (a
reader never sees half a model); `read_meta` reads and checks one, with a one-line error
saying what is wrong and what to do.

    model/
      weights.crfsuite   the CRF (python-crfsuite's format)
      meta.json          annotator, version, fingerprint (sha256 of the weights), training
                         data and their sha256, labels, policy, dev scores, seed,
                         hyper-parameters, library versions
      MODEL_CARD.md      what it is, what it was trained on, its scores, its limits
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.errors import InputError

WEIGHTS = "weights.crfsuite"
META = "meta.json"
CARD = "MODEL_CARD.md"
ANNOTATOR = "ner.crf.v1"
"""The registry name of this model family (annotate.preannotate.MODEL_ANNOTATORS)."""
MODEL_VERSION = "1.0.0"
"""The release of the model code (features, training, combination); the fingerprint names
the exact weights."""


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sha256_path(path: Path) -> str:
    """sha256 of a file, or of a folder's files (sorted names, then bytes), not recursive."""
    if path.is_file():
        return sha256_file(path)
    digest = hashlib.sha256()
    for file in sorted(p for p in path.iterdir() if p.is_file()):
        data = file.read_bytes()
        digest.update(f"{file.name}:{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def fingerprint(weights: Path) -> str:
    """12 hex digits of the weights' sha256: names the exact model in meta.source."""
    return sha256_file(weights)[:12]


def write_folder(
    out: Path, fill: Callable[[Path], dict[str, Any]], card: Callable[[dict[str, Any]], str]
) -> dict[str, Any]:
    """Make the model folder `out`: `fill(tmp)` writes the weights into a temporary folder
    beside `out` and returns meta.json's content; then the card is written and the folder
    renamed into place (an existing model folder there is replaced, anything else is
    refused). Returns the meta."""
    if out.exists() and not (out / META).is_file() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(
            "exists and is not a model folder; give a new or empty folder (or an old model's)",
            source=str(out),
        )
    parent = out.resolve().parent
    if not parent.is_dir():
        raise InputError(f"cannot write: no folder {parent}", source=str(out))
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    try:
        meta = fill(tmp)
        weights = tmp / WEIGHTS
        meta = {**meta, "fingerprint": fingerprint(weights), "weights": WEIGHTS}
        (tmp / META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", "utf-8")
        (tmp / CARD).write_text(card(meta), "utf-8")
        if out.exists():
            old = parent / f".{out.name}.old"
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old)
        else:
            tmp.rename(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return meta


def read_meta(folder: Path) -> dict[str, Any]:
    """meta.json of a model folder, checked against its weights; InputError otherwise."""
    hint = "make one with `annotate train --out DIR ...`"
    if not folder.is_dir():
        raise InputError(f"no such model folder; {hint}", source=str(folder))
    meta_file = folder / META
    try:
        meta = json.loads(meta_file.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(f"not a model folder (no {META}); {hint}", source=str(folder)) from None
    except (ValueError, OSError) as e:
        raise InputError(
            f"{META} is unreadable ({e}); train the model again", source=str(folder)
        ) from None
    if not isinstance(meta, dict):
        raise InputError(f"{META} is not a JSON object; train the model again", source=str(folder))
    weights = folder / str(meta.get("weights", WEIGHTS))
    if not weights.is_file():
        raise InputError(f"model folder has no weights file; {hint}", source=str(folder))
    if fingerprint(weights) != meta.get("fingerprint"):
        raise InputError(
            f"the weights do not match {META}'s fingerprint (changed or damaged); train again",
            source=str(folder),
        )
    return meta
