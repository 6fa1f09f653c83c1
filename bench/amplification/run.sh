#!/usr/bin/env bash
# Input amplification under load: N concurrent gmail_modify_labels calls, each with 700,000 duplicate label ids
# (about 2.8 MB, under the 4 MiB body limit), against a real `serve --http` process with two workspaces. Reports the
# server's resident memory (before, peak, after), each answer's size and time, and how a second workspace answered
# (list_connectors every 250 ms) meanwhile. Not a test: numbers depend on the machine; docs/performance.md has a run.
#
#   bench/amplification/run.sh [N ...]                  default: 8 16
#   SERVER_DLL=/path/connectors-mcp.dll bench/amplification/run.sh 8    another build (e.g. an older commit's)
#   ITEMS=200000 bench/amplification/run.sh 8                            another array length
#   ROUNDS=3 bench/amplification/run.sh 16                                the same burst 3 times in one process: does
#                                                                         memory keep growing, or is it reused?
#
# Needs bash, curl and the .NET SDK; without SERVER_DLL it builds src/Connectors.Mcp in Release first.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
ITEMS=${ITEMS:-700000}
ROUNDS=${ROUNDS:-1}
LEVELS=("${@:-8 16}")
read -r -a LEVELS <<< "${LEVELS[*]}"
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

DLL=${SERVER_DLL:-}
if [[ -z "$DLL" ]]; then
  dotnet build -c Release "$ROOT/src/Connectors.Mcp/Connectors.Mcp.csproj" -o "$WORK/bin" > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  DLL="$WORK/bin/connectors-mcp.dll"
fi

HOME_DIR="$WORK/home"
cli() { dotnet "$DLL" "$@" --home "$HOME_DIR"; }
for slug in acme globex; do
  cli workspace create "$slug" --plan enterprise > /dev/null
  cli connector add "$slug" gmail --name gmail > /dev/null
done
ACME_KEY=$(cli apikey create acme)
GLOBEX_KEY=$(cli apikey create globex)

post() { # KEY SESSION BODY_FILE OUT_FILE -> "http_code seconds bytes"
  local session_headers=()
  [[ -n "$2" ]] && session_headers=(-H "Mcp-Session-Id: $2" -H "MCP-Protocol-Version: 2025-11-25")
  curl -sS -o "$4" -w '%{http_code} %{time_total} %{size_download}\n' -X POST "$URL" \
    -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    "${session_headers[@]}" --data-binary "@$3"
}

open_session() { # KEY -> session id
  printf '%s' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' > "$WORK/init.json"
  local id
  id=$(curl -sS -D - -o /dev/null -X POST "$URL" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' --data-binary "@$WORK/init.json" | tr -d '\r' | awk -F': ' 'tolower($1)=="mcp-session-id"{print $2}')
  printf '%s' '{"jsonrpc":"2.0","method":"notifications/initialized"}' > "$WORK/initialized.json"
  post "$1" "$id" "$WORK/initialized.json" /dev/null > /dev/null
  printf '%s' "$id"
}

start_server() { # a fresh process per level, so each level starts from the same memory
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  PORT=$(( 20000 + RANDOM % 20000 ))
  URL="http://127.0.0.1:$PORT/mcp"
  dotnet "$DLL" serve --http --urls "http://127.0.0.1:$PORT" --home "$HOME_DIR" > "$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do
    grep -q "listening" "$WORK/server.log" 2>/dev/null && break
    sleep 0.2
  done
  ACME_SESSION=$(open_session "$ACME_KEY")
  GLOBEX_SESSION=$(open_session "$GLOBEX_KEY")
  post "$GLOBEX_KEY" "$GLOBEX_SESSION" "$WORK/probe.json" /dev/null > /dev/null
  post "$ACME_KEY" "$ACME_SESSION" "$WORK/probe.json" /dev/null > /dev/null
}

rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$PID/status"; }
hwm_kb() { awk '/^VmHWM/{print $2}' "/proc/$PID/status"; }
mb() { awk -v kb="$1" 'BEGIN{printf "%.0f", kb/1024}'; }

{
  printf '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"gmail_modify_labels","arguments":{"message_id":"m1","add_label_ids":['
  { yes '"A"' || true; } | head -n "$ITEMS" | paste -sd, - | tr -d '\n'
  printf ']}}}'
} > "$WORK/huge.json"
printf '%s' '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"list_connectors","arguments":{}}}' > "$WORK/probe.json"

echo "server: $DLL"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
echo "request: gmail_modify_labels with $ITEMS duplicate label ids, $(stat -c %s "$WORK/huge.json") bytes"
echo "GC: ${DOTNET_gcServer:+DOTNET_gcServer=$DOTNET_gcServer }(default: Server GC, as the Web SDK sets)"
for n in "${LEVELS[@]}"; do
  start_server
  sleep 2
  for round in $(seq 1 "$ROUNDS"); do
    before=$(rss_kb)
    : > "$WORK/rss.txt"; : > "$WORK/probes.txt"; rm -f "$WORK"/call.* "$WORK"/answer.*
    ( while kill -0 "$PID" 2>/dev/null; do rss_kb >> "$WORK/rss.txt"; sleep 0.1; done ) & sampler=$!
    ( while :; do post "$GLOBEX_KEY" "$GLOBEX_SESSION" "$WORK/probe.json" /dev/null >> "$WORK/probes.txt" || echo "000 0 0" >> "$WORK/probes.txt"; sleep 0.25; done ) & prober=$!
    start=$(date +%s.%N)
    callers=()
    for i in $(seq 1 "$n"); do
      ( post "$ACME_KEY" "$ACME_SESSION" "$WORK/huge.json" "$WORK/answer.$i" > "$WORK/call.$i" ) & callers+=($!)
    done
    wait "${callers[@]}"
    elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
    sleep 1
    kill "$prober" 2>/dev/null; wait "$prober" 2>/dev/null || true
    sleep 4
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    peak=$(sort -n "$WORK/rss.txt" | tail -1)
    after=$(rss_kb)
    answers=$(cat "$WORK"/call.* | awk '{c[$1]++} END{for (k in c) printf "%s%s x%d", (n++ ? ", " : ""), k, c[k]}')
    biggest=$(cat "$WORK"/call.* | awk '{print $3}' | sort -n | tail -1)
    slowest=$(cat "$WORK"/call.* | awk '{print $2}' | sort -n | tail -1)
    probes=$(grep -c . "$WORK/probes.txt" || true)
    probe_ok=$(grep -c '^200 ' "$WORK/probes.txt" || true)
    probe_max=$(awk 'NF{print $2}' "$WORK/probes.txt" | sort -n | tail -1)
    sample=$(head -c 300 "$WORK/answer.1" | tr '\n' ' ')
    echo
    echo "== $n concurrent calls (round $round of $ROUNDS)"
    echo "  all answered in ${elapsed} s; slowest ${slowest} s; HTTP status counts: ${answers}"
    echo "  biggest answer: ${biggest} bytes; first answer starts: ${sample}"
    echo "  server RSS: before $(mb "$before") MB, peak $(mb "$peak") MB (high-water mark $(mb "$(hwm_kb)") MB), 5 s after $(mb "$after") MB"
    echo "  other workspace (globex) list_connectors meanwhile: ${probe_ok}/${probes} answered 200, slowest ${probe_max:-n/a} s"
  done
done
