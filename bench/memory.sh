#!/usr/bin/env bash
# Memory and start-up of the three services (issue 13; docs/benchmarks.md, "Memory and start-up"): configurations
# compared in ONE run. One PostgreSQL + Kafka + mail catcher of local-stack on FREE ports, an OpenID provider of one
# key instead of Keycloak; per round and configuration (order alternating): the three services launched side by side
# (launch → /q/health/ready), reports filed as staff1 at a steady rate so that all three work, VmRSS/VmHWM under load,
# jcmd VM.native_memory summary (-XX:NativeMemoryTracking=summary), then each service restarted alone. Ends with the
# check that every report got exactly one mail to the section chief.
#
#   bench/memory.sh [options] [LABEL=TREE …]       e.g. bench/memory.sh before=/tmp/mem-before after=.
#   bench/memory.sh --class-data A packaged --class-data B trained A=. B=.   (start-up with each archive, one tree)
#     LABEL=TREE        a configuration: a checked-out tree with its services packaged (default: this one, "this")
#     --java LABEL DIR  the JDK that configuration's services run on (default: HORENSO_SERVICE_JAVA_HOME, else the
#                       benchmark's own java), e.g. --java B /usr/lib/jvm/temurin-25-jdk-amd64
#     --extra LABEL "…" extra JVM options for that configuration (after jvm.options), e.g. --extra B "-Xss512k"
#                       (the same tree twice under two labels compares options without a rebuild)
#     --class-data LABEL packaged|trained
#                       the class-data archive that configuration's services start with: the build's app-cds.jsa, or
#                       the archive of a training run (made first, not counted, when none fits the build; local-stack
#                       ClassDataArchive). Default: as the local stack (the trained one when it fits, else app-cds.jsa)
#     --rounds N        rounds, each runs every configuration once (default 2)
#     --rate R          reports per second, Poisson (default 4)
#     --warmup S        seconds of load before measuring (default 20)
#     --duration S      measured seconds (default 60)
#     --no-nmt          without -XX:NativeMemoryTracking=summary (NMT's own cost is its "Native Memory Tracking" line)
#     --build           ./mvnw -o package (services and local stack) in every tree first
#     --out DIR         results.txt, nmt-*.txt, the services' logs (default /tmp/horenso-memory-<time>)
# Exit code: 0 when every report got exactly one section-chief mail; about 3 minutes per configuration and round.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds=2 rate=4 warmup=20 duration=60 nmt=true build=false
out="/tmp/horenso-memory-$(date -u +%Y%m%dT%H%M%SZ)"
labels=() args=()
while (($#)); do
  case "$1" in
    --extra) args+=("extra.$2=$3"); shift 3 ;;
    --class-data) args+=("cds.$2=$3"); shift 3 ;;
    --java) args+=("java.$2=$3"); shift 3 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --no-nmt) nmt=false; shift ;;
    --build) build=true; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *=*) labels+=("${1%%=*}"); args+=("tree.${1%%=*}=$(cd "${1#*=}" && pwd)"); shift ;;
    *) echo "unknown argument $1 (--help)" >&2; exit 2 ;;
  esac
done
if ((${#labels[@]} == 0)); then labels=(this); args+=("tree.this=$root"); fi
mkdir -p "$out"

for a in "${args[@]}"; do
  [[ "$a" == tree.* ]] || continue
  tree="${a#*=}"
  if $build || [[ ! -f "$tree/notification-service/target/quarkus-app/quarkus-run.jar" ]]; then
    echo "[memory] building $tree: ./mvnw -B -q -o -DskipTests package …"
    (cd "$tree" && ./mvnw -B -q -o -DskipTests package \
      -pl local-stack,incident-service,escalation-service,notification-service -am)
  fi
done

classes="$out/classes"
cp="$root/local-stack/target/classes:$root/local-stack/target/lib/*"
mkdir -p "$classes"
javac -d "$classes" -cp "$cp" "$root/incident-service/bench/BenchKit.java" "$here/Memory.java" 2>&1 \
  | grep -v '^Note:' || true
data="$(mktemp -d /tmp/horenso-memory-data.XXXXXX)"
bench_pid=""
stop() {
  [[ -n "$bench_pid" ]] && kill -TERM "$bench_pid" 2>/dev/null && wait "$bench_pid" 2>/dev/null
  rm -rf "$data"
  exit 130
}
trap stop INT TERM
set +e
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$classes:$cp" Memory \
  configs="$(IFS=,; echo "${labels[*]}")" "${args[@]}" rounds="$rounds" rate="$rate" warmup="$warmup" \
  duration="$duration" nmt="$nmt" data="$data" out="$out" > >(tee "$out/memory.log") 2>&1 &
bench_pid=$!
wait "$bench_pid"
rc=$?
set -e
rm -rf "$data"
echo "[memory] results: $out/results.txt; NMT summaries: $out/nmt-*.txt; logs: $out/logs (exit code $rc)"
exit $rc
