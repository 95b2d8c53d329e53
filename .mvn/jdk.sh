# Sourced by ./mvnw, ./hearth and .ci/run (POSIX sh): choose a JDK 21 or newer.
# Order: JAVA_HOME if it is 21+, then `java` on PATH, then the newest 21+ under /usr/lib/jvm.
# Needed because some machines default to JDK 17, which cannot build a --release 21 project.

hearth_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

hearth_is_jdk21() {
  [ -x "$1/bin/java" ] || return 1
  _hearth_major="$(hearth_java_major "$1/bin/java")"
  [ -n "$_hearth_major" ] && [ "$_hearth_major" -ge 21 ]
}

# Prints the chosen JDK home, or fails.
hearth_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && hearth_is_jdk21 "$JAVA_HOME"; then
    printf '%s\n' "$JAVA_HOME"; return 0
  fi
  _hearth_java="$(command -v java 2>/dev/null || true)"
  if [ -n "$_hearth_java" ]; then
    _hearth_home="$(dirname "$(dirname "$(readlink -f "$_hearth_java")")")"
    if hearth_is_jdk21 "$_hearth_home"; then printf '%s\n' "$_hearth_home"; return 0; fi
  fi
  # mvnw runs with `set -f`; globbing is needed for this one listing.
  case "$-" in *f*) _hearth_noglob=1; set +f ;; *) _hearth_noglob=0 ;; esac
  _hearth_candidates="$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -r -V)"
  [ "$_hearth_noglob" = 1 ] && set -f
  for _hearth_home in $_hearth_candidates; do
    _hearth_home="${_hearth_home%/}"
    if hearth_is_jdk21 "$_hearth_home"; then printf '%s\n' "$_hearth_home"; return 0; fi
  done
  return 1
}

# Exports JAVA_HOME (and PATH) pointing at a JDK 21+, or explains and fails.
hearth_use_jdk21() {
  if [ -n "${JAVA_HOME:-}" ] && hearth_is_jdk21 "$JAVA_HOME"; then return 0; fi
  if _hearth_found="$(hearth_find_jdk)"; then
    JAVA_HOME="$_hearth_found"; export JAVA_HOME
    PATH="$JAVA_HOME/bin:$PATH"; export PATH
    return 0
  fi
  echo "Hearth needs a JDK 21 or newer (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)." >&2
  return 1
}
