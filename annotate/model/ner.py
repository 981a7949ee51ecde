"""The trained PER/ORG model at work: spans with confidence, token uncertainty, and the
entities it keeps together with the rules.

I/O: `CrfModel.load` reads a model folder; everything after that is pure.

    model = CrfModel.load(Path("models/ner"))
    model.scored_spans(text, rule_spans)      -> tuple[ScoredSpan, ...]
    model.token_uncertainty(text, rule_spans) -> [(start, end, 1 - max marginal), ...]
    model.span_confidence(text, rule_spans, spans) -> [how sure it is of each span, ...]
    model.entities(text, rule_entities)       -> the PER/ORG entities the policy keeps

`rule_spans` are the rules' (start, end, label) PER/ORG spans of the same text (what
`preannotate` found): the model reads them as features. Each line of the text is one
sequence, as in training.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from annotate.model.combine import Policy, combine
from annotate.model.crf import Crf, Tagged
from annotate.model.examples import Example, line_examples, model_labels
from annotate.model.features import SpanLike, sentence_features
from annotate.model.folder import ANNOTATOR, WEIGHTS, read_meta
from annotate.model.spans import ScoredSpan
from annotate.rules.capitals import headline_end
from annotate.rules.place_context import names_a_place, names_a_place_or_thing
from corpus.errors import InputError
from corpus.records import Entity, span_id


@dataclass(frozen=True)
class CrfModel:
    """A loaded model folder: its CRF, meta.json and combination policy."""

    crf: Crf
    meta: dict[str, Any]
    policy: Policy
    name: str = ANNOTATOR

    @classmethod
    def load(cls, folder: Path) -> CrfModel:
        """Read a model folder (InputError with a one-line reason when it is not one)."""
        meta = read_meta(folder)
        if meta.get("annotator") != ANNOTATOR:
            raise InputError(
                f"meta.json names annotator {meta.get('annotator')!r}, not {ANNOTATOR!r}",
                source=str(folder),
            )
        policy = meta.get("policy") or {label: "model" for label in model_labels()}
        return cls(Crf(folder / str(meta.get("weights", WEIGHTS))), meta, policy)

    @property
    def version(self) -> str:
        """The weights' fingerprint: which exact model suggested a span."""
        return str(self.meta["fingerprint"])

    def _features(
        self, text: str, rule_spans: Sequence[SpanLike]
    ) -> Iterator[tuple[Example, list[list[str]]]]:
        """Each line's Example and features; a model trained without the rules' tags
        (meta "rule_features": false, the baseline of docs/model.md) sees them all O."""
        with_rules = self.meta.get("rule_features", True)
        for example in line_examples(text, (), rule_spans if with_rules else ()):
            yield example, sentence_features(example.words, example.rule_tags)

    def _tagged(
        self, text: str, rule_spans: Sequence[SpanLike], *, marginals: bool
    ) -> Iterator[tuple[Example, Tagged]]:
        for example, features in self._features(text, rule_spans):
            yield example, self.crf.tag(features, marginals=marginals)

    def _spans(
        self, text: str, rule_spans: Sequence[SpanLike], *, marginals: bool
    ) -> list[tuple[int, int, str, float]]:
        """The model's character spans with confidence, as our guidelines let them stand."""
        out = []
        for example, tagged in self._tagged(text, rule_spans, marginals=marginals):
            tokens = example.tokens
            out += [
                (tokens[first][0], tokens[end - 1][1], label, confidence)
                for first, end, label, confidence in tagged.spans()
            ]
        return by_our_guidelines(text, out)

    def scored_spans(self, text: str, rule_spans: Sequence[SpanLike]) -> tuple[ScoredSpan, ...]:
        """The model's PER/ORG spans, each with its least sure token's marginal."""
        return tuple(ScoredSpan(*span) for span in self._spans(text, rule_spans, marginals=True))

    def span_confidence(
        self, text: str, rule_spans: Sequence[SpanLike], spans: Sequence[SpanLike]
    ) -> list[float]:
        """For each character span of `spans` (any source: the rules', the model's, a
        reviewer's), how sure the model is of it: the smallest marginal of its tokens' tags
        (`Crf.span_confidence`). 0 for a span that starts no token or crosses a line."""
        out = [0.0] * len(spans)
        for example, features in self._features(text, rule_spans):
            starts = [start for start, _ in example.tokens]
            line_start, line_end = example.tokens[0][0], example.tokens[-1][1]
            mine, where = [], []
            for k, (start, end, label) in enumerate(spans):
                first, last = bisect_left(starts, start), bisect_left(starts, end)
                if line_start <= start and end <= line_end and first < last:
                    mine.append((first, last, label))
                    where.append(k)
            for k, sure in zip(where, self.crf.span_confidence(features, mine), strict=True):
                out[k] = sure
        return out

    def token_uncertainty(
        self, text: str, rule_spans: Sequence[SpanLike]
    ) -> list[tuple[int, int, float]]:
        """(start, end, uncertainty) for every token: 1 minus its best tag's marginal."""
        out = []
        for example, features in self._features(text, rule_spans):
            for (start, end), u in zip(example.tokens, self.crf.uncertainty(features), strict=True):
                out.append((start, end, u))
        return out

    def entities(self, text: str, rule_entities: Sequence[Entity]) -> list[Entity]:
        """The PER/ORG entities kept by the policy from the rules' and the model's; the
        rules' entities of other labels pass through."""
        labels = model_labels()
        rules = [(e.start, e.end, e.label) for e in rule_entities if e.label in labels]
        model = [span[:3] for span in self._spans(text, rules, marginals=False)]
        others = [e for e in rule_entities if e.label not in labels]
        return others + [
            Entity(span_id("entities", s, e), s, e, text[s:e], label)
            for s, e, label in combine(rules, model, self.policy)
        ]


Scored = TypeVar("Scored", bound=tuple[int, int, str, float])


def by_our_guidelines(text: str, spans: Sequence[Scored]) -> list[Scored]:
    """The model's spans without those our guidelines rule out by context, as the rules do
    (schema/guidelines.md §3-4, `annotate.rules.place_context`): a PER span where the words
    before it name a place ("Jalan [MT Suryadi]", "warga Sukamaju, [Pondok Asri]"), a span
    opening with an administrative place noun or naming a thing ("[Desa Tuamaju]", "Indeks
    [Nusa Tiga Puluh]"), and a span in a title-case headline whose words the body never writes
    (in a headline every word is capitalised, so capitals say nothing: "Gempa [Guncang
    Tanjung Sari]")."""
    person = model_labels()[0]
    title_end = headline_end(text)
    body = text[title_end:]
    kept = []
    for span in spans:
        start, end, label = span[0], span[1], span[2]
        name = text[start:end]
        if label == person and names_a_place(text, start):
            continue
        if names_a_place_or_thing(text, start, end):
            continue
        if end <= title_end and name not in body:
            continue
        kept.append(span)
    return kept
