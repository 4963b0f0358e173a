#!/usr/bin/env bash
# Builds StreamTune and runs the decision-latency benchmark. Arguments go to DecisionLatencyBench,
# e.g. ./run.sh --trials 300 --commit-intervals 10,20,50
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
mvn -B -q -f "$root/pom.xml" -pl bench/monitor -am install -DskipTests
mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
cd "$here"
exec java -cp "target/classes:$(cat target/classpath.txt)" io.streamtune.bench.DecisionLatencyBench "$@"
