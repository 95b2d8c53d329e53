#!/bin/sh
# Builds the exec agent into the module's classes (it ships inside the jar as a resource).
# Without a C compiler the build goes on without it: the host backend then spawns every command
# from Java, which works but costs a few milliseconds more per command.
set -u
src="$(dirname "$0")/hearth-agent.c"
out="$1/hearth-agent-linux-$(uname -m)"
cc="${CC:-}"
[ -n "$cc" ] || for c in cc gcc clang; do command -v "$c" >/dev/null 2>&1 && { cc="$c"; break; }; done
if [ -z "$cc" ]; then
  echo "hearth-agent: no C compiler found (cc, gcc, clang); building without the exec agent"
  exit 0
fi
mkdir -p "$1"
if [ -f "$out" ] && [ "$out" -nt "$src" ]; then exit 0; fi
flags="-std=c11 -O2 -s -Wall -Wextra -Werror"
# Static when the C library allows it, so the same file can later run in a minimal VM guest.
"$cc" $flags -static -o "$out.tmp" "$src" 2>/dev/null || "$cc" $flags -o "$out.tmp" "$src" || {
  echo "hearth-agent: compiling $src failed; building without the exec agent"; rm -f "$out.tmp"; exit 0; }
mv -f "$out.tmp" "$out"
