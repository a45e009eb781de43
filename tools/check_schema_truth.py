#!/usr/bin/python3
"""Fails if a parameter's default or range, or a data column's range, is written in engine/ instead of the
schema.

    tools/check_schema_truth.py [ENGINE_DIR]
    tools/check_schema_truth.py --fixtures DIR   every line of DIR marked `// caught` is reported, no other

Units, ranges and defaults of scenario and batch-file parameters, and the ranges of data-table columns
that are not parameters (message DataColumns), are field options of proto/carecast/*.proto
(options.proto), read through engine/scenario/schema_rules. Thresholds that are not ranges (a plausibility
warning, the span `carecast init` trusts a derived figure in) have one home, engine/scenario/plausibility.hpp,
which this check does not read. Everywhere else in engine/ (every folder: the scenario and batch readers,
the table readers, finance, derive, cli) it looks for the patterns the hand-written copies took, and prints
file:line for each:
  * a range check (check_relation, or the retired check_range / check<T> / check_share) given a number
    written out as a bound: ranges that depend on nothing else are (min)/(max) options;
  * `has_x() ? x() : NUMBER`: a default written at the place it is used;
  * a struct member named as a schema field, or initialised with a schema default's value that is not a
    round number, initialised with a number other than 0, 1 or -1 (no value, a neutral multiplier, "none"),
    or with a list of numbers: defaults come from schema_default;
  * a table of parameter or column names with their bounds ({"send.ehc_growth", ..., -0.5, 1},
    {"ehc_plan_scale", &AreaParameters::ehc_plan_scale, 0.0, 5.0, ...});
  * a field read compared with a bound (`s.replicates() > max_replicate_count`, `m.rate() < 0.5`): a
    range check written by hand (comparisons with 0, and of sizes and lengths, are left alone);
  * one name compared with two numbers (`scale >= 0.2 && scale <= 5.0`), std::clamp to numbers written out,
    or a constexpr min/max/low/high bound, where a number is one the schema writes as a bound (whole
    numbers under 100, ages, are too common to tell): a range kept by hand; a `.lo =` / `.hi =` bound
    other than 0 or 1; a constexpr `plausible...` threshold outside scenario/plausibility.hpp;
  * a schema field written with a number inside a string (`"  annual_stop_probability: 0.2\\n"`): a
    default copied into text that `carecast init` writes.
It also reads docs/*.md (not the generated references) for a field said to default to a number
("`future_multiplier` (default 1)") and fails where the schema's default differs.
A line may say why its number is none of these (a value `carecast init` writes on purpose in place of the
schema's default) with a comment `schema-truth: WHY` on it or the line above.
Exit 0 when none is found, 1 otherwise.
"""
import pathlib
import re
import sys

TOOLS = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
import scenario_reference  # noqa: E402  (the proto reader the reference uses)

ARGS = [a for a in sys.argv[1:] if a != "--fixtures"]
# --fixtures DIR: DIR holds fixtures whose lines marked `// caught` must each be reported (ctest "schema: a
# default written in the engine is caught"), so that every pattern is shown to be found.
FIXTURES = "--fixtures" in sys.argv
ENGINE = pathlib.Path(ARGS[0]) if ARGS else TOOLS.parent / "engine"
PROTOS = [TOOLS.parent / "proto" / "carecast" / name for name in ("scenario.proto", "finance.proto", "batch.proto")]
# The one home of thresholds that are not ranges (plausibility warnings, derived figures' trusted spans).
THRESHOLDS = ("scenario/plausibility.hpp",)
EXEMPT = "schema-truth:"
NUMBER = r"-?(?:\d[\d']*\.?\d*(?:e[-+]?\d+)?|\.\d+)(?:u|ll|ull|f)?"
CALL = re.compile(r"\b(check_relation|check_range|check_share|check<[\w:]+>)\s*\((.*)", re.S)
TERNARY = re.compile(r"has_\w+\(\)\s*\?\s*[\w.]+\(\)\s*:\s*" + NUMBER + r"\b")
MEMBER = re.compile(r"^\s*(?:const\s+)?[\w:<>, ]+\s+(\w+)\s*(?:=\s*|\{)\s*(" + NUMBER + r")\s*[;}]")
LIST_MEMBER = re.compile(r"^\s*std::array<[^>]+>\s+\w+\s*(?:=\s*)?\{\s*" + NUMBER + r"\s*,")
COMPARED = re.compile(r"\b\w+\.(\w+)\(\)\s*(?:<=?|>=?)\s*(" + NUMBER + r"|k?(?:max|min|Max|Min)\w*)\b")
NAMED_BOUNDS = re.compile(r'\{\s*"[a-z_][a-z_0-9.]*",\s*(?:"?[\w]*"?|&[\w:]+),?\s*(' + NUMBER + r")\s*,\s*(" + NUMBER +
                          r")\s*[,}]")
