"""`annotate select`'s plain twin: the next batch from a crawl folder. I/O: reads the crawl's
Parquet shards, gold and pushed Documents and a priority file; writes the batch file.

    crawl DIR     shard-*.parquet of `annotate crawl`: the canonical articles are the rows
                  with neither `reason` (dropped) nor `duplicate_of` (a copy); `document`
                  holds the Document as JSON, written to the batch unchanged
    gold, pushed  Documents (folders of *.json, or *.json / *.jsonl files) whose articles
                  are annotated or pushed already: no near-duplicate of them is chosen
    priority      JSON Lines of {"id": ..., "priority": number >= 0} (the model's review
                  priority); articles not listed weigh 1
    out           JSON Lines of the chosen Documents, in batch order: `annotate push` reads it
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotate.crawl.select import (
    Candidate,
    Selection,
    Selector,
    known_clusters,
    month_of,
    outlet_of,
)
from corpus.errors import InputError
from corpus.records_io import iter_annotation_records
from corpus.silver import canonical_documents


def crawl_candidates(crawl: Path, priorities: dict[str, float]) -> Iterator[Candidate | InputError]:
    """The crawl's canonical articles, shard by shard; a row that cannot be read is an error."""
    for where, document in canonical_documents(crawl):
        yield (
            document
            if isinstance(document, InputError)
            else _candidate(document, where, priorities)
        )


def _candidate(
    document: str | None, where: str, priorities: dict[str, float]
) -> Candidate | InputError:
    try:
        doc: dict[str, Any] = json.loads(document or "")
        stratum = (outlet_of(doc.get("url")), month_of(doc.get("published")))
        article_id, text = doc["id"], doc["text"]
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as e:
        return InputError(f"not a Document: {e}", source=where)
    return Candidate(article_id, text, stratum, document or "", priorities.get(article_id, 1.0))


def known_documents(paths: Iterable[Path]) -> Iterator[tuple[str, str] | InputError]:
    """(id, text) of the Documents under `paths` (gold, pushed), or why one cannot be read."""
    for path in paths:
        for where, record in iter_annotation_records(path):
            if isinstance(record, InputError):
                yield record
            elif isinstance(record, dict) and isinstance(record.get("text"), str):
                yield str(record.get("id", where)), record["text"]
            else:
                yield InputError("not a Document (no text)", source=where)


def read_priorities(path: Path) -> dict[str, float]:
    """Review priority per article id from a JSON Lines file of {"id", "priority"}."""
    priorities: dict[str, float] = {}
    for where, record in iter_annotation_records(path):
        if isinstance(record, InputError):
            raise record
        value = record.get("priority") if isinstance(record, dict) else None
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise InputError('expected {"id": "...", "priority": number >= 0}', source=where)
        priorities[str(record.get("id"))] = float(value)
    return priorities


def write_batch(path: Path, selection: Selection) -> None:
    """The chosen Documents as JSON Lines, through a temp file and rename."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for candidate in selection.chosen:
            f.write(candidate.record + "\n")
    tmp.replace(path)


def select_batch(
    crawl: Path,
    *,
    n: int,
    seed: int,
    known: Iterable[Path],
    priority: Path | None = None,
    slack: int | None = None,
) -> tuple[Selection, list[InputError]]:
    """Choose n canonical articles of the crawl (annotate.crawl.select); with the problems met
    on the way (unreadable rows and known Documents), which do not stop the choice."""
    problems: list[InputError] = []
    texts = []
    for item in known_documents(known):
        if isinstance(item, InputError):
            problems.append(item)
        else:
            texts.append(item)
    clusters = known_clusters(texts)
    selector = Selector(n, seed, slack)
    for candidate in crawl_candidates(crawl, read_priorities(priority) if priority else {}):
        if isinstance(candidate, InputError):
            problems.append(candidate)
        else:
            selector.offer(candidate)
    return selector.choose(clusters), problems
