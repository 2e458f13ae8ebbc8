#!/usr/bin/env bash
# Measures Tollgate against nginx as a reverse proxy in front of the same nginx upstream, and
# Tollgate's telemetry overhead (the same runtime with and without --no-telemetry), in one run.
#
#   bench/proxy-bench.sh [--no-build]
#
# Layout on a machine with at least 2 CPUs:
#   CPU 1  the proxy under test: nginx with one worker, or the JVM with -XX:ActiveProcessorCount=1
#   CPU 0  wrk and the upstream nginx, which returns a small 200 response to every request
# Keep-alive is on from wrk to the proxy and from the proxy to the upstream; access logs are off.
# Each proxy gets a discarded warm-up, then the proxies are measured in turn, round after round,
# so that a change in background load hits them alike. Each run reports requests/s and the CPU
# time the proxy process used per request, which background load changes much less. Every server listens on 127.0.0.1 only,
# runs from a temporary directory with its own config, and is stopped on exit.
#
# Settings (environment): BENCH_RUNS (3), BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (15),
# BENCH_CONNECTIONS (50), BENCH_JAVA_OPTS (-Xms512m -Xmx512m), BENCH_JAR (the jar to measure;
# gateway-runtime/target/tollgate.jar, which the build step writes).
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/jdk-env.sh
tollgate_use_jdk25

runs="${BENCH_RUNS:-3}"
seconds="${BENCH_SECONDS:-20}"
warmup_seconds="${BENCH_WARMUP_SECONDS:-15}"
connections="${BENCH_CONNECTIONS:-50}"
java_opts="${BENCH_JAVA_OPTS:--Xms512m -Xmx512m}"
jar="${BENCH_JAR:-gateway-runtime/target/tollgate.jar}"

build=true
for argument in "$@"; do
  case "$argument" in
    --no-build) build=false ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "error: unknown argument $argument; usage: bench/proxy-bench.sh [--no-build]" >&2; exit 2 ;;
  esac
done

for tool in nginx wrk taskset curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: $tool not found; install it with: apt-get install nginx-light wrk util-linux curl" >&2
    exit 1
  fi
done
if [[ "$(nproc)" -lt 2 ]]; then
  echo "error: the benchmark pins the proxy to CPU 1 and the load to CPU 0, so it needs 2 CPUs; nproc is $(nproc)" >&2
  exit 1
fi

if [[ "$build" == true ]]; then
  echo "Building $jar ..."
  ./mvnw -B -q -DskipTests -pl gateway-runtime -am package
fi
if [[ ! -f "$jar" ]]; then
  echo "error: $jar is missing; run without --no-build" >&2
  exit 1
fi

work="$(mktemp -d /tmp/tollgate-bench.XXXXXX)"
# nginx workers run as an unprivileged user when started by root and must reach their temp paths.
chmod 755 "$work"
started_pids=()

stop_started() {
  local pid
  for pid in "${started_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop_started EXIT

# Prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "error: found no free port on 127.0.0.1" >&2
  return 1
}

# Waits up to 60 s until http://127.0.0.1:$1/ returns 200.
await_http() {
  local port="$1" name="$2"
  for _ in $(seq 1 600); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)" == 200 ]]; then
      return 0
    fi
    sleep 0.1
  done
  echo "error: $name on port $port did not return 200 within 60 s; its log:" >&2
  cat "$work/$name.log" >&2 || true
  exit 1
}

# Writes an nginx config for $1 (a name) into $work/$1/nginx.conf; $2 is the http block's body.
write_nginx_config() {
  local name="$1" http_body="$2" dir="$work/$1"
  mkdir -p "$dir/tmp"
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
$http_body
}
CONF
}

# Starts nginx named $1 pinned to CPU $2.
start_nginx() {
  local name="$1" cpu="$2"
  taskset -c "$cpu" nginx -p "$work/$name" -e "$work/$name/error.log" -c "$work/$name/nginx.conf" \
    > "$work/$name.log" 2>&1 &
  started_pids+=("$!")
}

# Starts Tollgate named $1 on proxy port $2 and admin port $3, pinned to CPU 1; $4 adds options.
start_tollgate() {
  local name="$1" port="$2" admin_port="$3" extra="${4:-}"
  mkdir -p "$work/$name/data"
  # A supplied bootstrap token (at least 32 characters) keeps the runtime from printing a
  # generated one.
  local token
  token="$(head -c 33 /dev/urandom | base64 | tr '+/' '-_')"
  # shellcheck disable=SC2086
  TOLLGATE_ADMIN_TOKEN="$token" taskset -c 1 "$JAVA_HOME/bin/java" \
    -XX:ActiveProcessorCount=1 $java_opts -jar "$jar" run \
    --config "$work/tollgate.yaml" --data-dir "$work/$name/data" \
    --bind 127.0.0.1 --port "$port" --admin-port "$admin_port" --access-log off $extra \
    > "$work/$name.log" 2>&1 &
  started_pids+=("$!")
}

# Prints the CPU time, in clock ticks, that process $1 and its child processes have used so far.
cpu_ticks() {
  local total=0 pid fields
  for pid in "$1" $(pgrep -P "$1" || true); do
    # Fields 14 and 15 of /proc/PID/stat are user and system time. Splitting on spaces is safe
    # because the command names here (nginx, java) contain none.
    read -r -a fields < "/proc/$pid/stat"
    total=$((total + fields[13] + fields[14]))
  done
  echo "$total"
}