BETWEEN = re.compile(r"\b(\w+)\s*>=?\s*(" + NUMBER + r")\s*&&\s*\1\s*<=?\s*(" + NUMBER + r")")
CLAMP = re.compile(r"std::clamp(?:<[\w:]+>)?\((?:[^();]|\([^();]*\))*?,\s*(" + NUMBER + r")\s*,\s*(" + NUMBER + r")\s*\)")
BOUND_MEMBER = re.compile(r"\.(lo|hi)\s*=\s*(" + NUMBER + r")\s*;")
BOUND_CONSTANT = re.compile(r"constexpr\s+[\w:]+\s+(\w*(?:min|max|low|high)\w*)\s*=\s*(" + NUMBER + r")\s*[;,]")
DOC_DEFAULT = re.compile(r"`([a-z_0-9.]+)`[^`.;\n]{0,40}?default:? (-?\d[\d,]*(?:\.\d+)?)")
PLAUSIBLE = re.compile(r"constexpr\s+[\w:]+\s+(plausib\w*)\s*=")
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
WRITTEN = re.compile(r"\b([a-z][a-z0-9_]*): (\[?" + NUMBER + r")")


def value(text):
    return float(text.lstrip("[").rstrip("ulf").replace("'", ""))


def schema():
    """({number field name: [(default, min, max)]}, {default value: field}, {bound values}) over the scenario
    and batch schemas and DataColumns."""
    units = scenario_reference.unit_names()
    fields, defaults, bounds = {}, {}, set()
    for proto in PROTOS:
        for _, _, rows in scenario_reference.parse(proto.read_text(), units):
            for name, kind, _, _, span, default, _ in rows:
                if kind.split()[-1] not in ("double", "float", "int32", "int64", "uint32", "uint64", "UnitCost"):
                    continue
                lo_hi = re.match(r"^(?:> )?(" + NUMBER + r")? \.\. (" + NUMBER + r")?", span)
                lo = float(lo_hi.group(1)) if lo_hi and lo_hi.group(1) else float("-inf")
                hi = float(lo_hi.group(2)) if lo_hi and lo_hi.group(2) else float("inf")
                # Small whole numbers (ages 5, 16, 18) are too common to tell a copied bound.
                bounds.update(b for b in (lo, hi) if abs(b) != float("inf") and (b != int(b) or abs(b) >= 100))
                numbers = [float(n) for n in re.findall(NUMBER, default)]
                if numbers or span.startswith(("> ", "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")):
                    # A field with a default or a range (schema_version has neither: it is checked by hand).
                    fields.setdefault(name, []).append((numbers, lo, hi))
                for number in numbers:
                    defaults.setdefault(number, name)
    return fields, defaults, bounds


def distinctive(number):
    """A default's value that is not a round number: seeing it elsewhere means it was copied."""
    if number != int(number):
        return number not in (0.5, 0.25, 0.75)
    return abs(number) > 1000 and number % 100 != 0


