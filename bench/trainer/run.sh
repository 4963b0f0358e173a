#!/usr/bin/env bash
# Builds StreamTune and runs the trainer benchmark. Arguments go to TrainerBench,
# e.g. ./run.sh --trials 24 --epoch-ms 50
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
mvn -B -q -f "$root/pom.xml" -pl bench/trainer -am install -DskipTests
mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
export STREAMTUNE_DATA_DIR="${STREAMTUNE_DATA_DIR:-$root/data}"
cd "$here"
exec java -cp "target/classes:$(cat target/classpath.txt)" io.streamtune.bench.TrainerBench "$@"
