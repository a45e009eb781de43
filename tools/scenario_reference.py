#!/usr/bin/python3
"""Generates docs/scenario_reference.md and docs/batch_reference.md from the comments and field options of
the schema (proto/carecast/*.proto).

    tools/scenario_reference.py                 write both pages
    tools/scenario_reference.py --check         exit 1 if a committed page is out of date, or a field
                                                has no comment of its own (a blank row)

The .proto files are the single source of truth for scenario and batch-file fields (STYLE.md habit 2);
these pages are never edited by hand.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The scenario message first, then the files it imports, in this order.
PROTOS = [ROOT / "proto" / "carecast" / name for name in ("scenario.proto", "finance.proto")]
OPTIONS = ROOT / "proto" / "carecast" / "options.proto"
DOC = ROOT / "docs" / "scenario_reference.md"
# The batch file: the messages a user writes (the manifest messages of batch.proto are written by carecast).
BATCH_PROTO = ROOT / "proto" / "carecast" / "batch.proto"
BATCH_MESSAGES = ("Batch", "BatchScenario")
BATCH_DOC = ROOT / "docs" / "batch_reference.md"

FIELD = re.compile(r"^\s*(optional\s+|repeated\s+)?([\w.]+)\s+(\w+)\s*=\s*\d+\s*(\[.*\])?\s*;", re.S)
MESSAGE = re.compile(r"^\s*message\s+(\w+)\s*\{")
ENUM = re.compile(r"^\s*enum\s+(\w+)\s*\{")
ENUM_VALUE = re.compile(r"^\s*([A-Z][A-Z0-9_]*)\s*=\s*\d+\s*(?:\[.*\])?\s*;\s*(?://\s*(.*))?$", re.S)
STRING = r'"(?:[^"\\]|\\.)*"'
OPTION = re.compile(r"\((?:carecast\.)?(\w+)\)\s*=\s*((?:" + STRING + r"\s*)+|[^,\]]+)")


def option_values(text):
    """{option: [values]} of a field's `[...]`, strings unquoted and joined."""
    values = {}
    for name, value in OPTION.findall(text or ""):
        value = value.strip()
        if value.startswith('"'):
            value = "".join(part[1:-1] for part in re.findall(STRING, value)).replace('\\"', '"')
        values.setdefault(name, []).append(value)
    return values


def unit_names():
    """{UNIT_X: name} from the unit_name options of enum Unit in options.proto."""
    names = {}
    for statement in OPTIONS.read_text().split(";"):
        if m := re.search(r"\b(UNIT_[A-Z_]+)\s*=\s*\d+\s*\[(.*)\]", statement, re.S):
            names[m.group(1)] = option_values(m.group(2)).get("unit_name", [""])[0]
    return names


def statements(text):
    """Lines of the file, with a field or enum value written over several lines joined into one."""
    pending = ""
    for line in text.splitlines():
        if pending:
            pending += " " + line.strip()
            if line.rstrip().endswith(";"):
                yield pending
                pending = ""
            continue
        stripped = line.strip()
        if re.match(r"^(optional\s+|repeated\s+)?[\w.]+\s+\w+\s*=\s*\d+\s*\[", stripped) and not stripped.endswith(";"):
            pending = line
            continue
        yield line


def describe(kind, options, units):
    """(unit, range, default, source) cells of a field."""
    unit = units.get(options.get("unit", [""])[0], "")
    lo, hi = options.get("min", [None])[0], options.get("max", [None])[0]
    parts = []
    if lo is not None or hi is not None:
        strict = options.get("min_exclusive", ["false"])[0] == "true"
        parts.append(("> " if strict else "") + (lo if lo is not None else "") + " .. " + (hi if hi is not None else ""))
    parts += options.get("range_note", [])
    default = ""
    if "default_value" in options:
        default = options["default_value"][0]
    elif "default_values" in options:
        default = ", ".join(options["default_values"])
    elif "default_text" in options:
        default = '"' + options["default_text"][0] + '"'
    return unit, "; ".join(parts), default, " ".join(options.get("source", []))


def parse(text, units):
    """[(message, message comment, [(field, type, comment, unit, range, default, source)])] in file order."""
    messages, comment, current = [], [], None
    for line in statements(text):
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
            current[2].append((m.group(1), "value", (m.group(2) or " ".join(comment)).strip(), "", "", "", ""))
        elif (m := FIELD.match(line)) and current:
            kind = (m.group(1) or "").strip()
            cells = describe(kind, option_values(m.group(4)), units)
            current[2].append((m.group(3), (kind + " " + m.group(2)).strip(), " ".join(comment)) + cells)
        comment = []
    return messages


def cell(text):
    return text.replace("|", "\\|")


SCENARIO_INTRO = [
    "# Scenario file reference", "",
    "Generated from `proto/carecast/scenario.proto` (and the files it imports) by `tools/scenario_reference.py`; do not edit.",
    "Scenario files are protobuf text format (`.txtpb`). Nested messages are written `name { ... }`;",
    "`#` starts a comment. `carecast validate FILE` checks every field below."]
BATCH_INTRO = [
    "# Batch file reference", "",
    "Generated from `proto/carecast/batch.proto` by `tools/scenario_reference.py`; do not edit.",
    "Batch files are protobuf text format (`.txtpb`), read by `carecast batch FILE`; docs/cluster.md explains",
    "how a batch runs. `carecast batch` checks every field below before simulating anything."]
OPTIONS_NOTE = [
    "Unit, range, default and source are the field's options (proto/carecast/options.proto), the only place",
    "they are written: the engine reads its defaults and checks its ranges from them. A range is inclusive",
    "(`> 0` excludes the bound); a blank default is the type's zero (0, empty, absent).", ""]


def render(intro, messages):
    out = intro + OPTIONS_NOTE
    for name, comment, fields in messages:
        out += [f"## {name}", "", comment, ""]
        if name.startswith("enum "):
            out += ["| value | meaning |", "|---|---|"]
            out += [f"| `{f[0]}` | {cell(f[2])} |" for f in fields]
        else:
            out += ["| field | type | meaning | unit | range | default | source |", "|---|---|---|---|---|---|---|"]
            out += ["| `" + f[0] + "` | " + " | ".join(cell(c) for c in f[1:]) + " |" for f in fields]
        out.append("")
    return "\n".join(out)


def blank_rows(messages):
    """Fields and enum values without a meaning of their own."""
    return [f"{name}.{f[0]}" for name, _, fields in messages for f in fields if not f[2].strip()]


def main():
    units = unit_names()
    scenario = [m for proto in PROTOS for m in parse(proto.read_text(), units)]
    batch = [m for m in parse(BATCH_PROTO.read_text(), units) if m[0] in BATCH_MESSAGES]
    pages = [(DOC, scenario, render(SCENARIO_INTRO, scenario)), (BATCH_DOC, batch, render(BATCH_INTRO, batch))]
    if "--check" in sys.argv:
        status = 0
        for doc, messages, text in pages:
            if blank := blank_rows(messages):
                print("fields without a comment of their own (a blank row in the reference): " + ", ".join(blank),
                      file=sys.stderr)
                status = 1
            if not doc.exists() or doc.read_text() != text:
                print(f"{doc} is out of date: run tools/scenario_reference.py", file=sys.stderr)
                status = 1
        return status
    for doc, _, text in pages:
        doc.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
