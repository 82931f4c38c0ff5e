#!/usr/bin/env bash
# Reruns the 1,000,000-case benchmark of docs/benchmarks.md (issue 13): the scoped case list, Japanese search, filters,
# counts, statistics, dashboard, KPIs and inbox of the packaged incident-service against a real PostgreSQL holding
# 1,000,000 generated cases of 20 organisations. Not a test. The first run generates the data (a few minutes, about
# 3 GB under target/million-bench/postgres); later runs reuse it (delete that folder to generate afresh).
#   bench/run-million-bench.sh                        build if needed, then count=1000000 n=100
#   bench/run-million-bench.sh label=after n=200      results in target/million-bench/results-after.txt
#   bench/run-million-bench.sh count=100000 work=target/bench-100k
# Results: printed, and in target/million-bench/results-<label>.txt (the service's log in service.log beside it).
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
  bench/MillionBench.java "$@"