def problems(path, fields, defaults, bounds):
    text = path.read_text()
    found = []
    line_of = lambda offset: text.count("\n", 0, offset) + 1
    lines = text.splitlines()
    exempt = lambda number: EXEMPT in lines[number - 1] or (number > 1 and EXEMPT in lines[number - 2])
    trivial = lambda *numbers: all(value(n) in (0, 1, -1) for n in numbers)
    # A pair or constant of bounds counts when one of its numbers is a bound the schema writes.
    schema_bound = lambda *numbers: any(value(n) in bounds for n in numbers)
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
        found.append((line_of(m.start()), "a parameter or column listed with its bounds: read them from the schema"))
    for m in BETWEEN.finditer(text):
        if schema_bound(m.group(2), m.group(3)):
            found.append((line_of(m.start()), f"{m.group(1)} checked against {m.group(2)}..{m.group(3)} by hand: "
                                                "a range belongs to the schema, a threshold to scenario/plausibility.hpp"))
    for m in CLAMP.finditer(text):
        if schema_bound(m.group(1), m.group(2)):
            found.append((line_of(m.start()), f"clamped to {m.group(1)}..{m.group(2)} written out: take the field's "
                                                "range from the schema (schema_min, schema_max)"))
    for m in BOUND_MEMBER.finditer(text):
        if not trivial(m.group(2)):
            found.append((line_of(m.start()), f"a bound .{m.group(1)} = {m.group(2)} written out: read the column's "
                                                "range from the schema (message DataColumns)"))
    for m in BOUND_CONSTANT.finditer(text):
        if schema_bound(m.group(2)):
            found.append((line_of(m.start()), f"a bound {m.group(1)} = {m.group(2)} written out: a range belongs to "
                                                "the schema, a threshold to scenario/plausibility.hpp"))
    for m in PLAUSIBLE.finditer(text):
        found.append((line_of(m.start()), f"threshold {m.group(1)} outside scenario/plausibility.hpp, its one home"))
    for m in STRING.finditer(text):
        if lines[line_of(m.start()) - 1].lstrip().startswith("//"):
            continue
        for w in WRITTEN.finditer(m.group(1)):
            if w.group(1) in fields:
                found.append((line_of(m.start()), f"{w.group(1)}: {w.group(2)} written into text: write the "
                                                    "schema's default (schema_default) instead"))
    # Where scenario and batch fields are resolved, any member with a number is a default written out.
    resolves = path.parent.name in ("scenario", "batch")
    in_struct = False
    for number, line in enumerate(lines, 1):
        if re.match(r"^\s*struct \w+ \{", line):
            in_struct = True
        elif re.match(r"^\s*\};", line):
            in_struct = False
        elif in_struct and (m := MEMBER.match(line)) and not trivial(m.group(2)):
            written = value(m.group(2))
            if resolves:
                found.append((number, "a config member with a default written out: use schema_default"))
                continue
            if any(written in numbers or lo <= written <= hi for numbers, lo, hi in fields.get(m.group(1), [])):
                found.append((number, f"member {m.group(1)} = {m.group(2)}: a schema field's default written "
                                      "out: use schema_default"))
            elif value(m.group(2)) in defaults and distinctive(value(m.group(2))):
                found.append((number, f"member {m.group(1)} = {m.group(2)} is the default of "
                                      f"{defaults[value(m.group(2))]}: use schema_default"))
        elif in_struct and LIST_MEMBER.match(line) and resolves:
            found.append((number, "a config member with a default written out: use schema_default"))
    return [(line, message) for line, message in found if not exempt(line)]


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


def docs_agree(fields):
    """False (each printed) where docs/ states a field's default ("`name` (default 1)") other than the
    schema's; the generated references are the schema's own words."""
    agree = True
    for doc in sorted((TOOLS.parent / "docs").glob("*.md")):
        if doc.name in ("scenario_reference.md", "batch_reference.md"):
            continue
        text = doc.read_text()
        for m in DOC_DEFAULT.finditer(text):
            name, stated = m.group(1).split(".")[-1], float(m.group(2).replace(",", ""))
            if name in fields and not any(stated in numbers for numbers, _, _ in fields[name] if numbers):
                print(f"{doc}:{text.count(chr(10), 0, m.start()) + 1}: error: `{m.group(1)}` said to default to "
                      f"{m.group(2)}, not the schema's default", file=sys.stderr)
                agree = False
    return agree


def main():
    fields, defaults, bounds = schema()
    found = set()
    for path in sorted(ENGINE.rglob("*.[ch]pp")):
        if path.relative_to(ENGINE).as_posix() in THRESHOLDS:
            continue
        for line, message in problems(path, fields, defaults, bounds):
            print(f"{path}:{line}: error: {message}", file=sys.stderr)
            found.add((path, line))
    if not FIXTURES:
        return 1 if found or not docs_agree(fields) else 0
    # Fixtures: every line marked `// caught` must be reported, and no other.
    marked = {(path, number) for path in ENGINE.rglob("*.[ch]pp")
              for number, line in enumerate(path.read_text().splitlines(), 1) if "// caught" in line}
    for path, line in sorted(marked - found):
        print(f"{path}:{line}: error: a fixture line marked `// caught` was not caught", file=sys.stderr)
    for path, line in sorted(found - marked):
        print(f"{path}:{line}: error: caught, but not marked `// caught` in the fixture", file=sys.stderr)
    return 0 if marked == found and marked else 1


if __name__ == "__main__":
    sys.exit(main())
