#!/usr/bin/env bash
# Runs oslo4j's benchmark comparisons and prints one line per run: a label, then the JSON the
# benchmark printed. Every line is also appended to target/benchmark-results/<date>.jsonl.
#
# Usage: messaging-benchmarks/run-benchmarks.sh [fake|rabbit|jmh|all]     (default: fake)
#
#   fake    greenio vs eventlet on fake:// (client and server in one JVM, no broker):
#           10,000 concurrent sleep_reactive(0.1) and sleep(0.1), echo throughput, and heap per
#           in-flight reactive call.
#   rabbit  the same comparisons through RabbitMQ, server and client in separate JVMs. Needs the
#           rabbit:// driver (skipped with a message while this build has none) and a broker.
#   jmh     the JMH round-trip benchmark (a few minutes).
#
# Environment: RABBIT_URL (default rabbit://guest:guest@127.0.0.1:5672/), REPEAT (runs of each
# fast scenario, default 3), JAVA (default java), JAVA_OPTS (extra JVM options).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
jar="$here/target/messaging-benchmarks.jar"
mode=${1:-fake}
rabbit_url=${RABBIT_URL:-rabbit://guest:guest@127.0.0.1:5672/}
repeat=${REPEAT:-3}
java_cmd=${JAVA:-java}
read -r -a java_opts <<< "${JAVA_OPTS:-}"
results="$here/target/benchmark-results/$(date +%Y%m%d-%H%M%S).jsonl"

if [[ ! -f "$jar" ]]; then
  echo "Building $jar" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl messaging-core,messaging-benchmarks)
fi
mkdir -p "$(dirname "$results")"

bench() {
  "$java_cmd" "${java_opts[@]}" -jar "$jar" "$@"
}

# run LABEL ARGS...: one benchmark run, its JSON line labelled on stdout and in the results file.
run() {
  local label=$1
  shift
  echo "# $label: messaging-benchmarks $*" >&2
  local line
  line=$(bench "$@")
  printf '%-40s %s\n' "$label" "$line"
  printf '{"label":"%s","output":%s}\n' "$label" "$line" >> "$results"
}

sleep_args='{"seconds": 0.1}'

run_fake() {
  local url=fake:///benchmarks
  local i
  for ((i = 1; i <= repeat; i++)); do
    run "fake greenio sleep_reactive x10000" client --url "$url" --executor greenio --method sleep_reactive \
      --args "$sleep_args" --concurrency 10000 --calls 10000 --warmup 1000
  done
  # The same burst once the JIT has compiled the call path (two bursts of warm-up).
  for ((i = 1; i <= repeat; i++)); do
    run "fake greenio sleep_reactive x10000 warm" client --url "$url" --executor greenio --method sleep_reactive \
      --args "$sleep_args" --concurrency 10000 --calls 10000 --warmup 20000
  done
  # One run each: at 64 workers these take about 16 s.
  run "fake eventlet sleep x10000" client --url "$url" --executor eventlet --pool-size 64 --method sleep \
    --args "$sleep_args" --concurrency 10000 --calls 10000 --warmup 1000
  run "fake eventlet sleep_reactive x10000" client --url "$url" --executor eventlet --pool-size 64 \
    --method sleep_reactive --args "$sleep_args" --concurrency 10000 --calls 10000 --warmup 1000
  run "fake greenio sleep (blocking) x10000" client --url "$url" --executor greenio --pool-size 64 --method sleep \
    --args "$sleep_args" --concurrency 10000 --calls 10000 --warmup 1000
  for ((i = 1; i <= repeat; i++)); do
    run "fake eventlet echo 1KB c64 10s" client --url "$url" --executor eventlet --method echo --payload 1024 \
      --concurrency 64 --duration 10 --warmup 20000
    run "fake greenio echo_reactive 1KB c64 10s" client --url "$url" --executor greenio --method echo_reactive \
      --payload 1024 --concurrency 64 --duration 10 --warmup 20000
  done
  for ((i = 1; i <= repeat; i++)); do
    run "fake heap/in-flight call (client+server)" inflight-heap --executor greenio --calls 10000 --hold 8
    run "fake heap/in-flight cast (server only)" inflight-heap --executor greenio --calls 10000 --hold 8 --cast
  done
}

rabbit_available() {
  local err
  if err=$(bench call --url "$rabbit_url" --with-server --method echo --args '{"value": 1}' --timeout 10 \
      2>&1 >/dev/null); then
    return 0
  fi
  echo "Skipping the rabbit:// runs: $err" >&2
  return 1
}

# with_server EXECUTOR TOPIC COMMAND...: runs COMMAND while a benchmark server (own JVM) serves TOPIC.
with_server() {
  local executor=$1 topic=$2
  shift 2
  local out
  out=$(mktemp)
  # java itself in the background (not the bench function, which would fork a subshell): the
  # SIGTERM below must reach the JVM, or it outlives the script and holds its output open.
  "$java_cmd" "${java_opts[@]}" -jar "$jar" server --url "$rabbit_url" --topic "$topic" --executor "$executor" \
    --pool-size 64 > "$out" &
  server_pid=$!
  local waited=0
  until grep -q READY "$out"; do
    if ! kill -0 "$server_pid" 2>/dev/null || ((waited >= 300)); then
      echo "The $executor server did not start" >&2
      stop_server
      rm -f "$out"
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  local status=0
  "$@" || status=$?
  stop_server
  rm -f "$out"
  return $status
}

server_pid=
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

rabbit_runs() {
  local executor=$1 topic=$2 i
  for ((i = 1; i <= repeat; i++)); do
    run "rabbit $executor sleep_reactive x10000" client --url "$rabbit_url" --topic "$topic" --executor "$executor" \
      --method sleep_reactive --args "$sleep_args" --concurrency 10000 --calls 10000 --warmup 1000
    run "rabbit $executor echo 1KB c64 10s" client --url "$rabbit_url" --topic "$topic" --executor "$executor" \
      --method echo --payload 1024 --concurrency 64 --duration 10 --warmup 5000
  done
  run "rabbit $executor sleep x10000" client --url "$rabbit_url" --topic "$topic" --executor "$executor" \
    --method sleep --args "$sleep_args" --concurrency 10000 --calls 10000 --warmup 1000
}

run_rabbit() {
  rabbit_available || return 0
  local executor
  for executor in greenio eventlet; do
    with_server "$executor" "oslo4j_bench_$executor" rabbit_runs "$executor" "oslo4j_bench_$executor"
  done
}

run_jmh() {
  bench jmh RoundTrip -f 1 -wi 3 -w 2 -i 5 -r 2 -rf json -rff "$here/target/benchmark-results/jmh-round-trip.json"
}

echo "# $(uname -srm); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg); $("$java_cmd" -version 2>&1 | head -n 1)" >&2
case "$mode" in
  fake) run_fake ;;
  rabbit) run_rabbit ;;
  jmh) run_jmh ;;
  all) run_fake; run_rabbit; run_jmh ;;
  *) echo "usage: $0 [fake|rabbit|jmh|all]" >&2; exit 64 ;;
esac
echo "# results: $results" >&2
