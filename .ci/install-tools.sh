#!/usr/bin/env bash
# Installs the outside tools that the exporter tests render with, so that CI checks the
# Mermaid and DOT text against the real renderers instead of only against golden files:
#
#   graphviz   (Debian)  `dot -Tsvg` renders every DOT export.
#   chromium   (Debian)  the headless browser that the Mermaid CLI draws in. Puppeteer's own
#                        browser download is skipped: only package registries are reachable.
#   @mermaid-js/mermaid-cli 11.x (npm)  `mmdc` renders every Mermaid export. 11.x because
#                        12.x needs Node 22 and the machines have Node 20 (Debian's is 18.19,
#                        which 11.x also accepts).
#
# The npm package goes into a tool folder outside the repository's tracked files:
#   ${SIDESCOPE_TOOLS_DIR:-$HOME/.cache/sidescope-tools}
# with mmdc at node_modules/.bin/mmdc and the puppeteer config at puppeteer-config.json.
# The tests look there by themselves (and honour SIDESCOPE_TOOLS_DIR / SIDESCOPE_MMDC), so
# this script exports nothing; it prints what it installed and where.
#
# Run as root, non-interactive. Safe to run again: it installs only what is missing, then
# renders one tiny diagram with each tool and fails loudly if either cannot render.
set -euo pipefail

MERMAID_CLI_VERSION=11.17.0
TOOLS_DIR="${SIDESCOPE_TOOLS_DIR:-${HOME:-/root}/.cache/sidescope-tools}"
export DEBIAN_FRONTEND=noninteractive

fail() {
  echo "install-tools: $*" >&2
  exit 1
}
trap 'fail "failed at line $LINENO: $BASH_COMMAND"' ERR

# --- Debian packages -------------------------------------------------------------------
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || fail "needs root to apt-get install ${missing[*]}"
  apt_log="$(mktemp)"
  apt-get update -qq >"$apt_log" 2>&1 || { cat "$apt_log" >&2; fail "apt-get update failed"; }
  apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-liberation >"$apt_log" 2>&1 \
    || { cat "$apt_log" >&2; fail "apt-get install ${missing[*]} failed"; }
  rm -f "$apt_log"
fi
CHROMIUM="$(command -v chromium)"

# --- Mermaid CLI from npm, into the tool folder ------------------------------------------
MMDC="$TOOLS_DIR/node_modules/.bin/mmdc"
mkdir -p "$TOOLS_DIR"
if [[ "$("$MMDC" --version 2>/dev/null || true)" != "$MERMAID_CLI_VERSION" ]]; then
  npm_log="$(mktemp)"
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$TOOLS_DIR" --no-audit --no-fund \
    --loglevel=error "@mermaid-js/mermaid-cli@$MERMAID_CLI_VERSION" >"$npm_log" 2>&1 \
    || { cat "$npm_log" >&2; fail "npm install @mermaid-js/mermaid-cli@$MERMAID_CLI_VERSION failed"; }
  rm -f "$npm_log"
fi
[[ -x "$MMDC" ]] || fail "mmdc not found at $MMDC after npm install"

# --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
cat >"$TOOLS_DIR/puppeteer-config.json" <<JSON
{"executablePath": "$CHROMIUM",
 "args": ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"]}
JSON

# --- Prove both render -----------------------------------------------------------------
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
printf 'graph LR\n  a["probe"] --> b["ok"]\n' >"$probe/probe.mmd"
timeout 120 "$MMDC" -q -p "$TOOLS_DIR/puppeteer-config.json" -i "$probe/probe.mmd" \
  -o "$probe/probe.svg" >"$probe/mmdc.log" 2>&1 \
  || { cat "$probe/mmdc.log" >&2; fail "mmdc could not render a probe diagram"; }
grep -q probe "$probe/probe.svg" || fail "mmdc wrote no usable SVG"
echo 'digraph { a -> b }' | timeout 60 dot -Tsvg >"$probe/probe-dot.svg" \
  || fail "dot could not render a probe graph"

echo "install-tools: graphviz $(dot -V 2>&1 | awk '{print $5}'), $("$CHROMIUM" --version 2>/dev/null | head -1)," \
  "mermaid-cli $("$MMDC" --version) in $TOOLS_DIR"
echo "install-tools: the tests find mmdc there by themselves; elsewhere set SIDESCOPE_TOOLS_DIR=$TOOLS_DIR"
