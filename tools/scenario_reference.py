#!/usr/bin/python3
"""Generates docs/scenario_reference.md from the comments in the scenario schema (proto/carecast/*.proto).

    tools/scenario_reference.py                 write docs/scenario_reference.md
    tools/scenario_reference.py --check         exit 1 if the committed file is out of date

The .proto files are the single source of truth for scenario fields (STYLE.md habit 2); this page is
never edited by hand.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The scenario message first, then the files it imports, in this order.
PROTOS = [ROOT / "proto" / "carecast" / name for name in ("scenario.proto", "finance.proto")]
DOC = ROOT / "docs" / "scenario_reference.md"

FIELD = re.compile(r"^\s*(optional\s+|repeated\s+)?([\w.]+)\s+(\w+)\s*=\s*\d+;")
MESSAGE = re.compile(r"^\s*message\s+(\w+)\s*\{")
ENUM = re.compile(r"^\s*enum\s+(\w+)\s*\{")
ENUM_VALUE = re.compile(r"^\s*([A-Z][A-Z0-9_]*)\s*=\s*\d+;\s*(?://\s*(.*))?$")


def parse(text):
    """[(message, message comment, [(field, type, comment)])] in file order."""
    messages, comment, current = [], [], None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            comment.append(stripped[2:].strip())
            continue
        if m := MESSAGE.match(line):
            current = (m.group(1), " ".join(comment), [])
            messages.append(current)
        elif m := ENUM.match(line):
            current = ("enum " + m.group(1), " ".join(comment), [])
            messages.append(current)
        elif (m := ENUM_VALUE.match(line)) and current and current[0].startswith("enum "):
            current[2].append((m.group(1), "value", (m.group(2) or "").strip()))
        elif (m := FIELD.match(line)) and current:
            kind = (m.group(1) or "").strip()
            current[2].append((m.group(3), (kind + " " + m.group(2)).strip(), " ".join(comment)))
        comment = []
    return messages


def render(messages):
    out = ["# Scenario file reference", "",
           "Generated from `proto/carecast/scenario.proto` (and the files it imports) by `tools/scenario_reference.py`; do not edit.",
           "Scenario files are protobuf text format (`.txtpb`). Nested messages are written `name { ... }`;",
           "`#` starts a comment. `carecast validate FILE` checks every field below.", ""]
    for name, comment, fields in messages:
        out += [f"## {name}", "", comment, "", "| field | type | meaning, unit, range, source |", "|---|---|---|"]
        out += [f"| `{f}` | {t} | {c} |" for f, t, c in fields]
        out.append("")
    return "\n".join(out)


def main():
    text = render([m for proto in PROTOS for m in parse(proto.read_text())])
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text() != text:
            print(f"{DOC} is out of date: run tools/scenario_reference.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
