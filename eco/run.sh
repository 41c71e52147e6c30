#!/usr/bin/env bash
# Ecosystem check: fetch the pinned corpus (eco/fetch.sh, idempotent), build apimig, migrate every
# package and write eco/snapshot.tsv + eco/summary.tsv (or compare them with --check).
#
#   eco/run.sh                       full corpus: fetch, build (Release), run, write the snapshot
#   eco/run.sh --check               the same, changing nothing; exit 1 if a change differs from or
#                                    is missing in the snapshot, or is not reviewed as right
#   eco/run.sh --ci --check          only the packages tagged `# ci` (what the test suite runs)
#   eco/run.sh --package python3-patsy [--package …]
#   eco/run.sh --review-list [--rule GLOB] [--wrong]   unreviewed changes grouped by rule and pattern
#   eco/run.sh judge right|wrong "reason" --rule GLOB [--old RE] [--new RE] [--path GLOB] [--package P] [--all]
#   eco/run.sh stats                 the committed snapshot's figures
#
# Options of a run: --corpus DIR (default $ECO_CORPUS, else eco/.corpus), --apimig PATH (default
# $APIMIG; otherwise the Release CLI is built first), --jobs N, --no-fetch.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
case "${1:-}" in
  -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --review-list) shift; exec python3 "$here/ecocheck.py" review-list "$@" ;;
  review-list|judge|stats) exec python3 "$here/ecocheck.py" "$@" ;;
esac

corpus="${ECO_CORPUS:-$here/.corpus}"
apimig="${APIMIG:-}"
fetch=1
ci=()
packages=()
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus="$2"; shift 2 ;;
    --apimig) apimig="$2"; shift 2 ;;
    --no-fetch) fetch=0; shift ;;
    --ci) ci=(--ci); pass+=(--ci); shift ;;
    --package) packages+=("$2"); pass+=(--package "$2"); shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
if [ "$fetch" = 1 ]; then
  "$here/fetch.sh" --dest "$corpus" "${ci[@]}" "${packages[@]}"
fi
if [ -z "$apimig" ]; then
  echo "run.sh: building apimig (Release)" >&2
  dotnet build "$here/../src/ApiMigrator.Cli" -c Release -v q -nologo >&2
  apimig="$here/../src/ApiMigrator.Cli/bin/Release/net10.0/apimig"
fi
exec python3 "$here/ecocheck.py" run --corpus "$corpus" --apimig "$apimig" "${pass[@]}"
