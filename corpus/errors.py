"""The project's exception hierarchy. Pure.

Every error message says what is wrong, where (file, JSON path, offset, task id)
and how to fix it, on one line. Errors are raised in the core and caught only at
the edges (the CLIs), which print them and set the exit code.
"""

from __future__ import annotations

from collections.abc import Sequence


class NewsgoldError(Exception):
    """Base class of every error newsgold raises on purpose."""


class InputError(NewsgoldError, ValueError):
    """An input file or value cannot be used: empty, binary, not UTF-8, too large, ..."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class SchemaError(NewsgoldError, ValueError):
    """A record breaks the JSON Schema or a cross-field invariant."""

    def __init__(self, errors: Sequence[str], *, source: str | None = None) -> None:
        self.errors = list(errors)
        self.source = source
        where = f"{source}: " if source else ""
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        first = self.errors[0] if self.errors else "invalid record"
        super().__init__(f"{where}{first}{more}")


class LabelStudioError(NewsgoldError, RuntimeError):
    """Label Studio answered with an error or could not be reached."""

    def __init__(self, message: str, *, status: int | None = None, detail: str | None = None):
        self.status = status
        self.detail = detail
        super().__init__(message)


class ReleaseExistsError(NewsgoldError, FileExistsError):
    """A release with this version was already published; releases never change."""

    def __init__(self, version: str, path: str) -> None:
        self.version = version
        self.path = path
        super().__init__(
            f"release {version} already exists at {path}; releases are immutable, "
            "publish a higher version instead"
        )
