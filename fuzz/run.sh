#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with afl++ and SharpFuzz.
#   fuzz/run.sh READER [SECONDS [EXECS]]   READER: text | html | pdf | docx | xlsx; SECONDS default 600;
#                                         EXECS: stop after about that many executions (whichever comes first)
# Builds the harness (fuzz/Nianbao.Fuzz), instruments Nianbao.Documents and the reader's libraries,
# and runs afl-fuzz on fuzz/corpus/READER under `nice`. Findings go to fuzz/out/READER/ (not committed):
# crashes/ and hangs/ hold inputs to turn into regression files under
# tests/Nianbao.Robustness.Tests/Regressions/READER/, queue/ the corpus afl++ grew.
# Replay any file or folder without afl++:  fuzz/out/READER/bin/Nianbao.Fuzz READER --replay PATH…
set -euo pipefail
reader=${1:?usage: fuzz/run.sh READER [SECONDS]   (READER: text html pdf docx xlsx)}
seconds=${2:-600}
execs=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/fuzz/out/$reader"
case "$reader" in
  text) libs=() ;;
  html) libs=(AngleSharp.dll) ;;
  pdf) libs=(UglyToad.PdfPig.dll UglyToad.PdfPig.Core.dll UglyToad.PdfPig.Tokenization.dll UglyToad.PdfPig.Tokens.dll UglyToad.PdfPig.Fonts.dll UglyToad.PdfPig.DocumentLayoutAnalysis.dll) ;;
  docx) libs=(DocumentFormat.OpenXml.dll DocumentFormat.OpenXml.Framework.dll) ;;
  xlsx) libs=(DocumentFormat.OpenXml.dll DocumentFormat.OpenXml.Framework.dll) ;;
  *) echo "unknown reader '$reader' (text html pdf docx xlsx)" >&2; exit 2 ;;
esac

command -v afl-fuzz >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq afl++ >/dev/null; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null 2>&1 || dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null

# Build once per reader; instrument the copies in out/, never the build output.
if [ ! -f "$out/bin/.instrumented" ]; then
  rm -rf "$out/bin"
  dotnet publish "$root/fuzz/Nianbao.Fuzz" -c Release -o "$out/bin" --nologo -v quiet
  for dll in Nianbao.Documents.dll "${libs[@]}"; do
    [ -f "$out/bin/$dll" ] && sharpfuzz "$out/bin/$dll" >/dev/null
  done
  touch "$out/bin/.instrumented"
fi

mkdir -p "$out"
# Resume where the last run stopped when there is one ("-i -"), else start from the seeds.
input="$root/fuzz/corpus/$reader"
[ -d "$out/findings/default/queue" ] && input=-
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_AUTORESUME=1
# -t: afl's hang limit, above the harness's own 5 s read limit, so "too long" is an outcome and only a true hang is a hang.
# -m none: the limit is the harness's (ReadLimits); a .NET process reserves far more address space than it uses.
nice -n 19 afl-fuzz -i "$input" -o "$out/findings" -t 20000 -m none -V "$seconds" ${execs:+-E "$execs"} -- "$out/bin/Nianbao.Fuzz" "$reader" || true
stats="$out/findings/default/fuzzer_stats"
if [ -f "$stats" ]; then
  grep -E '^(start_time|last_update|run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg|edges_found|total_edges)' "$stats"
fi
