# Shared by bin/jaxon and bin/test: the repository root and JDK 25.
JAXON_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

is_jdk25() {
    [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | head -n 1 | grep -q '"25[."]'
}

if [ -n "${JAVA_HOME:-}" ] && is_jdk25 "$JAVA_HOME"; then
    :
else
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/jdk-25*; do
        if is_jdk25 "$candidate"; then
            JAVA_HOME="$candidate"
            break
        fi
    done
    if [ -z "$JAVA_HOME" ]; then
        echo "jaxon: JDK 25 not found. Set JAVA_HOME to a JDK 25 (e.g. Temurin 25)." >&2
        exit 1
    fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

# The JVM flags of every Jaxon launch (bin/jaxon, bench/device): Truffle's optimizing runtime on a
# stock JDK (the Graal compiler jars on the upgrade module path) and the Vector API module for
# the SIMD kernels (jaxon.ops.Simd).
JAXON_JVM_FLAGS=(
    -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI
    --upgrade-module-path="$JAXON_HOME/language/target/compiler"
    --enable-native-access=org.graalvm.truffle,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
    --add-modules jdk.incubator.vector
    -Xss16m
)
JAXON_MODULE_PATH="$JAXON_HOME/launcher/target/modules:$JAXON_HOME/launcher/target/jaxon-launcher.jar"
