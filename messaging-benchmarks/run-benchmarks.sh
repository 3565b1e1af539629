#!/usr/bin/env bash
# Runs oslo4j's benchmark comparisons and prints one line per run: a label, then the JSON the
# benchmark printed. Every line is also appended to target/benchmark-results/<date>.jsonl.
#
# Usage: messaging-benchmarks/run-benchmarks.sh [fake|rabbit|jmh|all]     (default: fake)
#
#   fake    greenio vs eventlet on fake:// (client and server in one JVM, no broker):
#           10,000 concurrent sleep_reactive(0.1) and sleep(0.1), echo throughput, and heap per
#           in-flight reactive call.
#   rabbit  through RabbitMQ, interleaved so that ratios compare like with like: echo (100-byte
#           value, concurrency 1/8/64) oslo4j vs Python oslo.messaging 14.0.3 (threading) vs the
#           mixed pairs vs Spring AMQP's AsyncRabbitTemplate vs the bare amqp-client (direct reply-to) vs
#           the bare amqp-client on oslo's own topology and flags (raw-oslo-baseline); then 10,000
#           concurrent sleep_reactive(0.1) / sleep(0.1), greenio vs eventlet. Servers in their own
#           processes (plus oslo4j in one JVM, as the baselines are). RABBIT_PARTS="echo sleep"
#           selects parts; ECHO_SECONDS (5), ECHO_WARMUP (3000), ECHO_PAYLOAD (100), PYTHON.
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
  if err=$(bench call --url "$rabbit_url" --topic "oslo4j_bench_probe_$$" --with-server --method echo --args '{"value": 1}' --timeout 10 \
      2>&1 >/dev/null); then
    return 0
  fi
  echo "Skipping the rabbit:// runs: $err" >&2
  return 1
}


# ---- rabbit mode -------------------------------------------------------------------------------
# Every comparison runs here, interleaved (one round = every contender at one concurrency, back to
# back), so that ratios within a round see the same load on a shared machine. Each line also gets
# the broker's CPU per request (beam.smp, over the whole run including warm-up) and, for a server
# in its own process, the server's: on two cores, throughput at high concurrency is set by how much
# CPU each round trip costs client + server + broker together.

python_cmd=${PYTHON:-/usr/bin/python3}
py_bench="$here/python/oslo_bench.py"
echo_payload=${ECHO_PAYLOAD:-100}
echo_seconds=${ECHO_SECONDS:-5}
echo_warmup=${ECHO_WARMUP:-3000}
run_id=$$

# cpu_ticks PID: user + system clock ticks of a process so far (0 if gone).
cpu_ticks() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  stat=${stat##*) }
  read -r -a fields <<< "$stat"
  echo $((fields[11] + fields[12]))
}
broker_pid=$(pgrep -o -x beam.smp || true)
ticks_per_s=$(getconf CLK_TCK)

