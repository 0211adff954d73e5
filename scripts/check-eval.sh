#!/usr/bin/env bash
# Fails if the shipped pipeline's dev F1 falls more than 1 point below the score recorded in
# the model's manifest (models/ner-LANG.md, written by `noor train`). Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-../shared}
NOOR=${NOOR:-target/release-native/noor}
ner="$SHARED/data/ner"
status=0
check() { # lang, eval arguments...
  local lang=$1; shift
  local manifest="models/ner-$lang.md"
  local recorded actual
  recorded=$(sed -n 's/^pipeline dev F1: \([0-9.]*\)$/\1/p' "$manifest")
  [ -n "$recorded" ] || { echo "check-eval: no 'pipeline dev F1' line in $manifest"; exit 1; }
  actual=$("$NOOR" eval --lang "$lang" "$@" | awk '$1 == "overall" {print $4}')
  if awk -v a="$actual" -v r="$recorded" 'BEGIN {exit !(a + 1.0 < r)}'; then
    echo "check-eval: $lang dev F1 $actual is more than 1 point below the recorded $recorded ($manifest)"
    status=1
  else
    echo "check-eval: $lang dev F1 $actual (recorded $recorded)"
  fi
}
check ar --slice 0.9..1 "$ner/anercorp_camel_ar/train.txt"
check en "$ner/conll2003_en/dev.txt"
exit $status
