#!/usr/bin/python3
"""Checks NDJSON rows against a BigQuery table schema the way `bq load
--source_format=NEWLINE_DELIMITED_JSON` judges them (standard library only).

Usage: bq_conformance.py SCHEMA_JSON TABLE NDJSON [--every-column] [--min-rows N]
SCHEMA_JSON holds {table: [fields]} (bq-schemas.json) or a plain field list (the
output of `export --schema`). Fails (exit 1, first violations listed) on: a line
that is not a JSON object, a key the schema lacks, a REQUIRED column absent or
null, a value of the wrong type, a NUMERIC with more decimals than its scale or
more integer digits than precision - scale, a DATE/TIMESTAMP text bq cannot
read, a REPEATED column that is not an array or holds null, NaN/Infinity
anywhere. --every-column also requires every schema column on every row.
"""
import datetime as dt
import decimal
import json
import re
import sys

INT64 = (-(2 ** 63), 2 ** 63 - 1)
TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?"
                       r"(?: ?(?:UTC|Z|[+-]\d{2}:\d{2}))?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def reject_constant(name):
    raise ValueError(f"{name} is not a value BigQuery accepts")


def check_scalar(field, v, where):
    t = field["type"]
    is_number = isinstance(v, (int, decimal.Decimal)) and not isinstance(v, bool)
    if t == "STRING":
        return [] if isinstance(v, str) else [f"{where}: STRING expected, got {v!r}"]
    if t == "INTEGER":
        if not isinstance(v, int) or isinstance(v, bool):
            return [f"{where}: INTEGER expected, got {v!r}"]
        return [] if INT64[0] <= v <= INT64[1] else [f"{where}: {v} outside INT64"]
    if t == "FLOAT":
        return [] if is_number else [f"{where}: FLOAT expected, got {v!r}"]
    if t == "NUMERIC":
        if not is_number:
            return [f"{where}: NUMERIC expected, got {v!r}"]
        d = decimal.Decimal(v)
        precision, scale = int(field.get("precision", 38)), int(field.get("scale", 9))
        if "precision" in field and "scale" not in field:
            scale = 0
        exp = d.as_tuple().exponent
        decimals = max(0, -exp)
        int_digits = max(0, len(d.as_tuple().digits) + exp) if d != 0 else 0
        errs = []
        if decimals > scale:
            errs.append(f"{where}: {v} has {decimals} decimals, NUMERIC({precision},{scale}) keeps {scale}")
        if int_digits > precision - scale:
            errs.append(f"{where}: {v} has {int_digits} integer digits, NUMERIC({precision},{scale}) allows "
                        f"{precision - scale}")
        return errs
    if t == "BOOLEAN":
        return [] if isinstance(v, bool) else [f"{where}: BOOLEAN expected, got {v!r}"]
    if t == "DATE":
        if not isinstance(v, str) or not DATE.match(v):
            return [f"{where}: DATE text YYYY-MM-DD expected, got {v!r}"]
        try:
            dt.date.fromisoformat(v)
        except ValueError:
            return [f"{where}: {v!r} is not a calendar date"]
        return []
    if t == "TIMESTAMP":
        m = TIMESTAMP.match(v) if isinstance(v, str) else None
        if not m:
            return [f"{where}: TIMESTAMP text expected, got {v!r}"]
        try:
            dt.date.fromisoformat(m.group(1))
            if int(m.group(2)) > 23 or int(m.group(3)) > 59 or int(m.group(4) or 0) > 59:
                raise ValueError
        except ValueError:
            return [f"{where}: {v!r} is not a valid time"]
        return []
    if t == "RECORD":
        if not isinstance(v, dict):
            return [f"{where}: RECORD (JSON object) expected, got {v!r}"]
        return check_object(field["fields"], v, where, every_column=False)
    return [f"{where}: schema type {t} is not checked by this validator"]


def check_object(fields, obj, where, every_column):
    errs = []
    by_name = {f["name"]: f for f in fields}
    for k in obj:
        if k not in by_name:
            errs.append(f"{where}: column {k!r} is not in the schema")
    for f in fields:
        name, mode = f["name"], f.get("mode", "NULLABLE")
        w = f"{where} {name}"
        if name not in obj:
            if mode == "REQUIRED":
                errs.append(f"{w}: REQUIRED column absent")
            elif every_column:
                errs.append(f"{w}: column absent")
            continue
        v = obj[name]
        if v is None:
            if mode == "REQUIRED":
                errs.append(f"{w}: REQUIRED column is null")
            continue
        if mode == "REPEATED":
            if not isinstance(v, list):
                errs.append(f"{w}: REPEATED column needs a JSON array, got {v!r}")
                continue
            for i, e in enumerate(v):
                errs += [f"{w}[{i}]: null inside an array"] if e is None else check_scalar(f, e, f"{w}[{i}]")
        else:
            errs += check_scalar(f, v, w)
    return errs


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    every_column = "--every-column" in argv
    min_rows = int(argv[argv.index("--min-rows") + 1]) if "--min-rows" in argv else 1
    if "--min-rows" in argv:
        args.remove(argv[argv.index("--min-rows") + 1])
    schema_path, table, ndjson = args
    schema = json.load(open(schema_path))
    fields = schema[table] if isinstance(schema, dict) else schema
    errors, n = [], 0
    with open(ndjson, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                obj = json.loads(line, parse_float=decimal.Decimal, parse_constant=reject_constant)
            except ValueError as e:
                errors.append(f"line {n}: not JSON ({e})")
                continue
            if not isinstance(obj, dict):
                errors.append(f"line {n}: not a JSON object")
                continue
            errors += check_object(fields, obj, f"line {n}", every_column)
            if len(errors) > 20:
                break
    if n < min_rows:
        errors.append(f"{ndjson}: {n} rows, expected at least {min_rows}")
    if errors:
        print(f"FAIL: {table}: {len(errors)} violations (first shown)")
        for e in errors[:20]:
            print("  " + e)
        return 1
    print(f"ok: {table}: {n} rows conform to the schema ({len(fields)} columns"
          f"{', every one present' if every_column else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
