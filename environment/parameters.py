"""Parameterised runs of the causal-heads notebooks, after papermill's convention.

Each notebook's parameters cell carries the cell tag "parameters". A run with overrides gets one
more cell right after it, tagged "injected-parameters", which re-runs the parameters cell's
statements with the new values: an overridden declaration gets its new initialiser, and every
later statement that uses an overridden (or re-run) name is run again, so derived parameters
(quick-mode budgets, a sweep computed from its bounds) follow. The cell ends with the parameters
cell's summary line, so its output shows the values the run used.

A value is a Java literal of the parameter's declared type, checked before any kernel starts:
int/long/short/byte (range-checked; 1_000 and 10L allowed), double/float, boolean, a string
literal in double quotes, a constant of a library enum (FDivergence.CHI2, or CHI2), or an array
of these as {a, b, c}. Other types (a configuration record, say) are refused: set its fields'
source parameters instead.
"""
import glob
import os
import re
import subprocess

HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INJECTED_TAG = "injected-parameters"
PARAMETERS_TAG = "parameters"


class ParameterError(Exception):
    """A bad override: unknown key, bad value, or a notebook without a parameters cell."""


def strip_comments(source):
    """Java source without // and /* */ comments (string and char literals kept as they are)."""
    out, i, n = [], 0, len(source)
    while i < n:
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif source[i] in "\"'":
            j = i + 1
            while j < n and source[j] != source[i]:
                j += 2 if source[j] == "\\" else 1
            out.append(source[i:j + 1])
            i = j + 1
        else:
            out.append(source[i])
            i += 1
    return "".join(out)


def split_statements(source):
    """Top-level statements of a Java cell: (text, ends_with_semicolon), comments dropped."""
    parts = split_top(strip_comments(source), ";")
    out = [(p.strip(), True) for p in parts[:-1] if p.strip()]
    if parts[-1].strip():
        out.append((parts[-1].strip(), False))
    return out


def split_top(text, sep=","):
    """Split at top-level separators (outside brackets and strings)."""
    parts, buf, depth, i = [], [], 0, 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            buf.append(text[i:j + 1])
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == sep and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(c)
        i += 1
    parts.append("".join(buf))
    return parts


DECL = re.compile(r"^(?P<type>[A-Za-z_][\w.]*(?:<[^=]*>)?(?:\s*\[\s*\])*)\s+(?P<rest>[A-Za-z_]\w*\s*=.*)$", re.S)


def declaration(statement):
    """(type, [(name, initialiser)]) for a variable declaration, else None."""
    m = DECL.match(statement)
    if not m or m.group("type") in ("return", "new", "throw"):
        return None
    pairs = []
    for part in split_top(m.group("rest")):
        name, eq, init = part.partition("=")
        if not eq or not re.fullmatch(r"\s*[A-Za-z_]\w*\s*", name):
            return None
        pairs.append((name.strip(), init.strip()))
    return re.sub(r"\s+", "", m.group("type")), pairs


