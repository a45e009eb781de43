#!/usr/bin/python3
"""Fails if a parameter's default or range is written in engine/ instead of the schema.

    tools/check_schema_truth.py [ENGINE_DIR]

Units, ranges and defaults of scenario and batch-file parameters are field options of
proto/carecast/*.proto (options.proto), read by engine/scenario/schema_rules. This check (ctest "schema:
defaults and ranges only in the proto") looks in engine/scenario and engine/batch, where scenario and batch
fields are resolved, for the patterns the hand-written copies took, and prints file:line for each:
  * a range check (check_relation, or the retired check_range / check<T> / check_share) given a number
    written out as a bound: ranges that depend on nothing else are (min)/(max) options;
  * `has_x() ? x() : NUMBER`: a default written at the place it is used;
  * a member of a resolved-config struct initialised with a number other than 0, 1 or -1 (no value, a
    neutral multiplier, "none"), or with a list of numbers: defaults come from schema_default;
  * a table of parameter names with their bounds ({"send.ehc_growth", ..., -0.5, 1});
  * a field read compared with a bound (`s.replicates() > max_replicate_count`, `m.rate() < 0.5`): a
    range check written by hand (comparisons with 0, and of sizes and lengths, are left alone).
Exit 0 when none is found, 1 otherwise.
"""
import pathlib
import re
import sys

ENGINE = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "engine"
# The folders that read user-written fields: scenario files (engine/scenario) and batch files (engine/batch).
FOLDERS = ("scenario", "batch")
NUMBER = r"-?(?:\d[\d']*\.?\d*(?:e[-+]?\d+)?|\.\d+)(?:u|ll|ull|f)?"
CALL = re.compile(r"\b(check_relation|check_range|check_share|check<[\w:]+>)\s*\((.*)", re.S)
TERNARY = re.compile(r"has_\w+\(\)\s*\?\s*[\w.]+\(\)\s*:\s*" + NUMBER + r"\b")
MEMBER = re.compile(r"^\s*(?:const\s+)?[\w:<>, ]+\s+\w+\s*(?:=\s*|\{)\s*(" + NUMBER + r")\s*[;}]")
LIST_MEMBER = re.compile(r"^\s*std::array<[^>]+>\s+\w+\s*(?:=\s*)?\{\s*" + NUMBER + r"\s*,")
COMPARED = re.compile(r"\b\w+\.(\w+)\(\)\s*(?:<=?|>=?)\s*(" + NUMBER + r"|k?(?:max|min|Max|Min)\w*)\b")
NAMED_BOUNDS = re.compile(r'\{\s*"[a-z_]+\.[a-z_0-9.]+",\s*"?[\w]*"?,?\s*' + NUMBER + r"\s*,\s*" + NUMBER + r"\s*\}")


def arguments(text):
    """The top-level arguments of the call whose text starts after its '('."""
    depth, current, out = 0, "", []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                out.append(current.strip())
                return out
            depth -= 1
        if ch == "," and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += ch
    return out


def problems(path):
    text = path.read_text()
    found = []
    line_of = lambda offset: text.count("\n", 0, offset) + 1
    for m in CALL.finditer(text):
        bounds = [a for a in arguments(m.group(2))[3:] if re.fullmatch(NUMBER, a)]
        if bounds:
            found.append((line_of(m.start()), f"{m.group(1)} with a bound written out ({', '.join(bounds)}): "
                                                "make it a (min)/(max) option of the field"))
    for m in TERNARY.finditer(text):
        found.append((line_of(m.start()), "a default written where it is used: use the field's (default_value)"))
    for m in COMPARED.finditer(text):
        if m.group(1) not in ("size", "length", "count") and m.group(2) != "0":
            found.append((line_of(m.start()), f"{m.group(1)}() compared with {m.group(2)}: a range written by hand; "
                                                "make it a (min)/(max) option of the field"))
    for m in NAMED_BOUNDS.finditer(text):
        found.append((line_of(m.start()), "a parameter listed with its bounds: read them from the schema"))
    if path.suffix == ".hpp":
        in_struct = False
        for number, line in enumerate(text.splitlines(), 1):
            if re.match(r"^struct \w+ \{", line):
                in_struct = True
            elif line.startswith("};"):
                in_struct = False
            elif in_struct and ((m := MEMBER.match(line)) and float(m.group(1).rstrip("ulf").replace("'", "")) not in (0, 1, -1)
                                or LIST_MEMBER.match(line)):
                found.append((number, "a config member with a default written out: use schema_default"))
    return found


def main():
    status = 0
    for path in sorted(p for folder in FOLDERS for p in (ENGINE / folder).glob("*.[ch]pp")):
        for line, message in problems(path):
            print(f"{path}:{line}: error: {message}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
