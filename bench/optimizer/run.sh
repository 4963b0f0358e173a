#!/usr/bin/env bash
# Rebuilds the optimizer library and this benchmark, then runs it. Arguments go to OptimizerBench,
# e.g. ./run.sh --quality --seeds 10   or   ./run.sh --cost
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
mvn -B -q -f "$root/pom.xml" -pl bench/optimizer -am install -DskipTests
mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
cd "$here"
exec java -Xss4m -cp "target/classes:$(cat target/classpath.txt)" io.streamtune.bench.OptimizerBench "$@"
