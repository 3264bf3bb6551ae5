# Sourced by scripts and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer, or exits with a clear message.
# Order: an existing JAVA_HOME if it is 21+, then the JDK with the highest version under /usr/lib/jvm, then `java`
# on the PATH.

java_major() { # <java binary> -> major version number
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

select_java_21() {
  local candidate major
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for candidate in $(for jdk in /usr/lib/jvm/*/; do
                       [ -x "$jdk/bin/java" ] && echo "$(java_major "$jdk/bin/java") ${jdk%/}"
                     done | sort -rn | cut -d' ' -f2-); do
    candidates+=("$candidate")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "EventMart needs a JDK 21 or newer and found none (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm, PATH)." >&2
  echo "Install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
  exit 1
}

select_java_21
