"""Validate Article and Document records: JSON Schema plus cross-field invariants. Pure.

Each problem is a `Problem(pointer, message)`: a JSON Pointer into the record and a
plain one-line message, e.g. `/entities/3: text[10:17] is 'Tokayev ', not 'Tokayev'`.
Validators are compiled once per process (the schemas never change while it runs).

Speed: plain jsonschema manages about 70 realistic Documents a second (it walks the
schema for every record, and `unevaluatedProperties` re-walks it). Valid records are the
common case, so each schema is also compiled once into a Python predicate that answers
exactly what `validator(kind).is_valid` answers; jsonschema only runs, to word the
problems, for records the predicate rejects. The compiler knows a subset of JSON Schema and
refuses anything else (then every record goes through jsonschema): a schema change can make
validation slower, never different. tests/corpus/test_validate.py checks the predicate
against jsonschema on many generated broken records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from corpus.records import sha256_text
from corpus.schemas import SCHEMA_NAMES, load_schema


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


@cache
def _registry() -> Registry[Any]:
    resources = [
        (load_schema(n)["$id"], Resource.from_contents(load_schema(n))) for n in SCHEMA_NAMES
    ]
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft202012Validator:
    """The compiled validator for 'article' or 'document' (built once)."""
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=_registry())


# Keywords the predicate compiler understands; any other keyword Draft 2020-12 validates
# (`contains`, `if`, `patternProperties`, ...) makes it refuse the schema. Keywords the
# validator does not know ($defs, title, description, x-color, ...) are annotations.
_COMPILED_KEYWORDS = frozenset(
    {
        "$ref", "type", "const", "enum", "required", "properties", "additionalProperties",
        "unevaluatedProperties", "items", "minItems", "maxItems", "minLength", "maxLength",
        "pattern", "minimum", "maximum", "oneOf", "anyOf", "allOf", "not",
    }
)  # fmt: skip
# jsonschema's own type checks, so the predicate agrees on booleans, 1.0 as an integer, etc.
# Each is preceded by an exact `type(v) is ...` test that settles the common case cheaply.
_TYPE_TESTS = {
    "object": "(type({v}) is dict or _is_type({v}, 'object'))",
    "array": "(type({v}) is list or _is_type({v}, 'array'))",
    "string": "(type({v}) is str or _is_type({v}, 'string'))",
    "integer": "(type({v}) is int or _is_type({v}, 'integer'))",
    "number": "(type({v}) is float or type({v}) is int or _is_type({v}, 'number'))",
    "boolean": "({v} is True or {v} is False)",
    "null": "({v} is None)",
}
# Keywords that make a subschema worth its own function instead of an inline expression.
_STRUCTURAL = frozenset({"properties", "items", "required", "oneOf", "anyOf", "allOf", "not"})


class _Unsupported(Exception):
    """The schema uses something the predicate compiler does not handle."""


class _PredicateCompiler:
    """Compile a JSON Schema into the source of one boolean Python function per subschema.

    Every expression it writes evaluates to a bool and mirrors the matching jsonschema
    keyword function (guards included: `minLength` only applies to strings, `minimum` uses
    `not v < m` so NaN behaves the same, ...).
    """

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {"_is_type": Draft202012Validator.TYPE_CHECKER.is_type}
        self.functions: dict[int, str] = {}
        self.sources: list[str] = []

    def constant(self, value: Any) -> str:
        if type(value) is int:
            return repr(value)  # a literal: cheaper than a global lookup
        name = f"_c{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def function(self, schema: Any, resolver: Any) -> str:
        """The name of the function checking `schema` (compiled once per subschema)."""
        if isinstance(schema, dict) and (
            schema.keys() & Draft202012Validator.VALIDATORS.keys()
        ) == {"$ref"}:
            # A bare reference: check with the target's function, no wrapper call.
            resolved = resolver.lookup(schema["$ref"])
            return self.function(resolved.contents, resolved.resolver)
        key = id(schema)
        if key not in self.functions:
            name = self.functions[key] = f"_f{len(self.functions)}"
            body = self.expression(schema, "x", resolver)
            self.sources.append(f"def {name}(x):\n    return {body}\n")
        return self.functions[key]

    def _inline(self, schema: Any) -> bool:
        return not isinstance(schema, dict) or not (_STRUCTURAL & schema.keys())

    def sub(self, schema: Any, v: str, resolver: Any) -> str:
        """Check `v` against `schema`: inline when it is small, else call its function."""
        while isinstance(schema, dict) and list(schema) == ["$ref"]:
            resolved = resolver.lookup(schema["$ref"])
            schema, resolver = resolved.contents, resolved.resolver
        if self._inline(schema) and "$ref" not in schema:
            return f"({self.expression(schema, v, resolver)})"
        return f"{self.function(schema, resolver)}({v})"

    def expression(self, schema: Any, v: str, resolver: Any) -> str:
        """A bool expression that is True exactly when `v` is valid against `schema`."""
        if schema is True or schema == {}:
            return "True"
        if schema is False:
            return "False"
        if not isinstance(schema, dict):
            raise _Unsupported(f"schema {schema!r}")
        unknown = (schema.keys() & Draft202012Validator.VALIDATORS.keys()) - _COMPILED_KEYWORDS
        if unknown:
            raise _Unsupported(", ".join(sorted(unknown)))
        parts: list[str] = []
        known = schema.get("type") if isinstance(schema.get("type"), str) else None
        if "type" in schema:
            types = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
            if not set(types) <= _TYPE_TESTS.keys():
                raise _Unsupported(f"type {schema['type']!r}")
            # `None` first: nullable fields are often null, and its test is the cheapest.
            types = sorted(types, key=lambda t: t != "null")
            parts.append("(" + " or ".join(_TYPE_TESTS[t].format(v=v) for t in types) + ")")
        for keyword in ("const", "enum"):
            if keyword in schema:
                values = [schema["const"]] if keyword == "const" else schema["enum"]
                if values == [None]:
                    parts.append(f"({v} is None)")
                elif all(isinstance(value, str) for value in values):
                    # jsonschema's `equal` is plain `==` as soon as one side is a string.
                    parts.append(f"(isinstance({v}, str) and {v} in {self.constant(set(values))})")
                else:
                    raise _Unsupported(f"{keyword} {values!r}")
        if "$ref" in schema:
            resolved = resolver.lookup(schema["$ref"])
            target, target_resolver = resolved.contents, resolved.resolver
            if self._inline(target) and "$ref" not in target:
                parts.append(f"({self.expression(target, v, target_resolver)})")
            else:
                parts.append(f"{self.function(target, target_resolver)}({v})")
        parts += self._strings(schema, v, known)
        parts += self._numbers(schema, v, known)
        parts += self._objects(schema, v, known, resolver)
        parts += self._arrays(schema, v, known, resolver)
        if "oneOf" in schema:
            branches = [self.sub(branch, v, resolver) for branch in schema["oneOf"]]
            parts.append("((" + ") + (".join(branches) + ") == 1)")
        if "anyOf" in schema:
            parts.append("(" + " or ".join(self.sub(b, v, resolver) for b in schema["anyOf"]) + ")")
        if "allOf" in schema:
            parts += [self.sub(branch, v, resolver) for branch in schema["allOf"]]
        if "not" in schema:
            parts.append(f"(not {self.sub(schema['not'], v, resolver)})")
        return " and ".join(parts) or "True"

    @staticmethod
    def _guard(test: str, checks: list[str], known: bool) -> list[str]:
        if not checks:
            return []
        joined = " and ".join(checks)
        return [f"({joined})"] if known else [f"(not {test} or ({joined}))"]

    @staticmethod
    def _count(schema: dict[str, Any], keyword: str) -> int:
        value = schema[keyword]
        if type(value) is not int:
            raise _Unsupported(f"{keyword} {value!r}")
        return value

    def _strings(self, schema: dict[str, Any], v: str, known: str | None) -> list[str]:
        checks = []
        if "minLength" in schema:
            checks.append(f"not len({v}) < {self._count(schema, 'minLength')}")
        if "maxLength" in schema:
            checks.append(f"not len({v}) > {self._count(schema, 'maxLength')}")
        if "pattern" in schema:
            search = self.constant(re.compile(schema["pattern"]).search)
            checks.append(f"{search}({v}) is not None")
        return self._guard(f"isinstance({v}, str)", checks, known == "string")

    def _numbers(self, schema: dict[str, Any], v: str, known: str | None) -> list[str]:
        checks = []
        for keyword, operator in (("minimum", "<"), ("maximum", ">")):
            if keyword in schema:
                checks.append(f"not {v} {operator} {self.constant(schema[keyword])}")
        is_number = known in {"integer", "number"}
        return self._guard(f"_is_type({v}, 'number')", checks, is_number)

    def _objects(
        self, schema: dict[str, Any], v: str, known: str | None, resolver: Any
    ) -> list[str]:
        checks = []
        required = set(schema.get("required", ()))
        if required:
            checks.append(f"{v}.keys() >= {self.constant(frozenset(required))}")
        for name, subschema in schema.get("properties", {}).items():
            value = self.sub(subschema, f"{v}[{name!r}]", resolver)
            checks.append(value if name in required else f"({name!r} not in {v} or {value})")
        for keyword in ("additionalProperties", "unevaluatedProperties"):
            if keyword in schema:
                if schema[keyword] is not False:
                    raise _Unsupported(f"{keyword} other than false")
                evaluated = self._evaluated(
                    schema, resolver, in_place=keyword != "additionalProperties"
                )
                checks.append(f"{v}.keys() <= {self.constant(frozenset(evaluated))}")
        return self._guard(f"isinstance({v}, dict)", checks, known == "object")

    def _evaluated(self, schema: Any, resolver: Any, *, in_place: bool) -> set[str]:
        """Property names `schema` evaluates: its `properties`, and for unevaluatedProperties
        those of the subschemas applied in place ($ref, allOf), as jsonschema finds them."""
        if not isinstance(schema, dict):
            raise _Unsupported(f"schema {schema!r}")
        dynamic = {"patternProperties", "dependentSchemas", "oneOf", "anyOf", "if", "$dynamicRef"}
        if dynamic & schema.keys():
            raise _Unsupported(
                "properties evaluated dynamically: " + ", ".join(dynamic & schema.keys())
            )
        names = set(schema.get("properties", {}))
        if not in_place:
            return names
        if "$ref" in schema:
            resolved = resolver.lookup(schema["$ref"])
            names |= self._evaluated(resolved.contents, resolved.resolver, in_place=True)
        for branch in schema.get("allOf", ()):
            names |= self._evaluated(branch, resolver, in_place=True)
        return names

    def _arrays(
        self, schema: dict[str, Any], v: str, known: str | None, resolver: Any
    ) -> list[str]:
        checks = []
        if "minItems" in schema:
            checks.append(f"not len({v}) < {self._count(schema, 'minItems')}")
        if "maxItems" in schema:
            checks.append(f"not len({v}) > {self._count(schema, 'maxItems')}")
        if "items" in schema:
            checks.append(f"all(map({self.function(schema['items'], resolver)}, {v}))")
        return self._guard(f"isinstance({v}, list)", checks, known == "array")


def compile_predicate(
    schema: Mapping[str, Any], registry: Registry[Any]
) -> Callable[[Any], bool] | None:
    """A predicate answering exactly what Draft 2020-12 `is_valid` answers for `schema`
    (whose `$id` and references resolve in `registry`), or None when the schema uses a
    keyword the compiler does not know."""
    compiler = _PredicateCompiler()
    try:
        root = compiler.function(schema, registry.resolver(base_uri=schema.get("$id", "")))
    except _Unsupported:
        return None
    # The source is generated above from our own schema files, never from input data.
    exec("".join(compiler.sources), compiler.namespace)
    check: Callable[[Any], bool] = compiler.namespace[root]
    return check


@cache
def schema_check(kind: str) -> Callable[[Any], bool] | None:
    """The compiled predicate of schema `kind` (built once); None when it cannot be compiled
    (then jsonschema checks every record)."""
    return compile_predicate(load_schema(kind), _registry())


def _pointer(path: Sequence[Any]) -> str:
    return "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in path)


def _schema_message(error: ValidationError) -> str:
    # jsonschema's own messages repeat the whole instance for oneOf/unevaluated failures;
    # keep them to one readable line.
    message = error.message
    if len(message) > 200:
        message = message[:197] + "..."
    return message


def schema_problems(record: Mapping[str, Any], kind: str = "document") -> list[Problem]:
    """JSON Schema problems of `record`, sorted by location."""
    found = []
    for error in validator(kind).iter_errors(record):
        # For a oneOf/anyOf failure, the most specific sub-error names the real problem.
        best = error
        while best.context:
            best = min(best.context, key=lambda e: len(e.schema_path))
        found.append(Problem(_pointer(best.absolute_path), _schema_message(best)))
    return sorted(set(found))


def _span_problems(text: str, pointer: str, span: Mapping[str, Any]) -> Iterator[Problem]:
    start, end, span_text = span["start"], span["end"], span["text"]
    if not 0 <= start < end <= len(text):
        yield Problem(pointer, f"offsets [{start}:{end}] are outside the text (length {len(text)})")
        return
    actual = text[start:end]
    if actual != span_text:
        yield Problem(pointer, f"text[{start}:{end}] is {actual!r}, not {span_text!r}")
    if actual != actual.strip():
        yield Problem(pointer, f"span [{start}:{end}] {actual!r} starts or ends with whitespace")


def _fractional_offsets(record: Mapping[str, Any]) -> list[Problem]:
    """Offsets written as 1.0: JSON Schema counts them as integers, but they cannot index text."""
    found = []
    for kind in ("paragraphs", "entities", "quantities", "stances"):
        for i, item in enumerate(record.get(kind, ())):
            for key in ("start", "end"):
                if isinstance(item[key], float):
                    message = f"{item[key]!r} must be written as a whole number ({int(item[key])})"
                    found.append(Problem(f"/{kind}/{i}/{key}", message))
    return found


def invariant_problems(record: Mapping[str, Any]) -> list[Problem]:
    """Cross-field problems of a schema-valid Article or Document record."""
    try:
        return _invariant_problems(record)
    except TypeError:
        # Only a fractional offset gets a schema-valid record this far (`text[1.0:5]`).
        found = _fractional_offsets(record)
        if not found:
            raise
        return found


def _invariant_problems(record: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    text: str = record["text"]
    if record["text_sha256"] != sha256_text(text):
        problems.append(Problem("/text_sha256", "does not match sha256 of text; recompute it"))

    previous_end = 0
    for i, para in enumerate(record["paragraphs"]):
        start, end = para["start"], para["end"]
        if not previous_end <= start < end <= len(text):
            problems.append(
                Problem(f"/paragraphs/{i}", f"[{start}:{end}] is out of order or outside the text")
            )
        elif text[start:end] != text[start:end].strip() or "\n\n" in text[start:end]:
            problems.append(
                Problem(f"/paragraphs/{i}", f"[{start}:{end}] is not one trimmed block")
            )
        previous_end = max(previous_end, end)
    paragraphs = record["paragraphs"]
    title = record["title"]
    if (
        title is not None
        and paragraphs
        and text[paragraphs[0]["start"] : paragraphs[0]["end"]] != title
    ):
        problems.append(Problem("/title", "is not the text of the first paragraph"))

    if "entities" not in record:
        return problems

    # The loop below runs for every span of every document: pointers are only formatted
    # for a problem, and the usual span (inside the text, matching, trimmed) costs one
    # slice and two character tests before the full check words any problem.
    length = len(text)
    ids: dict[str, tuple[str, int]] = {}
    seen_spans: dict[tuple[str, int, int], tuple[str, int]] = {}
    for kind in ("entities", "quantities", "stances"):
        for i, span in enumerate(record[kind]):
            start, end, span_text = span["start"], span["end"], span["text"]
            if not (
                0 <= start < end <= length
                and text[start:end] == span_text
                and not span_text[0].isspace()
                and not span_text[-1].isspace()
            ):
                problems.extend(_span_problems(text, f"/{kind}/{i}", span))
            span_id = span["id"]
            first = ids.setdefault(span_id, (kind, i))
            if first != (kind, i):
                used = f"{span_id!r} is also used at /{first[0]}/{first[1]}"
                problems.append(Problem(f"/{kind}/{i}/id", used))
            key = (span.get("label", kind), start, end)
            first = seen_spans.setdefault(key, (kind, i))
            if first != (kind, i):
                problems.append(Problem(f"/{kind}/{i}", f"same span as /{first[0]}/{first[1]}"))

    for i, q in enumerate(record["quantities"]):
        pointer = f"/quantities/{i}"
        has_value = q["value"] is not None
        has_range = q["low"] is not None or q["high"] is not None
        if has_value == has_range:
            problems.append(Problem(pointer, "needs either value or low/high, not both or neither"))
        elif has_range and (q["low"] is None or q["high"] is None):
            problems.append(Problem(pointer, "a range needs both low and high"))
        elif has_range and q["low"] > q["high"]:
            problems.append(Problem(pointer, f"low {q['low']} is greater than high {q['high']}"))

    entity_ids = {e["id"] for e in record["entities"]}
    for i, s in enumerate(record["stances"]):
        if s["holder"] is not None and s["holder"] not in entity_ids:
            problems.append(
                Problem(f"/stances/{i}/holder", f"{s['holder']!r} is not the id of an entity")
            )
    return sorted(problems)


def problems(record: Any, kind: str = "document") -> list[Problem]:
    """All problems of `record`: schema first; invariants only once the shape is right."""
    if not isinstance(record, Mapping):
        return [Problem("", f"expected a JSON object, got {type(record).__name__}")]
    check = schema_check(kind)
    if check is not None and check(record):
        return invariant_problems(record)
    found = schema_problems(record, kind)
    if found:
        return found
    return invariant_problems(record)
