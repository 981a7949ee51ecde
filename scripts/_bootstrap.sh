# Sourced by scripts/test and scripts/demo: makes sure uv exists and .venv matches uv.lock.
# On a fresh machine with only Python 3.11 and pip, uv is installed into .tools/ (git-ignored)
# rather than into the system Python, which may be externally managed (PEP 668).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ -n "${UV:-}" ] && [ -x "${UV}" ]; then
  :
elif command -v uv >/dev/null 2>&1; then
  UV="$(command -v uv)"
else
  if [ ! -x .tools/bin/uv ]; then
    echo "newsgold: installing uv into .tools/ ..." >&2
    python3 -m venv .tools
    .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.9,<1"
  fi
  UV="$ROOT/.tools/bin/uv"
fi
export UV
# Trust the platform's certificate store, as pip does: machines behind a proxy with their own
# root CA (this one included) reject uv's bundled Mozilla roots.
export UV_SYSTEM_CERTS="${UV_SYSTEM_CERTS:-1}"
"$UV" sync --locked --quiet
