#!/usr/bin/env bash
# Builds libapimig_treesitter.so: the tree-sitter C core, the Python grammar and our flattening shim.
# Called by the engine's MSBuild target; also safe to run by hand. Idempotent: it does nothing when
# the library is newer than every input, so a rebuild does not recompile.
#
# The C sources are not vendored in this repository: they are the npm packages tree-sitter and
# tree-sitter-python at pinned versions, fetched with `npm pack` and checked against pinned SHA-256
# sums, so the build is reproducible and the code we ship is exactly what upstream released.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../artifacts/native}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
lib="$out/libapimig_treesitter.so"
src="$out/src"

TS_VERSION=0.25.0
TS_SHA256=016448ee8e2c23aed7e1155c118cd66cd026e6436f7394b3f3606d30bf9aaa4a
PY_VERSION=0.25.0
PY_SHA256=63b76b3fa8181fd79eaad4abcdb21e2babcb504dbfc7710a89934fa456d26096

if [ -f "$lib" ] && [ "$lib" -nt "$here/shim.c" ] && [ "$lib" -nt "$here/build.sh" ]; then
  exit 0
fi

cc="${CC:-}"
if [ -z "$cc" ]; then
  for c in gcc cc clang; do command -v "$c" >/dev/null 2>&1 && { cc="$c"; break; }; done
fi
if [ -z "$cc" ]; then
  echo "error APIMIG001: no C compiler found (tried \$CC, gcc, cc, clang). Install one, e.g. 'apt-get install gcc', then build again." >&2
  exit 1
fi

fetch() { # name version sha256 -> unpacked folder
  local name="$1" version="$2" sum="$3" dir="$src/$1-$2"
  if [ -d "$dir" ]; then return 0; fi
  command -v npm >/dev/null 2>&1 || { echo "error APIMIG002: npm is needed once to fetch $name@$version (the tree-sitter C sources)." >&2; exit 1; }
  mkdir -p "$src"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null) || { echo "error APIMIG003: 'npm pack $name@$version' failed (is the npm registry reachable?)" >&2; exit 1; }
  local tgz; tgz="$(ls "$tmp"/*.tgz)"
  local got; got="$(sha256sum "$tgz" | cut -c1-64)"
  if [ "$got" != "$sum" ]; then
    echo "error APIMIG004: $name@$version checksum mismatch (expected $sum, got $got)" >&2; exit 1
  fi
  mkdir -p "$tmp/x" && tar xzf "$tgz" -C "$tmp/x" && mv "$tmp/x/package" "$dir"
  rm -rf "$tmp"
}
fetch tree-sitter "$TS_VERSION" "$TS_SHA256"
fetch tree-sitter-python "$PY_VERSION" "$PY_SHA256"

core="$src/tree-sitter-$TS_VERSION/vendor/tree-sitter/lib"
gram="$src/tree-sitter-python-$PY_VERSION/src"
echo "apimig: compiling tree-sitter $TS_VERSION + tree-sitter-python $PY_VERSION with $cc" >&2
# The core (lib.c) is compiled inside shim.c, one translation unit, so the flatten inlines its calls (see shim.c).
# -fno-semantic-interposition: in a shared library the compiler must otherwise assume any exported function may be
# replaced at load time, so tree-sitter's calls between its own functions are neither inlined nor direct; with it the
# parse (and flatten) of the ecosystem corpus takes about 12% less CPU. (-O3, LTO and profile-guided builds gained
# nothing measurable.)
"$cc" -O2 -fno-semantic-interposition -shared -fPIC -std=c11 -D_DEFAULT_SOURCE -w \
  -I"$core/include" -I"$core/src" -I"$gram" \
  "$gram/parser.c" "$gram/scanner.c" "$here/shim.c" \
  -o "$lib.tmp"
mv "$lib.tmp" "$lib"
