#!/usr/bin/env python3
"""Give a library made by .ci/gen-content.py a Spanish side, for layout tests.

usage: pseudo-spanish.py CONTENT_DIR

Writes beside every file of the library its `.es` twin (handout.es.yaml,
exercises/X.es.yaml, phases/X.es.md, pages/X.es.md) and lists both
languages in handout.yaml. The words are a pseudo-translation: each text
as written, marked and made longer with a long Spanish word, as Spanish
runs longer than English. It is not Spanish to read; it lets the site's
checks load every page of a large library in both languages (the catalogue
words, Spanish, frame it). Only the format that gen-content.py writes is
read: top-level keys, lists of strings, and the nested maps `dose:` and
`figure:`.
"""
import os
import re
import sys

TEXT_KEYS = {"title", "summary", "position", "breathing", "starts", "subtitle", "disclaimer"}
LIST_KEYS = {"steps", "cautions", "equipment"}


def pseudo(text):
    return f"{text} · fortalecimiento"


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def exercise(text):
    out, key = [], None
    for line in text.splitlines():
        top = re.match(r"^([a-z_]+):\s*(.*)$", line)
        if top:
            key, value = top.group(1), top.group(2)
            if key in TEXT_KEYS and value:
                out.append(f"{key}: {quoted(pseudo(unquote(value)))}")
            elif key in LIST_KEYS:
                out.append(f"{key}:")
            elif key == "figure":
                out.append("figure:")
            continue
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and key in LIST_KEYS:
            out.append(f"  - {quoted(pseudo(unquote(item.group(1))))}")
            continue
        nested = re.match(r"^\s+alt:\s*(.*)$", line)
        if nested and key == "figure":
            out.append(f"  alt: {quoted(pseudo(unquote(nested.group(1))))}")
    # A figure without alt text has nothing to translate.
    if out and out[-1] == "figure:":
        out.pop()
    return "\n".join(out) + "\n"


def markdown(text):
    _, front, body = text.split("---\n", 2)
    lines = []
    for line in front.splitlines():
        top = re.match(r"^([a-z_]+):\s*(.*)$", line)
        if top and top.group(1) in TEXT_KEYS:
            lines.append(f"{top.group(1)}: {quoted(pseudo(unquote(top.group(2))))}")
    paragraphs = [pseudo(p) if p.strip() and not p.startswith("#") else p for p in body.split("\n\n")]
    return "---\n" + "\n".join(lines) + "\n---\n" + "\n\n".join(paragraphs)


def settings(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out, section = [], None
    for line in text.splitlines():
        top = re.match(r"^(title|subtitle|disclaimer):\s*(.*)$", line)
        if top and top.group(2):
            out.append(f"{top.group(1)}: {quoted(pseudo(unquote(top.group(2))))}")
        if re.match(r"^[a-z_]+:", line):
            section = line.split(":")[0]
        name = re.match(r"^\s+name:\s*(.*)$", line)
        if name and section == "clinic":
            out.append(f"clinic:\n  name: {quoted(pseudo(unquote(name.group(1))))}")
    text = re.sub(r"^language: .*$", "languages: [en, es]", text, flags=re.M)
    if "languages:" not in text:
        text += "languages: [en, es]\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pseudo-spanish.py CONTENT_DIR")
    root = sys.argv[1]
    with open(os.path.join(root, "handout.es.yaml"), "w", encoding="utf-8") as f:
        f.write(settings(os.path.join(root, "handout.yaml")))
    for folder, suffix, translate in [("exercises", ".yaml", exercise), ("phases", ".md", markdown), ("pages", ".md", markdown)]:
        where = os.path.join(root, folder)
        if not os.path.isdir(where):
            continue
        for name in sorted(os.listdir(where)):
            if not name.endswith(suffix) or name.endswith(".es" + suffix):
                continue
            with open(os.path.join(where, name), encoding="utf-8") as f:
                text = f.read()
            twin = name[: -len(suffix)] + ".es" + suffix
            with open(os.path.join(where, twin), "w", encoding="utf-8") as f:
                f.write(translate(text))


if __name__ == "__main__":
    main()
