#!/usr/bin/env bash
# Install the peer linters that bench/peers.py compares contentlint against, into
# TOOLS_DIR only (default /tmp/contentlint-bench-tools); the project and its
# environment are not touched.
#
#   bash bench/peers_setup.sh [TOOLS_DIR]
#
# TOOLS_DIR/venv   Python venv: proselint, pymarkdownlnt (PyPI name of "pymarkdown";
#                  the PyPI package called "pymarkdown" is an unrelated project)
# TOOLS_DIR/node   npm prefix: markdownlint-cli2, textlint, textlint-rule-prh
#
# Versions are pinned so that runs compare like with like. markdownlint-cli2 is
# held at 0.22.1: 0.23.0 and later need Node >= 22 (this machine has Node 20).
# Idempotent: a tool whose pinned version is already installed is skipped.
set -euo pipefail

TOOLS_DIR="${1:-/tmp/contentlint-bench-tools}"
PYTHON="${PYTHON:-python3}"

PY_PKGS=(proselint==0.16.0 pymarkdownlnt==0.9.41)
NPM_PKGS=(markdownlint-cli2@0.22.1 textlint@15.8.0 textlint-rule-prh@6.1.0)

mkdir -p "$TOOLS_DIR"
TOOLS_DIR="$(cd "$TOOLS_DIR" && pwd)"

# --- Python venv -------------------------------------------------------------
VENV="$TOOLS_DIR/venv"
if [ ! -x "$VENV/bin/python" ]; then
  echo "peers_setup: creating venv $VENV"
  "$PYTHON" -m venv "$VENV"
fi
py_missing=()
for spec in "${PY_PKGS[@]}"; do
  name="${spec%%==*}"; want="${spec##*==}"
  have="$("$VENV/bin/python" -m pip show "$name" 2>/dev/null | sed -n 's/^Version: //p' || true)"
  if [ "$have" = "$want" ]; then
    echo "peers_setup: $name $have already installed"
  else
    py_missing+=("$spec")
  fi
done
if [ "${#py_missing[@]}" -gt 0 ]; then
  echo "peers_setup: pip install ${py_missing[*]}"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${py_missing[@]}"
fi

# --- npm prefix --------------------------------------------------------------
NODE_PREFIX="$TOOLS_DIR/node"
mkdir -p "$NODE_PREFIX"
npm_missing=()
for spec in "${NPM_PKGS[@]}"; do
  name="${spec%@*}"; want="${spec##*@}"
  pj="$NODE_PREFIX/node_modules/$name/package.json"
  have=""
  if [ -f "$pj" ]; then
    have="$(node -p "require(process.argv[1]).version" "$pj" 2>/dev/null || true)"
  fi
  if [ "$have" = "$want" ]; then
    echo "peers_setup: $name $have already installed"
  else
    npm_missing+=("$spec")
  fi
done
if [ "${#npm_missing[@]}" -gt 0 ]; then
  echo "peers_setup: npm install --prefix $NODE_PREFIX ${npm_missing[*]}"
  npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --loglevel=error "${npm_missing[@]}"
fi

# --- versions ----------------------------------------------------------------
echo "peers_setup: installed in $TOOLS_DIR"
"$VENV/bin/proselint" version 2>/dev/null | sed "s/^/  /" || true
"$VENV/bin/pymarkdown" version 2>/dev/null | sed 's/^/  pymarkdown: /' || true
"$NODE_PREFIX/node_modules/.bin/markdownlint-cli2" --help 2>/dev/null | head -n1 | sed 's/^/  /' || true
"$NODE_PREFIX/node_modules/.bin/textlint" --version 2>/dev/null | sed 's/^/  textlint: /' || true
node -p "'  textlint-rule-prh: ' + require(process.argv[1]).version" \
  "$NODE_PREFIX/node_modules/textlint-rule-prh/package.json" 2>/dev/null || true
