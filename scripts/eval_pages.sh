#!/usr/bin/env bash
# Score the parser and the pre-annotator on the real pages with hand gold (text scrapes and
# HTML) and write the tables into docs/quality.md (between its eval-pages markers).
# The pages are read from ../shared/realpages (beside the clone) or from $NEWSGOLD_PAGES_DIR.
# Example: scripts/eval_pages.sh
source "$(dirname "$0")/_bootstrap.sh"   # cd to the repo root, $UV, a synced .venv
source "$ROOT/scripts/_splice.sh"

PAGES_DIR="${NEWSGOLD_PAGES_DIR:-../shared/realpages}"
DOC=docs/quality.md

if [ ! -d "$PAGES_DIR" ]; then
  echo "eval_pages: no pages at $PAGES_DIR; set NEWSGOLD_PAGES_DIR to their folder" >&2
  exit 1
fi
need_markers eval-pages

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$UV" run --locked annotate evaluate --pages "$PAGES_DIR" --markdown >"$work/pages.md"
splice eval-pages "$work/pages.md"
echo "eval_pages: wrote the tables into $DOC" >&2
