#!/usr/bin/env bash
# Installs everything kokon_graph and its tests need, on a fresh Debian/Ubuntu machine:
# system packages (Chromium for the map tests, LibreOffice for the XLSX check), a Python
# virtual environment in .venv with the package and its test tools, the Node.js
# Cypher linter, and the Neo4j server of the store tests (Java + Maven). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(chromium libreoffice-calc-nogui poppler-utils fonts-dejavu-core)
# Node.js (>= 18.18) runs Neo4j's Cypher linter; most machines have it already.
command -v npm >/dev/null 2>&1 || SYSTEM_PACKAGES+=(nodejs npm)
# Java 17+ and Maven build and run the Neo4j server of the store tests (tools/neo4j-server/).
{ command -v java >/dev/null 2>&1 || [ -x "${JAVA_HOME:-/nonexistent}/bin/java" ]; } ||
  SYSTEM_PACKAGES+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || SYSTEM_PACKAGES+=(maven)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

if [ -f tools/cypher-lint/package.json ]; then
  (cd tools/cypher-lint && npm ci --no-audit --no-fund --loglevel=error)
fi
# Neo4j Community + OpenGDS from Maven Central; later builds come from Maven's local cache.
bash scripts/neo4j-server.sh build
echo "kokon_graph is set up: . .venv/bin/activate && kokon-graph --help"
