#!/usr/bin/env python3
"""Turn a library from .ci/gen-content.py into the same exercises for the
peers .ci/bench compares against: a Hugo site and a Typst handout.

usage: peers.py CONTENT_DIR OUT_DIR
writes OUT_DIR/hugo/ (a Hugo project: one page per exercise, one list page
per phase, plain layouts) and OUT_DIR/handout.typ (one Typst document: each
exercise with its summary, position, dose, numbered steps and cautions).

It reads only the flat YAML that gen-content.py writes (no YAML library
needed); it is a benchmark helper, not a content converter.
"""
import os
import sys


def unquote(value):
    value = value.strip()
    if value.startswith('"') and value.endswith('"'):
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def read_exercise(path):
    fields, lists, dose, key = {}, {"steps": [], "cautions": []}, {}, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("  - ") and key in lists:
            lists[key].append(unquote(line[4:]))
        elif line.startswith("  ") and key == "dose":
            k, v = line.strip().split(":", 1)
            dose[k] = unquote(v)
        else:
            key, value = line.split(":", 1)
            if value.strip():
                fields[key] = unquote(value)
    fields.update(lists)
    fields["dose"] = dose
    return fields


def dose_text(dose):
    text = f"Hold {dose.get('hold', '')}, repeat {dose.get('repeat', '')} times"
    if "each" in dose:
        text += f" each {dose['each']}"
    return text


def esc_typst(text):
    for ch in "\\#*_`$@<>[]~":
        text = text.replace(ch, "\\" + ch)
    return text


def main():
    content, out = sys.argv[1], sys.argv[2]
    names = sorted(os.listdir(os.path.join(content, "exercises")))
    exercises = [(n.rsplit(".", 1)[0], read_exercise(os.path.join(content, "exercises", n)))
                 for n in names]
    phases = sorted({e["phase"] for _, e in exercises})

    hugo = os.path.join(out, "hugo")
    for d in ("layouts/_default", "content/exercises", "content/phases"):
        os.makedirs(os.path.join(hugo, d), exist_ok=True)
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://clinic.example/exercises/"\ntitle = "Benchmark"\n'
                'disableKinds = ["taxonomy", "term", "RSS"]\n')
    with open(os.path.join(hugo, "layouts/_default/baseof.html"), "w") as f:
        f.write('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                '<title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}'
                '</main></body></html>\n')
    with open(os.path.join(hugo, "layouts/_default/single.html"), "w") as f:
        f.write('{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>'
                '<p>{{ .Params.position }}</p><p>{{ .Params.dose }}</p>{{ .Content }}{{ end }}\n')
    with open(os.path.join(hugo, "layouts/_default/list.html"), "w") as f:
        f.write('{{ define "main" }}<h1>{{ .Title }}</h1><ul>'
                '{{ range where site.RegularPages "Params.phase" .Params.phase_id }}'
                '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>'
                '{{ end }}</ul>{{ end }}\n')
    for phase in phases:
        os.makedirs(os.path.join(hugo, "content/phases", phase), exist_ok=True)
        with open(os.path.join(hugo, "content/phases", phase, "_index.md"), "w") as f:
            f.write(f'---\ntitle: "{phase}"\nphase_id: "{phase}"\n---\n')
    for slug, e in exercises:
        with open(os.path.join(hugo, "content/exercises", slug + ".md"), "w") as f:
            f.write("---\n")
            for key in ("title", "phase", "summary", "position"):
                f.write(f'{key}: "{e[key]}"\n')
            f.write(f'dose: "{dose_text(e["dose"])}"\n---\n')
            f.write("".join(f"{i}. {s}\n" for i, s in enumerate(e["steps"], 1)))
            f.write(f"\n{e.get('breathing', '')}\n\n")
            f.write("".join(f"- {c}\n" for c in e["cautions"]))

    with open(os.path.join(out, "handout.typ"), "w") as f:
        f.write('#set page(paper: "us-letter", margin: 2cm)\n#set text(size: 11pt)\n')
        for phase in phases:
            f.write(f"= {esc_typst(phase)}\n")
            for _, e in (x for x in exercises if x[1]["phase"] == phase):
                f.write(f"== {esc_typst(e['title'])}\n{esc_typst(e['summary'])}\n\n")
                f.write(f"*Position:* {esc_typst(e['position'])} \\\n")
                f.write(f"*Dose:* {esc_typst(dose_text(e['dose']))}\n\n")
                f.write("".join(f"+ {esc_typst(s)}\n" for s in e["steps"]))
                f.write("\n" + "".join(f"- {esc_typst(c)}\n" for c in e["cautions"]) + "\n")


if __name__ == "__main__":
    main()