def parameters_cell(nb):
    """Index of the cell tagged 'parameters'."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            return i
    raise ParameterError("has no cell tagged 'parameters'")


def declared(nb):
    """{name: type} of the parameters cell, in order."""
    names = {}
    for text, _ in split_statements(nb.cells[parameters_cell(nb)].source):
        d = declaration(text)
        if d:
            for name, _ in d[1]:
                names[name] = d[0]
    return names


INT_RANGES = {"byte": 2 ** 7, "short": 2 ** 15, "int": 2 ** 31, "long": 2 ** 63}
FLOAT = re.compile(r"[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?[dDfF]?")


def imported_packages(nb):
    """Packages the notebook imports by wildcard (its first code cells)."""
    pkgs = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            pkgs += re.findall(r"^\s*import\s+([\w.]+)\.\*\s*;", cell.source, re.M)
    return pkgs


def enum_constants(type_name, packages):
    """The constants of a library enum named type_name (simple name) in one of packages, or None
    when no such class is an enum."""
    for pkg in packages:
        path = os.path.join(HOME, "target", "classes", *pkg.split("."), type_name + ".class")
        if not os.path.isfile(path):
            continue
        fqn = pkg + "." + type_name
        try:
            out = subprocess.run(["javap", "-cp", os.path.join(HOME, "target", "classes"), fqn],
                                 capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.TimeoutExpired):
            return None
        if not re.search(r"\bclass " + re.escape(fqn) + r" extends java\.lang\.Enum<", out):
            return None
        return re.findall(r"public static final " + re.escape(fqn) + r" (\w+);", out)
    return None


def literal(key, type_name, value, packages):
    """The Java source for value as type_name, or ParameterError naming key, value and what was
    expected."""
    v = value.strip()

    def bad(expected):
        return ParameterError(f"-p {key}={value}: {key} is declared {type_name}; expected {expected}")

    if type_name.endswith("[]"):
        element = type_name[:-2]
        m = re.fullmatch(r"(?:new\s+[\w.]+\s*\[\s*\]\s*)?\{(.*)\}", v, re.S)
        if not m:
            raise bad(f"an array literal such as {{1, 2, 3}} of {element}")
        items = [x for x in split_top(m.group(1)) if x.strip()]
        try:
            java = [literal(key, element, x, packages) for x in items]
        except ParameterError as e:
            raise bad(f"an array literal such as {{1, 2, 3}} of {element} ({str(e).split('; expected ')[-1]} for each element)")
        return f"new {element}[] {{{', '.join(java)}}}"
    if type_name in INT_RANGES:
        m = re.fullmatch(r"([+-]?)(0|[1-9][\d_]*)([lL]?)", v)
        if not m or (m.group(3) and type_name != "long") or m.group(2).endswith("_"):
            raise bad(f"a whole number ({type_name} literal)")
        number = int(m.group(1) + m.group(2).replace("_", ""))
        bound = INT_RANGES[type_name]
        if not -bound <= number < bound:
            raise bad(f"a {type_name} from {-bound} to {bound - 1}")
        return f"{number}L" if type_name == "long" else str(number)
    if type_name in ("double", "float"):
        if not FLOAT.fullmatch(v) or v.endswith("_"):
            raise bad("a number such as 0.5 or 1e-3")
        return v
    if type_name == "boolean":
        if v not in ("true", "false"):
            raise bad("true or false")
        return v
    if type_name == "String":
        if not re.fullmatch(r'"(?:[^"\\\n]|\\.)*"', v):
            raise bad('a Java string literal in double quotes, such as "asia"')
        return v
    simple = type_name.split(".")[-1]
    constants = enum_constants(simple, packages)
    if constants is None:
        raise ParameterError(f"-p {key}={value}: {key} has type {type_name}, which -p cannot set (only int, long, "
                             f"double, boolean, String, library enums and arrays of them); set the parameters it is "
                             f"built from instead")
    name = v[len(simple) + 1:] if v.startswith(simple + ".") else v
    if name not in constants:
        raise bad(f"one of {', '.join(simple + '.' + c for c in constants)}")
    return f"{simple}.{name}"


def parse_overrides(pairs):
    """['KEY=VALUE', ...] -> {KEY: VALUE} (in order); a malformed pair is a ParameterError."""
    out = {}
    for p in pairs:
        key, eq, value = p.partition("=")
        if not eq or not re.fullmatch(r"[A-Za-z_]\w*", key.strip()) or not value.strip():
            raise ParameterError(f"-p {p}: expected KEY=VALUE with a parameter name and a Java literal")
        if key.strip() in out:
            raise ParameterError(f"-p {p}: {key.strip()} is given twice")
        out[key.strip()] = value
    return out


def injected_source(nb, overrides):
    """The source of the injected cell for {key: value} overrides (values already checked)."""
    statements = split_statements(nb.cells[parameters_cell(nb)].source)
    changed, lines = set(), []
    for text, terminated in statements:
        d = declaration(text) if terminated else None
        if d and any(name in overrides for name, _ in d[1]):
            parts = [f"{name} = {overrides.get(name, init)}" for name, init in d[1]]
            lines.append(f"{d[0]} {', '.join(parts)};")
            changed.update(name for name, _ in d[1])
        elif terminated and changed and re.search(r"\b(" + "|".join(map(re.escape, changed)) + r")\b", text):
            lines.append(text + ";")
            if d:
                changed.update(name for name, _ in d[1])
        elif not terminated:
            lines.append(text)  # the summary line: shows the values this run used
    shown = ", ".join(f"{k}={v}" for k, v in overrides.items())
    return f"// injected parameters: {shown}\n" + "\n".join(lines)


def inject(nb, raw):
    """Check raw {key: value} overrides against the notebook's parameters cell and insert the
    injected cell after it (in nb, which is modified). Returns the checked {key: java literal}."""
    import nbformat
    types = declared(nb)
    packages = imported_packages(nb)
    checked = {}
    for key, value in raw.items():
        if key not in types:
            raise ParameterError(f"-p {key}={value}: no parameter {key} in the parameters cell "
                                 f"(parameters: {', '.join(types)})")
        checked[key] = literal(key, types[key], value, packages)
    index = parameters_cell(nb)
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    cell = nbformat.v4.new_code_cell(injected_source(nb, checked))
    cell.metadata["tags"] = [INJECTED_TAG]
    nb.cells.insert(index + 1, cell)
    return checked


def read_table(path):
    """Parameter sets from a CSV (a header of parameter names, optionally a 'set' column naming
    each row) or a JSON list of objects (an optional "set" key). Returns [(set name, {key: value})]."""
    import csv
    import json
    if not os.path.isfile(path):
        raise ParameterError(f"--params {path}: no such file (expected a CSV or JSON table of parameter sets)")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except UnicodeDecodeError:
        raise ParameterError(f"--params {path}: not UTF-8 text (expected a CSV or JSON table of parameter sets)")
    rows = []
    if path.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ParameterError(f"--params {path}: not valid JSON ({e.msg} at line {e.lineno})")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ParameterError(f"--params {path}: expected a JSON list of objects, one per parameter set")
        for r in data:
            rows.append({str(k): v if isinstance(v, str) else json.dumps(v).replace("[", "{").replace("]", "}")
                         for k, v in r.items()})
    else:
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames:
            raise ParameterError(f"--params {path}: empty (expected a header of parameter names)")
        for line, r in enumerate(reader, start=2):
            if None in r or any(v is None for v in r.values()):
                raise ParameterError(f"--params {path}: line {line} has {len(r)} fields, the header {len(reader.fieldnames)}")
            rows.append(dict(r))
    if not rows:
        raise ParameterError(f"--params {path}: no parameter sets")
    sets, seen = [], set()
    for i, r in enumerate(rows, start=1):
        name = str(r.pop("set", "") or f"set{i}")
        if not re.fullmatch(r"[\w.-]+", name) or name in seen:
            raise ParameterError(f"--params {path}: set name {name!r} is repeated or not a plain name")
        seen.add(name)
        sets.append((name, {k: str(v) for k, v in r.items() if str(v).strip() != ""}))
    return sets


def grid_of(nb, path):
    """The parameter sets a notebook declares in its metadata, causal_heads.grid: a JSON list of
    objects mapping parameter names to Java literals (strings, as -p takes them). Returns
    [(set name, {key: value})] with names made of the keys and values (F-TV, T-30_K-2, FS-KL+TV), or [] when
    the notebook declares no grid; a malformed grid is a ParameterError."""
    grid = nb.get("metadata", {}).get("causal_heads", {}).get("grid")
    if grid is None:
        return []
    where = f"{os.path.basename(path)}: metadata causal_heads.grid"
    if not isinstance(grid, list) or not grid or not all(isinstance(r, dict) and r for r in grid):
        raise ParameterError(f"{where}: expected a non-empty JSON list of non-empty objects (parameter name -> Java literal)")
    sets, seen = [], set()
    for r in grid:
        if not all(isinstance(v, str) for v in r.values()):
            raise ParameterError(f"{where}: {json_text(r)}: every value must be a string holding a Java literal, e.g. \"30\"")
        name = "_".join(k + "-" + re.sub(r"[^\w.-]+", "+", re.sub(r"\b[A-Z]\w*\.", "", v)).strip("+") for k, v in r.items())
        base, k = name or "set", 2
        while name in seen:
            name, k = f"{base}.{k}", k + 1
        seen.add(name)
        sets.append((name, dict(r)))
    return sets


def json_text(value):
    import json
    return json.dumps(value, ensure_ascii=False)


def check_cells(nb):
    """Indexes of the cells that check claims (they throw when a claim fails)."""
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and ("Claims.check()" in c.source or "AssertionError" in c.source)]


def check_results(nb):
    """[(cell index, 'passed' | 'failed' | 'not run', text)] for every check cell of an executed
    (or partly executed) notebook. A passed check whose claims did not all apply (Claims'
    "does not apply: ...") is still 'passed'; its text says which."""
    out = []
    for i in check_cells(nb):
        cell = nb.cells[i]
        outputs = cell.get("outputs", [])
        errors = [o for o in outputs if o.get("output_type") == "error"]
        if errors:
            out.append((i, "failed", f"{errors[0].get('ename', '')}: {errors[0].get('evalue', '')}"))
        elif cell.get("execution_count") and outputs:
            text = ""
            for o in outputs:
                data = o.get("data", {})
                shown = "".join(data.get("text/plain", "")) or re.sub(r"<[^>]+>", " ", "".join(data.get("text/html", "")))
                text += shown + "".join(o.get("text", ""))
            out.append((i, "passed", " ".join(text.split())))
        else:
            out.append((i, "not run", ""))
    return out
