#!/usr/bin/env bash
# Reruns the timer benchmark of docs/benchmarks.md: 100,000 pending hop timers in the packaged
# escalation-service against a real PostgreSQL and Kafka on loopback. Not a test: it takes about 5 minutes.
#   bench/run-timer-bench.sh                       build if needed, then count=100000 window=100 idle=60
#   bench/run-timer-bench.sh count=20000 window=20 idle=30
# Results: printed, and in target/bench/results.txt (the service's log in target/bench/service.log).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/quarkus-app/quarkus-run.jar ]]; then
  ../mvnw -q -B -DskipTests package
fi
if [[ ! -d ../local-stack/target/lib ]]; then
  (cd ../local-stack && ../mvnw -q -B -DskipTests package)
fi
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "../local-stack/target/classes:../local-stack/target/lib/*" \
  bench/TimerBench.java "$@"
