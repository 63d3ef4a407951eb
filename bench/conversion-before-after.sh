#!/usr/bin/env bash
# The conversion benchmark on the original capture code (commit 38b9f48, before the optimisations) and on this
# tree, back to back under the same load: the same JMH benchmark classes, only the connector's classes differ.
# Usage: bench/conversion-before-after.sh [extra JMH args...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench-conversion test-compile
mvn -B -q -Pbench-conversion dependency:build-classpath -Dmdep.outputFile=target/bench/cp-jmh.txt -Dmdep.includeScope=test >/dev/null
rm -rf target/bench/orig && mkdir -p target/bench/orig
git archive 38b9f48 src/main/java | tar -x -C target/bench/orig
mkdir -p target/bench/orig/classes
javac -nowarn -d target/bench/orig/classes -cp "$(cat target/bench/cp-jmh.txt)" $(find target/bench/orig/src/main/java -name '*.java')
cp -r target/classes/META-INF target/classes/*.properties target/bench/orig/classes/ 2>/dev/null || true
for side in before after; do
  classes=target/classes
  [ "$side" = before ] && classes=target/bench/orig/classes
  java -cp "target/test-classes:$classes:$(cat target/bench/cp-jmh.txt)" -Dlog4j2.configurationFile=log4j2-demo.properties \
      org.openjdk.jmh.Main ConversionBenchmark -p valueFormat=struct -rf json -rff "target/bench/conversion-$side.json" "$@" \
      | grep -E '^(Benchmark|ConversionBenchmark)'
done
