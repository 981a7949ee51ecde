"""newsgold `annotate`: parse raw articles, pre-annotate them with rules, move them to and
from Label Studio, evaluate. `from annotate import preannotate` is the one-call entry point.

`preannotate` is looked up on first use (PEP 562), so `import annotate` (and every
`annotate --help`) stays light: the rules, gazetteers and schemas load only when needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotate.preannotate import preannotate

__all__ = ["preannotate"]


def __getattr__(name: str) -> Any:
    if name == "preannotate":
        from annotate.preannotate import preannotate

        globals()["preannotate"] = preannotate  # the function, not the submodule of that name
        return preannotate
    raise AttributeError(f"module 'annotate' has no attribute {name!r}")
