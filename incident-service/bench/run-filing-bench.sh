#!/usr/bin/env bash
# Reruns the filing-throughput benchmark of docs/benchmarks.md (issue 13): the raw 8-client PostgreSQL INSERT rate and
# 8 connections filing reports (POST /api/incidents) against the packaged incident-service, in one run, then checks
# every filed case (number gapless, timeline, outbox, Kafka exactly once). Not a test. About 2 minutes per tree.
#   bench/run-filing-bench.sh                              this tree (built if needed)
#   bench/run-filing-bench.sh /tmp/filing-before .. labels=before,after      two trees, one after the other
#   bench/run-filing-bench.sh seconds=60 jfr=true          longer; a JFR recording of the measurement
# Results: printed, and in target/filing-bench/results.txt (each tree's service.log and results beside it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/quarkus-app/quarkus-run.jar ]]; then
  (cd .. && ./mvnw -q -B -o -pl incident-service -am package -DskipTests)
fi
classes=target/filing-bench-classes
cp="../local-stack/target/classes:../local-stack/target/lib/*"
mkdir -p "$classes"
javac -d "$classes" -cp "$cp" bench/BenchKit.java bench/FilingBench.java 2>&1 | grep -v '^Note:' || true
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$classes:$cp" FilingBench "$@"
