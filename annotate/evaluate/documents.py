"""Gold Documents against predicted ones: their spans, pairing by id, scoring. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotate.evaluate.metrics import Evaluation
from annotate.evaluate.scoring import Item, score_items
from annotate.evaluate.spans import LabelledSpan
from corpus.records import Document
from corpus.schemas import label_set


def document_spans(doc: Document) -> list[LabelledSpan]:
    """Every span of a Document, labelled: entities by their label, then quantities, stances."""
    labels = label_set()
    return [
        *(LabelledSpan(e.start, e.end, e.label, i) for i, e in enumerate(doc.entities)),
        *(
            LabelledSpan(q.start, q.end, labels.quantity_label, i)
            for i, q in enumerate(doc.quantities)
        ),
        *(LabelledSpan(s.start, s.end, labels.stance_label, i) for i, s in enumerate(doc.stances)),
    ]


def score_documents(
    pairs: Iterable[tuple[Document, Document]], labels: Sequence[str] | None = None
) -> Evaluation:
    """Score (gold, predicted) Document pairs; both must have the same text.

    Raises ValueError naming the document when the texts differ: offsets into different
    texts cannot be compared.
    """

    def items() -> Iterable[Item]:
        for gold, pred in pairs:
            if gold.text != pred.text:
                raise ValueError(
                    f"document {gold.id}: the predicted text differs from the gold text "
                    f"(sha256 {pred.article.text_sha256[:12]} vs {gold.article.text_sha256[:12]}); "
                    "predict on the gold document's article"
                )
            yield Item(
                gold.id,
                gold.text,
                tuple(document_spans(gold)),
                tuple(document_spans(pred)),
                gold_doc=gold,
                pred_doc=pred,
            )

    return score_items(items(), labels)


@dataclass(frozen=True, slots=True)
class Pairing:
    """Gold Documents paired with predictions by id, and what did not pair.

    A gold document without a usable prediction is paired with an empty one (everything in
    it counts as missed), so leaving documents out never raises the scores.
    """

    pairs: tuple[tuple[Document, Document], ...]
    missing: tuple[str, ...] = ()  # gold ids with no prediction
    unknown: tuple[str, ...] = ()  # predicted ids not in the gold set (not scored)
    duplicate: tuple[str, ...] = ()  # predicted ids seen more than once (the first is scored)
    mismatched: tuple[str, ...] = ()  # predicted on another text than the gold one

    @property
    def clean(self) -> bool:
        return not (self.missing or self.unknown or self.duplicate or self.mismatched)

    def problems(self) -> list[str]:
        """One line per kind of problem, naming the ids."""
        found = []
        for ids, what in (
            (self.missing, "gold documents have no prediction (scored as predicting nothing)"),
            (self.unknown, "predicted documents are not in the gold set (not scored)"),
            (self.duplicate, "document ids are predicted more than once (the first is scored)"),
            (
                self.mismatched,
                "predictions were made on a different text than the gold one "
                "(scored as predicting nothing; predict on the gold article)",
            ),
        ):
            if ids:
                found.append(f"{len(ids)} {what}: {', '.join(ids)}")
        return found


def pair_documents(gold: Iterable[Document], predictions: Iterable[Document]) -> Pairing:
    """Pair each gold Document with the prediction of the same id and the same text."""
    by_id: dict[str, Document] = {}
    duplicate: list[str] = []
    for doc in predictions:
        if doc.id in by_id:
            duplicate.append(doc.id)
        else:
            by_id[doc.id] = doc
    pairs, missing, mismatched, seen = [], [], [], set()
    for g in gold:
        seen.add(g.id)
        p = by_id.get(g.id)
        if p is None:
            missing.append(g.id)
        elif p.text != g.text:
            mismatched.append(g.id)
        pairs.append((g, p if p is not None and p.text == g.text else Document(g.article)))
    unknown = [i for i in by_id if i not in seen]
    return Pairing(
        tuple(pairs), tuple(missing), tuple(unknown), tuple(duplicate), tuple(mismatched)
    )
