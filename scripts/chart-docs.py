#!/usr/bin/env python3
"""Keeps each chart's README values table in step with its values.yaml (helm-docs style).

values.yaml documents every value with a `# -- description` comment directly above the key
(continuation lines start with `#`). A value is a *leaf*: a scalar, a list, or an empty map;
non-empty maps are only containers. The README holds the table between the markers
`<!-- values-table:start -->` and `<!-- values-table:end -->`.

    scripts/chart-docs.py --check charts/kserve-model charts/kserve-general   # the test
    scripts/chart-docs.py --write charts/kserve-model                         # regenerate the table

--check fails (exit 1) when a leaf of values.yaml has no `# --` comment, when a leaf path is
missing from the README table or the table lists a path values.yaml does not have, or when the
table otherwise differs from the generated one (defaults, types, descriptions).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys

import yaml

START = "<!-- values-table:start -->"
END = "<!-- values-table:end -->"
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z0-9_.\-/\"']+):(?:\s|$)")


def leaves(value, prefix=""):
    """Leaf paths of a parsed values tree, in document order."""
    if isinstance(value, dict) and value:
        for key, sub in value.items():
            yield from leaves(sub, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, value


def comments(text: str) -> dict[str, str]:
    """path -> description from `# --` comments (only keys of nested maps, not inside lists)."""
    result: dict[str, str] = {}
    stack: list[tuple[int, str]] = []   # (indent, key)
    pending: list[str] | None = None
    skip_indent: int | None = None      # inside a list value: skip deeper lines
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if skip_indent is not None:
            # inside a list value: its items (and anything nested in them) are not values of their own
            if indent > skip_indent or (indent == skip_indent and stripped.startswith("- ")):
                continue
            skip_indent = None
        if stripped.startswith("#"):
            body = stripped[1:].strip()
            if body.startswith("--"):
                pending = [body[2:].strip()]
            elif pending is not None:
                pending.append(body)
            continue
        if stripped.startswith("- ") or stripped == "-":
            skip_indent = indent
            pending = None
            continue
        match = KEY_LINE.match(raw)
        if not match:
            pending = None
            continue
        key = match.group("key").strip("\"'")
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, key))
        path = ".".join(k for _, k in stack)
        if pending is not None:
            result[path] = " ".join(p for p in pending if p)
            pending = None
    return result


def type_of(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "null"


def default_of(value) -> str:
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return "`" + text.replace("|", "\\|") + "`"


def table(chart: str) -> tuple[str, list[str]]:
    """The generated Markdown table and the problems of values.yaml (missing comments)."""
    with open(os.path.join(chart, "values.yaml"), encoding="utf-8") as fh:
        text = fh.read()
    values = yaml.safe_load(text) or {}
    docs = comments(text)
    problems = []
    rows = ["| Key | Type | Default | Description |", "|-----|------|---------|-------------|"]
    for path, value in leaves(values):
        description = docs.get(path, "")
        if not description:
            problems.append(f"{chart}/values.yaml: {path}: no `# --` comment")
        description = description.replace("|", "\\|")
        rows.append(f"| `{path}` | {type_of(value)} | {default_of(value)} | {description} |")
    return "\n".join(rows) + "\n", problems


def readme_paths(section: str) -> list[str]:
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.M)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--write", action="store_true")
    parser.add_argument("charts", nargs="+")
    args = parser.parse_args()
    failed = False
    for chart in args.charts:
        generated, problems = table(chart)
        readme_path = os.path.join(chart, "README.md")
        with open(readme_path, encoding="utf-8") as fh:
            readme = fh.read()
        if START not in readme or END not in readme:
            problems.append(f"{readme_path}: no {START} ... {END} section")
            for p in problems:
                print(p)
            failed = True
            continue
        head, rest = readme.split(START, 1)
        section, tail = rest.split(END, 1)
        if args.write:
            with open(readme_path, "w", encoding="utf-8") as fh:
                fh.write(head + START + "\n" + generated + END + tail)
            for p in problems:
                print(p)
            failed = failed or bool(problems)
            continue
        values_paths = readme_paths(generated)
        table_paths = readme_paths(section)
        for path in values_paths:
            if path not in table_paths:
                problems.append(f"{readme_path}: values.yaml key `{path}` is missing from the values table")
        for path in table_paths:
            if path not in values_paths:
                problems.append(f"{readme_path}: the values table lists `{path}`, which values.yaml does not have")
        if not problems and section.strip() != generated.strip():
            problems.append(f"{readme_path}: the values table differs from values.yaml (defaults, types or "
                            f"descriptions); run scripts/chart-docs.py --write {chart}")
        for p in problems:
            print(p)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