# Runs wrk on CPU 0 against port $1 for $2 seconds. Prints requests per second and the CPU time
# per request, in microseconds, of the proxy process $3 (its worker processes included).
# Background load lowers the first figure much more than the second.
measure() {
  local port="$1" duration="$2" pid="$3" output ticks_before ticks_after requests
  ticks_before="$(cpu_ticks "$pid")"
  output="$(taskset -c 0 wrk -t1 -c"$connections" -d"${duration}s" "http://127.0.0.1:$port/")"
  ticks_after="$(cpu_ticks "$pid")"
  if grep -q 'Non-2xx' <<<"$output"; then
    echo "error: responses other than 2xx on port $port:" >&2
    echo "$output" >&2
    exit 1
  fi
  requests="$(awk '/ requests in / { print $1 }' <<<"$output")"
  awk -v rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$output")" -v ticks=$((ticks_after - ticks_before)) \
    -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%s %.1f\n", rps, ticks * 1e6 / hz / n }'
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

upstream_port="$(free_port)"
write_nginx_config upstream "  server {
    listen 127.0.0.1:$upstream_port;
    location / { default_type text/plain; return 200 \"hello from the upstream\\n\"; }
  }"
start_nginx upstream 0
await_http "$upstream_port" upstream

nginx_port="$(free_port)"
write_nginx_config nginx-proxy "  upstream backend {
    server 127.0.0.1:$upstream_port;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"
start_nginx nginx-proxy 1
nginx_pid="${started_pids[-1]}"
await_http "$nginx_port" nginx-proxy

cat > "$work/tollgate.yaml" <<YAML
upstreams:
  - id: bench
    targets:
      - url: http://127.0.0.1:$upstream_port
routes:
  - id: all
    match: { paths: ["/**"] }
    upstream: bench
YAML

tollgate_port="$(free_port)"
start_tollgate tollgate "$tollgate_port" "$(free_port)"
tollgate_pid="${started_pids[-1]}"
await_http "$tollgate_port" tollgate
quiet_port="$(free_port)"
start_tollgate tollgate-no-telemetry "$quiet_port" "$(free_port)" --no-telemetry
quiet_pid="${started_pids[-1]}"
await_http "$quiet_port" tollgate-no-telemetry

names=(nginx tollgate tollgate-no-telemetry)
ports=("$nginx_port" "$tollgate_port" "$quiet_port")
pids=("$nginx_pid" "$tollgate_pid" "$quiet_pid")

echo "Warming up: nginx 5 s, each Tollgate ${warmup_seconds} s (discarded)"
measure "$nginx_port" 5 "$nginx_pid" >/dev/null
measure "$tollgate_port" "$warmup_seconds" "$tollgate_pid" >/dev/null
measure "$quiet_port" "$warmup_seconds" "$quiet_pid" >/dev/null

declare -A results cpu_results
for round in $(seq 1 "$runs"); do
  for i in "${!names[@]}"; do
    line="$(measure "${ports[$i]}" "$seconds" "${pids[$i]}")"
    rps="${line% *}"
    cpu_us="${line#* }"
    results[${names[$i]}]+="$rps "
    cpu_results[${names[$i]}]+="$cpu_us "
    printf 'round %d  %-22s %10s requests/s %8s µs CPU/request\n' "$round" "${names[$i]}" "$rps" "$cpu_us"
  done
done

median_of() {
  tr ' ' '\n' <<<"$1" | grep . | median
}
nginx_median="$(median_of "${results[nginx]}")"
tollgate_median="$(median_of "${results[tollgate]}")"
quiet_median="$(median_of "${results[tollgate-no-telemetry]}")"
nginx_cpu="$(median_of "${cpu_results[nginx]}")"
tollgate_cpu="$(median_of "${cpu_results[tollgate]}")"
quiet_cpu="$(median_of "${cpu_results[tollgate-no-telemetry]}")"

echo
echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "wrk: 1 thread, $connections connections, ${seconds} s per run, $runs runs; median of the runs"
# shellcheck disable=SC2086
collector="$("$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 $java_opts -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '$2 ~ /^Use[A-Za-z]+GC$/ && $2 != "UseMaximumCompactionOnSystemGC" && $4 == "true" { print $2 }')"
echo "JVM: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), -XX:ActiveProcessorCount=1 $java_opts ($collector)"
echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //')"
echo
printf '| proxy | runs (requests/s) | median requests/s | runs (µs CPU/request) | median µs CPU/request |\n'
printf '|---|---|---|---|---|\n'
printf '| nginx | %s | %s | %s | %s |\n' "${results[nginx]% }" "$nginx_median" "${cpu_results[nginx]% }" "$nginx_cpu"
printf '| Tollgate | %s | %s | %s | %s |\n' "${results[tollgate]% }" "$tollgate_median" \
  "${cpu_results[tollgate]% }" "$tollgate_cpu"
printf '| Tollgate --no-telemetry | %s | %s | %s | %s |\n' "${results[tollgate-no-telemetry]% }" "$quiet_median" \
  "${cpu_results[tollgate-no-telemetry]% }" "$quiet_cpu"
echo
awk -v t="$tollgate_median" -v n="$nginx_median" 'BEGIN { printf "Tollgate / nginx: %.2fx (requests/s)\n", t / n }'
# CPU time per request is steadier than requests/s when other processes share the proxy's CPU.
awk -v t="$tollgate_cpu" -v n="$nginx_cpu" 'BEGIN { printf "Tollgate / nginx: %.2fx (by CPU time per request, nginx / Tollgate)\n", n / t }'
awk -v t="$tollgate_median" -v q="$quiet_median" \
  'BEGIN { printf "Telemetry overhead: %.1f%% (1 - with / without telemetry)\n", (1 - t / q) * 100 }'
