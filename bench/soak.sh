#!/usr/bin/env bash
# The soak (issue 14; results in docs/reliability.md, figure docs/soak.png): the whole local stack on FREE ports,
# reports filed as staff1 at a steady rate (Poisson arrivals) for a long time, sampling every part's memory (RSS of
# each JVM, heap after GC from /q/metrics, PostgreSQL's PSS sum, the JVM running Kafka) and, per window, the latency
# report → section chief's mail accepted by SMTP (p50/p99). Afterwards correctness (every report's chain reached the
# chief, exactly one chief mail each, no DLQ record) and flatness (least-squares slope over the last --judge minutes
# within the printed bounds), a PNG of both, and RESULT OK or RESULT FAILED.
#
#   bench/soak.sh [options]
#     --minutes M     minutes of filing (default 30)
#     --rate R        reports per second, mean of Poisson arrivals (default 5: half the ~10-12/s the whole stack
#                     sustains on 2 cores, docs/benchmarks.md)
#     --sample S      seconds between samples, and the latency windows' width (default 30)
#     --judge J       minutes at the end over which flatness is judged (default 20)
#     --immediate D   what 直ちに means, every hop's deadline (default PT2H: no deadline passes during the soak, so the
#                     load is the steady filing → chain → mail pipeline from the first minute; the policy's PT15M
#                     steps the mail work up at minute 15, inside the judged span, and PT2M times every chain out to
#                     its end, several times the work per case; time-outs are measured by the timer benchmark and the
#                     chaos run)
#     --tree DIR      the checked-out tree whose built stack runs (default: this one); e.g. a copy, so that
#                     rebuilding this one meanwhile cannot touch the running jars
#     --build         ./mvnw package the services and the local stack first, even when their jars are there
#     --out DIR       figures, samples, soak.png and logs (default /tmp/horenso-soak-<time>)
#     --keep-data     keep the scratch data folder
# Exit code: 0 when correct and flat, 1 when not, 2 when the run could not be made.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
tree="$(cd "$here/.." && pwd)"
minutes=30 rate=5 sample=30 judge=20 immediate=PT2H build=false keep=false
out="/tmp/horenso-soak-$(date -u +%Y%m%dT%H%M%SZ)"
while (($#)); do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --sample) sample="$2"; shift 2 ;;
    --judge) judge="$2"; shift 2 ;;
    --immediate) immediate="$2"; shift 2 ;;
    --tree) tree="$(cd "$2" && pwd)"; shift 2 ;;
    --build) build=true; shift ;;
    --out) out="$2"; shift 2 ;;
    --keep-data) keep=true; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"

built() {
  local d
  for d in classes lib keycloak; do [[ -d "$tree/local-stack/target/$d" ]] || return 1; done
  for s in incident-service escalation-service notification-service; do
    [[ -f "$tree/$s/target/quarkus-app/quarkus-run.jar" ]] || return 1
  done
}
if $build || ! built; then
  echo "[soak] building: ./mvnw -B -q -DskipTests package (services and local stack) …"
  (cd "$tree" && ./mvnw -B -q -DskipTests package \
    -pl local-stack,incident-service,escalation-service,notification-service -am)
fi

data="$(mktemp -d /tmp/horenso-soak-data.XXXXXX)"
soak_pid=""
stop() {
  [[ -n "$soak_pid" ]] && kill -TERM "$soak_pid" 2>/dev/null && wait "$soak_pid" 2>/dev/null
  exit 130
}
trap stop INT TERM
set +e
java -Djava.awt.headless=true -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$tree/local-stack/target/classes:$tree/local-stack/target/lib/*" "$here/Soak.java" \
  tree="$tree" data="$data" out="$out" minutes="$minutes" rate="$rate" sample="$sample" judge="$judge" \
  immediate="$immediate" \
  > >(tee "$out/soak.log") 2>&1 &
soak_pid=$!
wait "$soak_pid"
rc=$?
soak_pid=""
set -e
[[ -d "$data/logs" ]] && cp -r "$data/logs" "$out/logs"
if $keep; then echo "[soak] data kept in $data"; else rm -rf "$data"; fi
echo "[soak] figures: $out/figures.txt; plot: $out/soak.png; samples: $out/samples.tsv, $out/windows.tsv;" \
  "log: $out/soak.log (exit code $rc)"
exit $rc