# measured LABEL SERVER_PID COMMAND...: runs COMMAND (which prints one JSON line), and prints and
# records it with broker_cpu_us_per_req and server_cpu_us_per_req added (server: when SERVER_PID is
# not "-", with server_peak_threads). Per request = CPU during the whole command / (warm-up + measured requests).
measured() {
  local label=$1 spid=$2
  shift 2
  echo "# $label: $*" >&2
  local b0 s0=0 b1 s1=0 line
  b0=$(cpu_ticks "${broker_pid:-0}")
  [[ $spid != - ]] && s0=$(cpu_ticks "$spid")
  local tmp peak=0 now
  tmp=$(mktemp)
  "$@" > "$tmp" &
  local cmd_pid=$!
  # The server's peak thread count while the command runs (sampled every 0.1 s).
  while kill -0 "$cmd_pid" 2>/dev/null; do
    if [[ $spid != - ]]; then
      now=$(awk '/^Threads:/ {print $2}' "/proc/$spid/status" 2>/dev/null || echo 0)
      ((now > peak)) && peak=$now
    fi
    sleep 0.1
  done
  wait "$cmd_pid"
  line=$(cat "$tmp")
  rm -f "$tmp"
  b1=$(cpu_ticks "${broker_pid:-0}")
  [[ $spid != - ]] && s1=$(cpu_ticks "$spid")
  line=$(LINE="$line" B=$((b1 - b0)) S=$((s1 - s0)) PEAK=$peak HZ="$ticks_per_s" SP="$spid" "$python_cmd" -c '
import json, os
d = json.loads(os.environ["LINE"])
n = (d.get("calls") or 0) + (d.get("warmup_calls") or 0)
hz = float(os.environ["HZ"])
if n:
    d["broker_cpu_us_per_req"] = round(int(os.environ["B"]) / hz * 1e6 / n, 1)
    if os.environ["SP"] != "-":
        d["server_cpu_us_per_req"] = round(int(os.environ["S"]) / hz * 1e6 / n, 1)
        d["server_peak_threads"] = int(os.environ["PEAK"])
print(json.dumps(d, separators=(",", ":")))')
  printf '%-44s %s\n' "$label" "$line"
  printf '{"label":"%s","load_average":"%s","output":%s}\n' "$label" "$(cut -d' ' -f1-3 /proc/loadavg)" "$line" >> "$results"
}

# start_java_server EXECUTOR TOPIC: a benchmark server in its own JVM; sets java_server_pid.
java_server_pid=
python_server_pid=
start_java_server() {
  local out
  out=$(mktemp)
  "$java_cmd" "${java_opts[@]}" -jar "$jar" server --url "$rabbit_url" --topic "$2" --executor "$1" \
    --pool-size 64 > "$out" &
  java_server_pid=$!
  wait_ready "$java_server_pid" "$out" "Java $1 server"
}
start_python_server() {
  local out
  out=$(mktemp)
  "$python_cmd" "$py_bench" server --url "$rabbit_url" --topic "$1" --executor threading > "$out" &
  python_server_pid=$!
  wait_ready "$python_server_pid" "$out" "Python server"
}
wait_ready() {
  local pid=$1 out=$2 what=$3 waited=0
  until grep -q READY "$out"; do
    if ! kill -0 "$pid" 2>/dev/null || ((waited >= 300)); then
      echo "The $what did not start" >&2
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$out"
}
stop_pid() {
  if [[ -n "$1" ]]; then
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
stop_rabbit_servers() {
  stop_pid "$java_server_pid"
  java_server_pid=
  stop_pid "$python_server_pid"
  python_server_pid=
}

# 2a/2b: echo, 100-byte value, concurrency 1, 8, 64: oslo4j, Python oslo.messaging, the mixed
# pairs, Spring AMQP's AsyncRabbitTemplate and the bare amqp-client.
rabbit_echo() {
  local jtopic="oslo4j_bench_echo_java_$run_id" ptopic="oslo4j_bench_echo_py_$run_id" c i
  start_java_server eventlet "$jtopic"
  start_python_server "$ptopic"
  local jc=(bench client --url "$rabbit_url" --method echo --payload "$echo_payload" --duration "$echo_seconds")
  local pc=("$python_cmd" "$py_bench" client --url "$rabbit_url" --method echo --payload "$echo_payload" \
    --duration "$echo_seconds")
  for ((i = 1; i <= repeat; i++)); do
    for c in 1 8 64; do
      measured "echo c$c oslo4j java->java" "$java_server_pid" "${jc[@]}" --topic "$jtopic" --concurrency "$c" \
        --warmup "$echo_warmup"
      measured "echo c$c oslo4j java->java (1 JVM)" - "${jc[@]}" --topic "${jtopic}_inproc" --with-server \
        --executor eventlet --concurrency "$c" --warmup "$echo_warmup"
      measured "echo c$c python->python (threading)" "$python_server_pid" "${pc[@]}" --topic "$ptopic" \
        --concurrency "$c" --warmup 500
      measured "echo c$c python->java" "$java_server_pid" "${pc[@]}" --topic "$jtopic" --concurrency "$c" \
        --warmup 500
      measured "echo c$c java->python" "$python_server_pid" "${jc[@]}" --topic "$ptopic" --concurrency "$c" \
        --warmup 500
      measured "echo c$c spring-amqp AsyncRabbitTemplate" - bench spring-amqp-baseline --amqp-uri "$amqp_uri" \
        --payload "$echo_payload" --concurrency "$c" --duration "$echo_seconds" --warmup "$echo_warmup"
      measured "echo c$c raw amqp-client" - bench raw-baseline --amqp-uri "$amqp_uri" --payload "$echo_payload" \
        --concurrency "$c" --duration "$echo_seconds" --warmup "$echo_warmup"
      measured "echo c$c raw oslo protocol" - bench raw-oslo-baseline --amqp-uri "$amqp_uri" \
        --payload "$echo_payload" --concurrency "$c" --duration "$echo_seconds" --warmup "$echo_warmup"
    done
  done
  stop_rabbit_servers
}

# 2c: 10,000 concurrent calls that each wait 0.1 s, greenio vs eventlet, server in its own JVM.
rabbit_sleep() {
  local executor topic i
  for executor in greenio eventlet; do
    topic="oslo4j_bench_sleep_${executor}_$run_id"
    start_java_server "$executor" "$topic"
    for ((i = 1; i <= repeat; i++)); do
      measured "sleep_reactive x10000 $executor" "$java_server_pid" bench client --url "$rabbit_url" --topic "$topic" \
        --executor "$executor" --method sleep_reactive --args "$sleep_args" --concurrency 10000 --calls 10000 \
        --warmup 1000
    done
    measured "sleep x10000 $executor" "$java_server_pid" bench client --url "$rabbit_url" --topic "$topic" \
      --executor "$executor" --method sleep --args "$sleep_args" --concurrency 10000 --calls 10000 --warmup 1000
    stop_rabbit_servers
  done
}

run_rabbit() {
  rabbit_available || return 0
  # The same broker as an amqp:// URI for the baselines (rabbit://u:p@h:port/ -> amqp://u:p@h:port/%2F).
  amqp_uri=${AMQP_URI:-$(sed -e 's|^rabbit://|amqp://|' -e 's|/$|/%2F|' <<< "$rabbit_url")}
  trap stop_rabbit_servers EXIT
  local part
  for part in ${RABBIT_PARTS:-echo sleep}; do
    "rabbit_$part"
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
