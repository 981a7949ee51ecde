"""The `silver` config of a release: the crawl's machine-annotated articles, beside the gold.

I/O: reads the Parquet shards of `annotate crawl` (`shard-*.parquet` in its --out folder).

Gold is what people reviewed; silver is what the pre-annotators (rules, and a model when
one was given) made of the crawl's canonical articles (the rows with neither `reason`,
dropped, nor `duplicate_of`, a copy). It is a config of its own, `silver`, one split
(`train`), with the `spans` features and a `source` column (the Document's `meta.source`:
the rules' and model's versions and fingerprints), so nothing silver can reach a gold split.
Articles that are gold (same id, or the same text) are left out of it. Every silver record
is validated like a gold one; a release with a broken one is refused.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.build import SplitFigures
from corpus.errors import InputError, SchemaError
from corpus.features import features, spans_row
from corpus.parquet import BATCH, ParquetSink
from corpus.records import JSON, sha256_text
from corpus.schemas import label_set
from corpus.tokens import tokenize
from corpus.validate import problems

if TYPE_CHECKING:
    import datasets

CONFIG = "silver"
SPLIT = "train"
SHARD_GLOB = "shard-*.parquet"
_COLUMNS = ["reason", "duplicate_of", "document"]


def canonical_documents(crawl: Path) -> Iterator[tuple[str, str | InputError]]:
    """(where, Document JSON) of the crawl's canonical articles, shards in name order; an
    unreadable shard is an InputError in its place. InputError if there is no shard."""
    import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    shards = sorted(crawl.glob(SHARD_GLOB)) if crawl.is_dir() else []
    if not shards:
        raise InputError(
            f"no crawl shards ({SHARD_GLOB}); give the --out folder of `annotate crawl`",
            source=str(crawl),
        )
    for shard in shards:
        row = 0
        try:
            for batch in pq.ParquetFile(shard).iter_batches(columns=_COLUMNS, batch_size=BATCH):
                for record in batch.to_pylist():
                    row += 1
                    if record["reason"] is None and record["duplicate_of"] is None:
                        yield f"{shard}#{row}", record["document"]
        except (OSError, pa.ArrowException) as e:
            yield str(shard), InputError(f"cannot read crawl shard: {e}", source=str(shard))


def silver_features() -> datasets.Features:
    """The `spans` features and `source`, the pre-annotators that made the row."""
    from datasets import Features, Value

    return Features({**features("spans"), "source": Value("string")})


@dataclass(slots=True)
class Silver:
    """What the silver config of a release holds, for its card and manifest."""

    figures: SplitFigures = field(default_factory=SplitFigures)
    sources: Counter[str] = field(default_factory=Counter)  # meta.source -> documents
    left_out: int = 0  # canonical crawl articles that are gold
    num_bytes: int = 0
    path: str = f"data/{CONFIG}/{SPLIT}.parquet"

    def to_dict(self) -> JSON:
        return {
            "documents": self.figures.documents,
            "sources": dict(sorted(self.sources.items())),
            "gold_left_out": self.left_out,
        }


def _count(figures: SplitFigures, record: JSON) -> None:
    labels = label_set()
    figures.documents += 1
    figures.tokens += len(tokenize(record["text"]))
    for entity in record["entities"]:
        figures.labels[entity["label"]] += 1
    figures.labels[labels.quantity_label] += len(record["quantities"])
    figures.labels[labels.stance_label] += len(record["stances"])
    for stance in record["stances"]:
        figures.polarities[stance["polarity"]] += 1


def _record(where: str, document: str | None) -> JSON:
    """The Document of a crawl row, valid, or SchemaError naming the row."""
    try:
        record: Any = json.loads(document or "")
    except json.JSONDecodeError as e:
        raise SchemaError([f"not JSON: {e.msg}"], source=where) from None
    found = problems(record)
    if found:
        raise SchemaError([str(p) for p in found], source=where)
    checked: JSON = record
    return checked


def write_silver(crawl: Path, root: Path, gold: set[str]) -> Silver:
    """Write the silver config of the crawl into `root` (a release being built) and check it
    reads back; `gold` holds the ids and text sha256 of the gold documents, left out."""
    import pyarrow as pa

    schema = silver_features().arrow_schema
    sink = ParquetSink(root)
    silver = Silver()
    rows: list[JSON] = []

    def flush() -> None:
        columns = [pa.array([r[f.name] for r in rows], type=f.type) for f in schema]
        sink.add(CONFIG, SPLIT, pa.RecordBatch.from_arrays(columns, schema=schema))
        rows.clear()

    try:
        for where, document in canonical_documents(crawl):
            if isinstance(document, InputError):
                raise document
            record = _record(where, document)
            if record["id"] in gold or sha256_text(record["text"]) in gold:
                silver.left_out += 1
                continue
            rows.append({**spans_row(record), "source": record["meta"]["source"]})
            silver.sources[record["meta"]["source"]] += 1
            _count(silver.figures, record)
            if len(rows) >= BATCH:
                flush()
        if rows:
            flush()
    finally:
        sink.close()
    if not silver.figures.documents:
        raise InputError("the crawl has no canonical articles besides gold ones", source=str(crawl))
    mismatches = sink.check()
    if mismatches:
        raise InputError(f"{mismatches[0]}; nothing was published", source=str(crawl))
    silver.num_bytes = sink.num_bytes[(CONFIG, SPLIT)]
    return silver
