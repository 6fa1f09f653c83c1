#!/usr/bin/env bash
# Governed call cost vs a bare MCP server (issue 11): builds Release, then runs — side by side in one run — a bare
# ModelContextProtocol `echo` server (bench/BareEcho) and connectors-mcp, and writes a markdown table with ratios
# (product / bare) and the issue's targets to bench/results/latest.md. docs/performance.md has a run and what each
# figure means. Not a test: nothing here asserts a timing.
#
#   bench/run.sh                     full run: 20 s warm-up + 10 s measured per window, 16 and 64 sessions (~10 min)
#   QUICK=1 bench/run.sh             smoke run: 3 s + 2 s, 5,000 calls for the RSS figure (~2 min)
#   WARMUP=30 MEASURE=10 SESSIONS="16" RSS_CALLS=100000 COLD_RUNS=7 MANY_WORKSPACES=10000 HUNG_CALLS=500 OUT=file bench/run.sh
#   BENCH_POSTGRES=postgres://USER:PASSWORD@HOST:PORT/postgres bench/run.sh
#                                    adds the scale-out table (issue 15): one instance on PostgreSQL, then three
#                                    `serve --http --stateless` instances behind nginx round robin (Debian's nginx, or
#                                    BENCH_NGINX=path), on a database the run creates and drops (the role needs CREATEDB);
#                                    `bash .ci/postgres/cluster.sh start /tmp/pg 55432` gives a throwaway cluster
#
# Needs the .NET SDK (global.json) on Linux (/proc is read for the servers' CPU time and RSS).
set -euo pipefail

export ROOT
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD="$ROOT/bench/.build"
export WORK
WORK=$(mktemp -d)
export OUT=${OUT:-$ROOT/bench/results/latest.md}
export BENCH_PIDFILE="$WORK/pids"
export COMMIT
# The product's code is src/: name the last commit that changed it, and say when the work tree differs from it.
COMMIT="src at $(git -C "$ROOT" log -1 --format=%h -- src)$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted changes'), HEAD $(git -C "$ROOT" rev-parse --short HEAD)"
DRIVER=""

cleanup() {
  # Every server the driver started is in the pid file; stop them and the driver, whatever way this script ends.
  if [[ -n "$DRIVER" ]] && kill -0 "$DRIVER" 2>/dev/null; then kill "$DRIVER" 2>/dev/null || true; fi
  if [[ -f "$BENCH_PIDFILE" ]]; then
    while read -r pid; do
      if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
    done < "$BENCH_PIDFILE"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build() { # PROJECT OUTPUT_DIR
  dotnet build -c Release "$ROOT/$1" -o "$BUILD/$2" > "$WORK/build-$2.log" 2>&1 || { cat "$WORK/build-$2.log"; exit 1; }
}
echo "building Release into $BUILD" >&2
# The product as it ships: published for the machine's runtime, so ReadyToRun (src/Connectors.Mcp/Connectors.Mcp.csproj);
# the bare server as the SDK's template builds it.
RID=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
dotnet publish -c Release -r "$RID" --self-contained false "$ROOT/src/Connectors.Mcp/Connectors.Mcp.csproj" -o "$BUILD/product" \
  > "$WORK/build-product.log" 2>&1 || { cat "$WORK/build-product.log"; exit 1; }
build bench/BareEcho/BareEcho.csproj bare
build bench/Load/Load.csproj load

export PRODUCT_DLL="$BUILD/product/connectors-mcp.dll"
export BARE_DLL="$BUILD/bare/bare-echo.dll"
mkdir -p "$(dirname "$OUT")"
export LOADAVG_START
LOADAVG_START=$(cut -d" " -f1-3 /proc/loadavg)
dotnet "$BUILD/load/bench-load.dll" &
DRIVER=$!
wait "$DRIVER"
DRIVER=""
echo "table written to $OUT" >&2
