#!/usr/bin/env bash
# Fetch the ecosystem-check corpus: for each pinned `package=version` in eco/packages.txt,
# `apt-get download` the Debian .deb, unpack it with `dpkg-deb -x`, and keep only the
# *.py and *.ipynb files under usr/lib/python3/dist-packages in DEST/<package>/.
#
# Idempotent: a package whose DEST/<package>/.version already holds the pinned version is
# skipped; anything else is (re)fetched. The downloaded .deb's own Version field is checked
# against the pin, so a silently different build never enters the corpus.
#
# Usage: eco/fetch.sh [--dest DIR] [--packages FILE] [--ci] [PACKAGE...]
#   --dest DIR       where the corpus goes (default: $ECO_CORPUS, else eco/.corpus)
#   --packages FILE  the pin list (default: eco/packages.txt)
#   --ci             only the packages tagged `# ci` in the pin list
#   PACKAGE...       only these packages (names from the pin list)
# Needs: apt-get and dpkg-deb (Debian bookworm sources configured), network access.
# Exit codes: 0 ok, 1 a package failed, 2 usage error or apt unavailable.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="${ECO_CORPUS:-$here/.corpus}"
packages="$here/packages.txt"
ci=0
only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dest) dest="$2"; shift 2 ;;
    --packages) packages="$2"; shift 2 ;;
    --ci) ci=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fetch.sh: unknown option $1" >&2; exit 2 ;;
    *) only+=("$1"); shift ;;
  esac
done
for tool in apt-get dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || { echo "fetch.sh: '$tool' is not available" >&2; exit 2; }
done
[ -f "$packages" ] || { echo "fetch.sh: no pin list at $packages" >&2; exit 2; }
mkdir -p "$dest"

# name=version pairs from the pin list (comments, blank lines and the python>=X token dropped).
pins=$(sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' "$packages" |
  if [ "$ci" = 1 ]; then grep -E '#[[:space:]]*ci\b'; else cat; fi |
  sed -e 's/#.*//' | awk 'NF { print $1 }')

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"   # apt's _apt user must be able to write the download
failed=0
fetched=0
kept=0
for pin in $pins; do
  name="${pin%%=*}"
  version="${pin#*=}"
  if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qx "$name"; then continue; fi
  target="$dest/$name"
  if [ -f "$target/.version" ] && [ "$(cat "$target/.version")" = "$version" ]; then
    kept=$((kept + 1))
    continue
  fi
  echo "fetch.sh: $name=$version" >&2
  rm -rf "$work/deb" "$work/x"; mkdir -p "$work/deb" "$work/x"; chmod 777 "$work/deb"
  download() { (cd "$work/deb" && apt-get download -q "$name=$version" >/dev/null 2>"$work/err"); }
  # Missing or stale package lists (a fresh machine): refresh them once, as root, and try again.
  if ! download && [ "$(id -u)" = 0 ] && [ "${updated:-0}" = 0 ]; then
    echo "fetch.sh: apt-get download failed; running apt-get update once" >&2
    apt-get update -q >/dev/null 2>&1 || true
    updated=1
  fi
  if [ ! -s "$(ls "$work/deb"/*.deb 2>/dev/null | head -1)" ] && ! download; then
    echo "fetch.sh: apt-get download $name=$version failed:" >&2; grep -v '^W:' "$work/err" >&2 || true
    failed=$((failed + 1)); continue
  fi
  deb=$(ls "$work/deb"/*.deb)
  got=$(dpkg-deb -f "$deb" Version)
  if [ "$got" != "$version" ]; then
    echo "fetch.sh: $name: downloaded version $got, pinned $version" >&2
    failed=$((failed + 1)); continue
  fi
  dpkg-deb -x "$deb" "$work/x"
  src="$work/x/usr/lib/python3/dist-packages"
  if [ ! -d "$src" ]; then
    echo "fetch.sh: $name has no usr/lib/python3/dist-packages" >&2
    failed=$((failed + 1)); continue
  fi
  rm -rf "$target"; mkdir -p "$target"
  (cd "$src" && find . -type f \( -name '*.py' -o -name '*.ipynb' \) -exec cp --parents -t "$target" {} +)
  echo "$version" > "$target/.version"
  fetched=$((fetched + 1))
done
echo "fetch.sh: $fetched fetched, $kept already present, $failed failed → $dest" >&2
[ "$failed" -eq 0 ] || exit 1
