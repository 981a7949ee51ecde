# Sourced by scripts/eval_public.sh and scripts/eval_pages.sh: write tables into $DOC.

# need_markers NAME...: exit unless $DOC has "<!-- NAME:start -->" and "<!-- NAME:end -->"
# lines for every NAME (checked before the slow evaluation runs, not after).
need_markers() {
  for name in "$@"; do
    grep -qx "<!-- $name:start -->" "$DOC" && grep -qx "<!-- $name:end -->" "$DOC" || {
      echo "$(basename "$0"): $DOC needs the lines <!-- $name:start --> and <!-- $name:end -->" >&2
      exit 1
    }
  done
}

# splice NAME FILE: replace what is between NAME's marker lines with FILE's lines
# ($work is the caller's scratch folder).
splice() {
  awk -v name="$1" -v body="$2" '
    $0 == "<!-- " name ":end -->" { skip = 0 }
    !skip { print }
    $0 == "<!-- " name ":start -->" {
      print ""
      while ((getline line < body) > 0) print line
      print ""
      skip = 1
    }' "$DOC" >"$work/doc.md"
  cp "$work/doc.md" "$DOC"
}
