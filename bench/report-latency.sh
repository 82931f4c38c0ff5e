#!/usr/bin/env bash
# Report → section chief's mail, at low load, on the whole local stack, for one or more checked-out trees in turn
# (issue 11; docs/benchmarks.md). For each tree: build it if its jars are missing (or with --build), start its local
# stack in a scratch data folder, check that one report reaches the section chief, warm up, file reports as staff1
# at a mean rate, take each report's latency until its mail to chief1 was accepted by the mail catcher, stop
# everything. Then one line per figure per tree and the ratios of each later tree to the first.
#
#   bench/report-latency.sh [options] TREE [TREE …]      e.g. bench/report-latency.sh /tmp/before /tmp/after
#     TREE@JDK        that tree's services on the JDK in folder JDK (HORENSO_SERVICE_JAVA_HOME), e.g.
#                     bench/report-latency.sh . .@/usr/lib/jvm/temurin-25-jdk-amd64   (the same tree on two JDKs)
#     --rate N        reports per second on average (default 1)
#     --arrivals A    poisson (default: random gaps, the same for every tree) or fixed (exactly 1/N s apart)
#     --duration S    measured seconds (default 60)
#     --warmup S      warm-up seconds before measuring (default 20)
#     --idle S        seconds of idle CPU measured before the warm-up (default 10; 0 skips)
#     --watchers N    N people watching the console: open /events streams as csirt1 from before the idle on
#                     (default 0: nobody watches, and the console reads no event)
#     --build         run ./mvnw -B -q -DskipTests package in every tree first, even when its jars are there
#     --out DIR       where results and the stacks' logs go (default /tmp/horenso-bench-<time>)
#     --keep-data     keep each scratch data folder (PostgreSQL, Kafka) instead of deleting it
# Exit code: 0 when every report of every tree got exactly one section-chief mail.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# The benchmark files every report as staff1, far above a person's filing limit (30 a minute, 429 beyond): lift it
# for the stack it starts (the services inherit this environment).
export HORENSO_FILING_RATE_LIMIT_MAX="${HORENSO_FILING_RATE_LIMIT_MAX:-1000000}"
rate=1 duration=60 warmup=20 idle=10 watchers=0 arrivals=poisson build=false keep=false
out="/tmp/horenso-bench-$(date -u +%Y%m%dT%H%M%SZ)"
trees=()
while (($#)); do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    --watchers) watchers="$2"; shift 2 ;;
    --arrivals) arrivals="$2"; shift 2 ;;
    --build) build=true; shift ;;
    --out) out="$2"; shift 2 ;;
    --keep-data) keep=true; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *@*) trees+=("$(cd "${1%%@*}" && pwd)@${1#*@}"); shift ;;
    *) trees+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
((${#trees[@]})) || { echo "usage: $0 [options] TREE [TREE …]   (--help)" >&2; exit 2; }
mkdir -p "$out"

bench_pid=""
stop_bench() {
  [[ -n "$bench_pid" ]] && kill -TERM "$bench_pid" 2>/dev/null && wait "$bench_pid" 2>/dev/null
  exit 130
}
trap stop_bench INT TERM

built() {
  local t="$1"
  local d
  for d in classes lib keycloak; do [[ -d "$t/local-stack/target/$d" ]] || return 1; done
  for s in incident-service escalation-service notification-service; do
    [[ -f "$t/$s/target/quarkus-app/quarkus-run.jar" ]] || return 1
  done
}

labels=()
described=()
status=0
for i in "${!trees[@]}"; do
  tree="${trees[$i]%%@*}"
  jdk=""
  [[ "${trees[$i]}" == *@* ]] && jdk="${trees[$i]#*@}"
  label="$(basename "$tree")"
  [[ -n "$jdk" ]] && label="$label-java$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")"
  for l in "${labels[@]}"; do [[ "$l" == "$label" ]] && label="$label-$((i + 1))"; done
  labels+=("$label")
  commit="$(git -C "$tree" rev-parse --short HEAD 2>/dev/null || echo '?')"
  described+=("$label = $tree (commit $commit)${jdk:+, services on $jdk}")
  echo "=== [$label] $tree (commit $commit)${jdk:+, services on $jdk} ==="
  if $build || ! built "$tree"; then
    echo "[bench] building $tree: ./mvnw -B -q -DskipTests package …"
    (cd "$tree" && ./mvnw -B -q -DskipTests package)
  fi
  data="$(mktemp -d /tmp/horenso-bench-data.XXXXXX)"
  set +e
  HORENSO_SERVICE_JAVA_HOME="${jdk:-${HORENSO_SERVICE_JAVA_HOME:-}}" \
    java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$tree/local-stack/target/classes:$tree/local-stack/target/lib/*" "$here/Bench.java" \
    tree="$tree" data="$data" out="$out/$label.tsv" rate="$rate" duration="$duration" warmup="$warmup" \
    idle="$idle" watchers="$watchers" arrivals="$arrivals" \
    clktck="$(getconf CLK_TCK)" > >(tee "$out/$label.log") 2>&1 &
  bench_pid=$!
  wait "$bench_pid"
  rc=$?
  bench_pid=""
  set -e
  [[ -d "$data/logs" ]] && cp -r "$data/logs" "$out/$label-logs"
  if $keep; then echo "[bench] data kept in $data"; else rm -rf "$data"; fi
  if ((rc != 0)); then
    echo "[bench] $label: exit code $rc (1 = a report without exactly one mail, 2 = could not measure)"
    status=1
  fi
done

echo
echo "=== results (rate $rate/s $arrivals, $duration s measured after $warmup s warm-up;" \
  "$(nproc) cores; $(date -u +%FT%TZ)) ==="
printf '%s\n' "${described[@]}"
for label in "${labels[@]}"; do
  [[ -f "$out/$label.tsv" ]] || continue
  awk -F'\t' -v l="$label" '{ printf "%-12s %-42s %10s %s\n", l, $1, $2, $3 }' "$out/$label.tsv"
done
if ((${#labels[@]} > 1)) && [[ -f "$out/${labels[0]}.tsv" ]]; then
  echo
  echo "=== ratios to ${labels[0]} ==="
  for label in "${labels[@]:1}"; do
    [[ -f "$out/$label.tsv" ]] || continue
    awk -F'\t' -v l="$label" -v b="${labels[0]}" '
      NR == FNR { base[$1] = $2; next }
      $1 != "check" && $1 != "window" && ($1 in base) && base[$1] + 0 != 0 && $2 ~ /^[0-9.]+$/ {
        printf "%-12s %-42s %8.2f  (%s / %s %s)\n", l "/" b, $1, $2 / base[$1], $2, base[$1], $3 }
    ' "$out/${labels[0]}.tsv" "$out/$label.tsv"
  done
fi
echo
echo "results and logs: $out"
exit $status
