#!/usr/bin/env bash
# Score the pre-annotator on the four public Indonesian NER test sets and on data/gold, and
# write both tables into docs/quality.md (between its eval-public / eval-gold markers).
# The test sets are read from ../shared/eval (beside the clone) or from $NEWSGOLD_EVAL_DIR.
# Example: scripts/eval_public.sh
source "$(dirname "$0")/_bootstrap.sh"   # cd to the repo root, $UV, a synced .venv
source "$ROOT/scripts/_splice.sh"

EVAL_DIR="${NEWSGOLD_EVAL_DIR:-../shared/eval}"
DOC=docs/quality.md
CORPORA=(idner-news-2k indolem-nerugm indolem-nerui indonlu-nergrit)
# Every type the four sets use, named explicitly (it equals the default map): locations,
# places and times are not scored, so a predicted ORG or QTY over one is a false positive.
LABEL_MAP="PER=PER,PERSON=PER,ORG=ORG,ORGANIZATION=ORG,ORGANISATION=ORG,QUANTITY=QTY,LOC=,LOCATION=,PLACE=,TIME="

if [ ! -d "$EVAL_DIR" ]; then
  echo "eval_public: no test sets at $EVAL_DIR; set NEWSGOLD_EVAL_DIR to their folder" >&2
  exit 1
fi
need_markers eval-public eval-gold

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

paths=()
for corpus in "${CORPORA[@]}"; do paths+=("$EVAL_DIR/$corpus"); done
"$UV" run --locked annotate evaluate --conll "${paths[@]}" --label-map "$LABEL_MAP" --markdown \
  >"$work/public.md"

if "$UV" run --locked annotate evaluate --gold data/gold --markdown >"$work/gold.md" 2>"$work/gold.err"; then
  :
else
  cat "$work/gold.err" >&2
  { echo "Not available: \`annotate evaluate --gold data/gold\` failed:"; echo
    sed 's/^/    /' "$work/gold.err"; } >"$work/gold.md"
fi

splice eval-public "$work/public.md"
splice eval-gold "$work/gold.md"
echo "eval_public: wrote the tables into $DOC" >&2
