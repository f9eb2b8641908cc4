# Shared by run.sh, test.sh and the scripts under scripts/ and temporal-dev/. Source it; don't run it.
# It finds the project root, a JDK ≥ 21 and Maven, and says clearly what is missing.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
TOOLS="$ROOT/.tools"
DATA="$ROOT/.data"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mError: %s\033[0m\n' "$*" >&2; exit 1; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; } # something accepts on loopback port $1

java_major() { # the feature version of the JDK at $1, or 0
  local version
  version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  echo "${version:-0}"
}

# Finds a JDK ≥ 21: JAVA_HOME if it is one, else the newest under $JVM_DIR (/usr/lib/jvm).
# Exports JAVA_HOME and puts its bin first on PATH.
find_jdk() {
  local jvms="${JVM_DIR:-/usr/lib/jvm}"
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]] && (($(java_major "$JAVA_HOME") >= 21)); then
    export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
    return
  fi
  local best="" best_major=0 candidate major
  for candidate in "$jvms"/*/; do
    candidate="${candidate%/}"
    [[ -x "$candidate/bin/javac" && ! -L "$candidate" ]] || continue
    major=$(java_major "$candidate")
    if ((major > best_major)); then best="$candidate" best_major=$major; fi
  done
  ((best_major >= 21)) || die "no JDK 21 or newer found (JAVA_HOME='${JAVA_HOME:-}', $jvms has: $(ls "$jvms" 2>/dev/null | tr '\n' ' ')).
       Install one (e.g. apt-get install openjdk-21-jdk-headless, or Temurin 21+) or point JAVA_HOME at it."
  export JAVA_HOME="$best" PATH="$best/bin:$PATH"
}

find_maven() {
  command -v mvn >/dev/null || die "Maven (mvn) is not on PATH: install it (apt-get install maven)."
  # JDK 24+ warns about sun.misc.Unsafe in Maven's own Guava; the flag is unknown before 23.
  if (($(java_major "$JAVA_HOME") >= 23)); then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

setup_build() { find_jdk; find_maven; }
