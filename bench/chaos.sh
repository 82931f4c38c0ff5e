#!/usr/bin/env bash
# The chaos run (issue 14; results in docs/reliability.md): the whole local stack with TWO instances of each service
# (same broker, same databases, same consumer groups) on free ports, reports filed as staff1 at a steady rate over
# both instances of incident-service, while at random (seeded, printed) moments each service instance is killed with
# kill -9 and started again, the Kafka broker is restarted and PostgreSQL is restarted. Afterwards one line per
# figure (reports filed/acknowledged, faults, lost, duplicate mails at the SMTP server, audit chains, DLQs, timers,
# event order, partitions shared) and RESULT OK or RESULT FAILED.
#
#   bench/chaos.sh [options]
#     --reports N     reports to file (default 1000)
#     --rate R        reports per second, steady (default 2)
#     --seed S        the fault schedule's seed (default: random, printed; pass it to rerun the same schedule)
#     --immediate D   what 直ちに means, every hop's deadline (default PT2M: every hop times out during the run)
#     --kills K       kill -9 of each of the six instances, K times (default 1)
#     --kafka K       broker restarts (default 2)
#     --postgres P    PostgreSQL restarts (default 2)
#     --build         ./mvnw package the services and the local stack first, even when their jars are there
#     --out DIR       figures and logs (default /tmp/horenso-chaos-<time>)
#     --keep-data     keep the scratch data folder
# Exit code: 0 when every check passed, 1 when one failed, 2 when the run could not be made.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
tree="$(cd "$here/.." && pwd)"
reports=1000 rate=2 seed="" immediate=PT2M kills=1 kafka=2 postgres=2 build=false keep=false
out="/tmp/horenso-chaos-$(date -u +%Y%m%dT%H%M%SZ)"
while (($#)); do
  case "$1" in
    --reports) reports="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --immediate) immediate="$2"; shift 2 ;;
    --kills) kills="$2"; shift 2 ;;
    --kafka) kafka="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
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
  echo "[chaos] building: ./mvnw -B -q -DskipTests package (services and local stack) …"
  (cd "$tree" && ./mvnw -B -q -DskipTests package \
    -pl local-stack,incident-service,escalation-service,notification-service -am)
fi

data="$(mktemp -d /tmp/horenso-chaos-data.XXXXXX)"
chaos_pid=""
stop() {
  [[ -n "$chaos_pid" ]] && kill -TERM "$chaos_pid" 2>/dev/null && wait "$chaos_pid" 2>/dev/null
  exit 130
}
trap stop INT TERM
args=(tree="$tree" data="$data" out="$out/figures.txt" reports="$reports" rate="$rate" immediate="$immediate"
  kills="$kills" kafka="$kafka" postgres="$postgres")
[[ -n "$seed" ]] && args+=(seed="$seed")
set +e
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$tree/local-stack/target/classes:$tree/local-stack/target/lib/*" "$here/Chaos.java" "${args[@]}" \
  > >(tee "$out/chaos.log") 2>&1 &
chaos_pid=$!
wait "$chaos_pid"
rc=$?
chaos_pid=""
set -e
[[ -d "$data/logs" ]] && cp -r "$data/logs" "$out/logs"
if $keep; then echo "[chaos] data kept in $data"; else rm -rf "$data"; fi
echo "[chaos] figures: $out/figures.txt; log: $out/chaos.log; service logs: $out/logs (exit code $rc)"
exit $rc
