# Test-only helper of Tests/Validation/kubernetes-checks.py: checks beyond JSON-schema keywords.
"""Metadata syntax, formats and list types, for the built-in kinds kubernetes-checks.py validates."""
from __future__ import annotations

import base64
import json
import re
from typing import Any

from cel_rules import path_join


# ---------------------------------------------------------------------------------------------
# Checks beyond JSON schema keywords
# ---------------------------------------------------------------------------------------------

DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
LABEL_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def check_metadata_syntax(meta: Any) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not isinstance(meta, dict):
        return [("$.metadata", "metadata is required")]
    name = meta.get("name")
    if not name and not meta.get("generateName"):
        problems.append(("$.metadata.name", "name or generateName is required"))
    if isinstance(name, str) and name and (len(name) > 253 or not DNS1123_SUBDOMAIN.match(name)):
        problems.append(("$.metadata.name", f'"{name}" is not a DNS-1123 subdomain '
                         '(lower case alphanumerics, "-" and ".", at most 253 characters)'))
    labels = meta.get("labels")
    if isinstance(labels, dict):
        for key, value in labels.items():
            prefix, _, label_name = key.rpartition("/")
            if (prefix and (len(prefix) > 253 or not DNS1123_SUBDOMAIN.match(prefix))) \
                    or len(label_name) > 63 or not LABEL_NAME.match(label_name):
                problems.append((path_join("$.metadata.labels", key), f'invalid label key "{key}"'))
            if isinstance(value, str) and (len(value) > 63 or not LABEL_VALUE.match(value)):
                problems.append((path_join("$.metadata.labels", key),
                                 f'invalid label value "{value}" '
                                 '(at most 63 characters, alphanumerics, "-", "_", "." inside)'))
    return problems


def make_format_checker(jsonschema):
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("int32")
    def _int32(value):  # noqa: ANN001
        return not isinstance(value, int) or isinstance(value, bool) or -2**31 <= value < 2**31

    @checker.checks("int64")
    def _int64(value):  # noqa: ANN001
        return not isinstance(value, int) or isinstance(value, bool) or -2**63 <= value < 2**63

    @checker.checks("byte")
    def _byte(value):  # noqa: ANN001
        if not isinstance(value, str):
            return True
        try:
            base64.b64decode(value, validate=True)
            return True
        except ValueError:
            return False

    @checker.checks("date-time")
    def _date_time(value):  # noqa: ANN001
        return not isinstance(value, str) or bool(RFC3339.match(value))

    return checker


def check_list_types(obj: Any, schema: Any, path: str, resolve) -> list[tuple[str, str]]:
    """Uniqueness of x-kubernetes-list-type set/map lists (walks the instance alongside the schema)."""
    problems: list[tuple[str, str]] = []
    schema = resolve(schema)
    if not isinstance(schema, dict):
        return problems
    if isinstance(obj, list):
        list_type = schema.get("x-kubernetes-list-type")
        if list_type == "set":
            seen = []
            for i, item in enumerate(obj):
                if item in seen:
                    problems.append((f"{path}[{i}]", f"duplicate value {json.dumps(item)} in a set"))
                seen.append(item)
        elif list_type == "map":
            keys = schema.get("x-kubernetes-list-map-keys") or []
            seen_keys: list[tuple] = []
            for i, item in enumerate(obj):
                if not isinstance(item, dict):
                    continue
                item_key = tuple(item.get(k) for k in keys)
                if item_key in seen_keys:
                    desc = ", ".join(f"{k}={json.dumps(v)}" for k, v in zip(keys, item_key))
                    problems.append((f"{path}[{i}]", f"duplicate entry with {desc} in a map list"))
                seen_keys.append(item_key)
        if "items" in schema:
            for i, item in enumerate(obj):
                problems += check_list_types(item, schema["items"], f"{path}[{i}]", resolve)
    elif isinstance(obj, dict):
        props = schema.get("properties") or {}
        extra = schema.get("additionalProperties")
        for name, value in obj.items():
            sub = props.get(name, extra if isinstance(extra, dict) else None)
            if sub is not None:
                problems += check_list_types(value, sub, path_join(path, name), resolve)
    return problems
