#!/usr/bin/env bash
# Builds StreamTune and runs the field latency benchmark: monitors as processes of their own, in
# five scenarios. Arguments go to FieldLatencyBench, e.g. ./field.sh --probes 100 --scenarios first,steady
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
mvn -B -q -f "$root/pom.xml" -pl bench/monitor -am install -DskipTests
mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
cd "$here"
exec java -cp "target/classes:$(cat target/classpath.txt)" io.streamtune.bench.FieldLatencyBench \
  --jar "$root/app/target/streamtune.jar" "$@"
