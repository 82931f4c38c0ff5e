#!/usr/bin/env bash
# Before/after of the timer benchmark in one run (docs/benchmarks.md, timers): the packaged services (two or more
# "sides") take turns, A B A B …, each run alone on the machine with its own PostgreSQL and Kafka on free ports, so
# all see the same neighbours over the same stretch of time.
#   bench/run-timer-ab.sh /tmp/before/quarkus-app target/quarkus-app rounds=2 count=20000 window=20 idle=15 settle=20
# A side is a quarkus-app folder (or its quarkus-run.jar), with settings of its own after commas:
#   target/quarkus-app,env.HORENSO_ESCALATION_TIMER_WORKERS=1
# Every other argument goes to bench/TimerBench.java as it is. Results: target/bench-ab/<time>/<side>-<round>/results.txt
# and a summary printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 2 ]]; then
  sed -n 2,9p "$0"
  exit 2
fi
sides=()
rounds=2
args=()
for arg in "$@"; do
  case "$arg" in
    rounds=*) rounds="${arg#rounds=}" ;;
    *) if [[ -e "${arg%%,*}" ]]; then sides+=("$arg"); else args+=("$arg"); fi ;;
  esac
done
if [[ ! -d ../local-stack/target/lib ]]; then
  (cd ../local-stack && ../mvnw -q -B -DskipTests package)
fi
out="target/bench-ab/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
labels=(A B C D E F G H)
for ((round = 1; round <= rounds; round++)); do
  for ((i = 0; i < ${#sides[@]}; i++)); do
    IFS=',' read -r -a side <<< "${sides[$i]}"
    app="${side[0]}"
    [[ -f "$app" ]] && app="$(dirname "$app")"
    work="$out/${labels[$i]}-$round"
    echo "== ${labels[$i]} round $round: $app ${side[*]:1} ($(cut -d' ' -f1-3 /proc/loadavg))"
    java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
      -cp "../local-stack/target/classes:../local-stack/target/lib/*" \
      bench/TimerBench.java "jar=$app/quarkus-run.jar" "work=$work" "${args[@]}" "${side[@]:1}" \
      > "$out/${labels[$i]}-$round.log" 2>&1 || echo "   (failed: see $out/${labels[$i]}-$round.log)"
    mkdir -p "$work"
    cp "$out/${labels[$i]}-$round.log" "$work/bench.log" 2>/dev/null || true
  done
done
echo
for ((i = 0; i < ${#sides[@]}; i++)); do
  echo "${labels[$i]} = ${sides[$i]}"
done
for ((round = 1; round <= rounds; round++)); do
  for ((i = 0; i < ${#sides[@]}; i++)); do
    echo "-- ${labels[$i]} round $round"
    sed 's/^/  /' "$out/${labels[$i]}-$round/results.txt" 2>/dev/null || echo "  (no results)"
  done
done
