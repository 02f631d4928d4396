#!/usr/bin/env python3
"""Add hostile-but-valid pages to a content/ folder, for benchmarks.

usage: gen-hostile.py CASE SCALE CONTENTDIR

CASE is one of
  nested  quotes and lists nested 32 levels deep (the limit), 10 times
  word    one word of 200,000 characters
  table   a table of 10,000 rows
SCALE is 1 or 10: SCALE pages of the case, so 10 is ten times the input
(one page could not hold it: content files are limited to 1 MiB). The
content folder must exist (.ci/gen-content.py writes one). Same
arguments, same bytes.
"""
import os
import sys


def nested():
    # 16 quotes then 16 lists: 32 levels, each level holding a line.
    out = []
    for _ in range(10):
        prefix = ""
        for level in range(32):
            prefix += "> " if level < 16 else "- "
            out.append(f"{prefix}Level {level + 1}: hold the stretch, breathe out.\n")
            if level < 16:
                out.append(prefix.rstrip() + "\n")
        out.append("\n")
    return "".join(out)


def word():
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(letters[(i * 7) % 26] for i in range(200_000)) + "\n"


def table():
    rows = ["| Day | Exercise | Done |", "|---:|---|:-:|"]
    rows += [f"| {i + 1} | Stretch {i % 5 + 1}, hold 30 s | ☐ |" for i in range(10_000)]
    return "\n".join(rows) + "\n"


def main():
    case, scale, content = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    body = {"nested": nested, "word": word, "table": table}[case]()
    os.makedirs(os.path.join(content, "pages"), exist_ok=True)
    for k in range(scale):
        with open(os.path.join(content, "pages", f"{case}-{k + 1}.md"), "w") as f:
            f.write(f"---\ntitle: {case.capitalize()} {k + 1}\norder: {k + 2}\n---\n{body}")


if __name__ == "__main__":
    main()
