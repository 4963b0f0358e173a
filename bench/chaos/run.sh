#!/usr/bin/env bash
# Builds StreamTune and runs the chaos benchmark: one study on separate JVMs (broker, 2 suggesters,
# 3 trainers, 2 monitors), first undisturbed and then under kill -9s and a broker restart.
# Arguments go to ChaosBench, e.g. ./run.sh --kills 10 --trials 40 --seed 7
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
mvn -B -q -f "$root/pom.xml" -pl bench/chaos -am install -DskipTests
mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
cd "$here"
exec java -cp "target/classes:$(cat target/classpath.txt)" io.streamtune.bench.ChaosBench \
  --jar "$root/app/target/streamtune.jar" "$@"
