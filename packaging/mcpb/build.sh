#!/usr/bin/env bash
# Builds the Claude Desktop bundle (.mcpb) of connectors-mcp for one runtime identifier:
#
#   bash packaging/mcpb/build.sh RID [OUT]      e.g. linux-x64, win-x64, osx-arm64; OUT defaults to artifacts/mcpb
#
# 1. installs the pinned @anthropic-ai/mcpb (package-lock.json here) with Node 22 (npm ci, only when the lock changed)
# 2. dotnet publish src/Connectors.Mcp -c Release -r RID --self-contained, ReadyToRun, into OUT/RID/server
# 3. writes OUT/RID/manifest.json from manifest.template.json (version from the project, entry point, platform)
# 4. mcpb validate OUT/RID/manifest.json, then mcpb pack OUT/RID OUT/connectors-mcp-VERSION-RID.mcpb
#
# Node: $NODE if set, else .ci/.tools' Node 22 (installed by .ci/run), else `node` on PATH (must be 22 or later).
# Prints the bundle's path as its last line.
set -euo pipefail

readonly RID=${1:?usage: build.sh RID [OUT]   (RID: linux-x64, win-x64, osx-arm64, ...)}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly HERE
ROOT=$(cd "$HERE/../.." && pwd)
readonly ROOT
OUT=$(mkdir -p "${2:-$ROOT/artifacts/mcpb}" && cd "${2:-$ROOT/artifacts/mcpb}" && pwd)
readonly OUT
readonly PROJECT=$ROOT/src/Connectors.Mcp/Connectors.Mcp.csproj
readonly MCPB_CLI=$HERE/node_modules/@anthropic-ai/mcpb/dist/cli/cli.js

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

log() { printf 'mcpb: %s\n' "$*" >&2; }
fail() {
  printf 'mcpb: error: %s\n' "$*" >&2
  exit 1
}

case $RID in
  linux-* | win-* | osx-*) ;;
  *) fail "unsupported runtime identifier '$RID' (expected linux-*, win-* or osx-*)" ;;
esac

node=${NODE:-}
if [[ -z $node ]]; then
  node=$(ls -d "$ROOT"/.ci/.tools/node-v22.*/bin/node 2>/dev/null | tail -n 1 || true)
  [[ -n $node ]] || node=$(command -v node || true)
fi
[[ -n $node && -x $node ]] || fail "no Node found: set NODE, or run .ci/run once (it installs Node 22 into .ci/.tools)"
[[ $("$node" -p 'process.versions.node.split(".")[0]') -ge 22 ]] || fail "$node is Node $("$node" --version); need 22 or later"
export PATH=$(dirname "$node"):$PATH

# 1. The pinned mcpb CLI. The machine's npm, run by this Node (as .ci/run does for its npm projects).
stamp_file=$HERE/node_modules/.build-stamp
stamp="node=$("$node" --version) lock=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f $MCPB_CLI || ! -f $stamp_file || $(cat "$stamp_file") != "$stamp" ]]; then
  npm_cli=$(readlink -f "$(command -v npm)") || fail "npm not found (Debian: apt-get install npm)"
  log "installing the pinned @anthropic-ai/mcpb (npm ci)"
  (cd "$HERE" && "$node" "$npm_cli" ci --no-audit --no-fund >&2)
  printf '%s\n' "$stamp" >"$stamp_file"
fi
[[ -f $MCPB_CLI ]] || fail "the mcpb CLI is missing: $MCPB_CLI"

# 2. Self-contained (the user needs no .NET), ReadyToRun (faster start). The version is the project's own.
version=$(cd "$ROOT" && dotnet msbuild "$PROJECT" -getProperty:Version </dev/null)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || fail "could not read the project's Version (got '$version')"
readonly stage=$OUT/$RID
rm -rf "$stage"
mkdir -p "$stage"
log "publishing connectors-mcp $version for $RID into $stage/server"
started=$SECONDS
(cd "$ROOT" && dotnet publish "$PROJECT" -c Release -r "$RID" --self-contained \
  -p:PublishReadyToRun=true -o "$stage/server" </dev/null >&2) || fail "dotnet publish for $RID failed"
log "published in $((SECONDS - started))s"

# 3. The manifest for this platform.
"$node" "$HERE/render-manifest.mjs" "$version" "$RID" >"$stage/manifest.json"
entry_point=$("$node" -p 'require(process.argv[1]).server.entry_point' "$stage/manifest.json")
[[ -f $stage/$entry_point ]] || fail "the publish produced no $entry_point"

# 4. Validate, then pack (the zip keeps the executable's mode).
"$node" "$MCPB_CLI" validate "$stage/manifest.json" >&2 || fail "mcpb validate rejected $stage/manifest.json"
readonly bundle=$OUT/connectors-mcp-$version-$RID.mcpb
rm -f "$bundle"
"$node" "$MCPB_CLI" pack "$stage" "$bundle" >&2 || fail "mcpb pack failed"
[[ -f $bundle ]] || fail "mcpb pack produced no $bundle"
log "$bundle: $(du -h "$bundle" | cut -f1) ($(du -sh "$stage/server" | cut -f1) unpacked)"
printf '%s\n' "$bundle"
