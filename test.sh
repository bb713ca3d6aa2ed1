#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (Debian packages), so nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# poppler-utils: pdftotext for the PDF baselines, pdftoppm to rasterise pages for OCR (the OCR models
# themselves are in models/ppocr-v4 and ONNX Runtime comes with its NuGet package: nothing downloaded).
{ command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; } || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
# Legacy .doc/.wps are converted by LibreOffice; the writer without GUI is enough.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# …and the spreadsheet tests have LibreOffice Calc save real .xls and .xlsx files.
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
# The archive tests run against a real PostgreSQL server too (a throw-away cluster, below).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# A throw-away PostgreSQL cluster on 127.0.0.1 for the archive tests (NIANBAO_TEST_PG); stopped on exit.
source scripts/postgres-test-cluster.sh start
trap 'bash scripts/postgres-test-cluster.sh stop "$NIANBAO_TEST_PG_DIR"' EXIT

set +e
dotnet test Nianbao.slnx -c Release --logger "console;verbosity=normal" 2>&1 | tee /tmp/nianbao-test.log
status=${PIPESTATUS[0]}
set -e
# One plain closing line that any reader of the log can find.
count() { { grep -Eo "^ +$1: +[0-9]+" /tmp/nianbao-test.log || true; } | awk '{s+=$2} END {print s+0}'; }
# Failed and skipped tests are named again at the very end, where a log cut to its tail still shows them.
grep -E "^ +(Failed|Skipped) [A-Za-z_]" /tmp/nianbao-test.log | sed 's/^ */not passed: /' || true
echo "tests: $(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
exit "$status"
