#!/usr/bin/env python3
"""The end-to-end baseline of docs/performance.md: a plain script that only reads every file of a
folder, decodes it (BOM, UTF-8, UTF-16, else GB18030), NFKC-normalises it and scans its digit runs —
what any reader of these reports must do at the least. Prints totals so nothing can be skipped.

    python3 bench/baseline.py DIR
"""
import os
import re
import sys
import unicodedata

DIGITS = re.compile(r"[0-9]+")


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def main(folder: str) -> None:
    files = chars = runs = digits = 0
    for root, _, names in os.walk(folder):
        for name in sorted(names):
            with open(os.path.join(root, name), "rb") as f:
                text = unicodedata.normalize("NFKC", decode(f.read()))
            found = DIGITS.findall(text)
            files += 1
            chars += len(text)
            runs += len(found)
            digits += sum(map(len, found))
    print(f"{files} files, {chars} characters, {runs} digit runs, {digits} digits")


if __name__ == "__main__":
    main(sys.argv[1])
