# Test-only helper of Tests/Validation/kubernetes-checks.py: CEL rules of CRDs with a Python equivalent.
"""The CEL rules (`x-kubernetes-validations`) of the upstream CRDs that kubernetes-checks.py evaluates.

kserve-canary's validator (Sources/SchemaValidation) does not evaluate CEL; neither does this
module in general: a rule is matched by its exact text (whitespace collapsed) against
CEL_EQUIVALENTS. A rule listed there is evaluated; any other rule is reported by `--list-cel` as not
checked. If an upstream CRD changes a rule's text, it silently falls back to "not checked", never
to a wrong check.
"""
from __future__ import annotations

import json
import re
from typing import Any


def path_join(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    key = str(key)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
DURATION_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


class CelError(Exception):
    """The rule could not be evaluated (the API server rejects the object then too)."""


def cel_duration(value: Any) -> float:
    """Seconds of a Go/CEL duration string such as "1h2m", "1.5s", "100ms"."""
    if not isinstance(value, str) or not value:
        raise CelError(f"{json.dumps(value)} is not a duration")
    text, sign = value, 1.0
    if text[0] in "+-":
        sign, text = (-1.0 if text[0] == "-" else 1.0), text[1:]
    if text == "0":
        return 0.0
    pos, total = 0, 0.0
    while pos < len(text):
        match = DURATION_PART.match(text, pos)
        if not match:
            raise CelError(f"{json.dumps(value)} is not a duration")
        total += float(match.group(1)) * DURATION_UNITS[match.group(2)]
        pos = match.end()
    if pos == 0:
        raise CelError(f"{json.dumps(value)} is not a duration")
    return sign * total


def cel_url_scheme(value: Any) -> str:
    from urllib.parse import urlsplit
    if not isinstance(value, str):
        raise CelError("not a URL")
    parts = urlsplit(value)
    if not parts.scheme or not parts.netloc:
        raise CelError(f"{json.dumps(value)} is not an absolute URL")
    return parts.scheme


def _has(obj: Any, field: str) -> bool:
    return isinstance(obj, dict) and field in obj and obj[field] is not None


def _count(obj: Any, *fields: str) -> int:
    return sum(1 for f in fields if _has(obj, f))


def _port_key(key: str) -> bool:
    try:
        return 0 < int(key) <= 65535
    except ValueError as exc:
        raise CelError(f"{key!r} is not an integer") from exc


CEL_EQUIVALENTS: dict[str, Any] = {
    "(has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1":
        lambda s: _count(s, "selector", "targetRef", "targetRefs") <= 1,
    "(has(self.workloadSelector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1":
        lambda s: _count(s, "workloadSelector", "targetRefs") <= 1,
    "(has(self.jwksUri) ? 1 : 0) + (has(self.jwks_uri) ? 1 : 0) + (has(self.jwks) ? 1 : 0) <= 1":
        lambda s: _count(s, "jwksUri", "jwks_uri", "jwks") <= 1,
    ("(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) && "
     "!has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true"):
        lambda s: not (_has(s, "serviceAccounts") or _has(s, "notServiceAccounts"))
        or _count(s, "principals", "notPrincipals", "namespaces", "notNamespaces") == 0,
    'self.all(key, !key.contains("*"))': lambda s: all("*" not in k for k in (s or {})),
    "self.all(key, key.size() != 0)": lambda s: all(len(k) != 0 for k in (s or {})),
    '!self.contains("*")': lambda s: "*" not in s,
    "self.size() == 0": lambda s: len(s) == 0,
    ('has(self.context) ? ((self.context == "WAYPOINT") ? has(self.waypoint) : !has(self.waypoint)) '
     ': !has(self.waypoint)'):
        lambda s: (_has(s, "waypoint") if s.get("context") == "WAYPOINT" else not _has(s, "waypoint"))
        if _has(s, "context") else not _has(s, "waypoint"),
    "0 < self && self <= 65535": lambda s: 0 < s <= 65535,
    "self.all(key, 0 < int(key) && int(key) <= 65535)": lambda s: all(_port_key(k) for k in (s or {})),
    "(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))":
        lambda s: _has(s, "chart") != _has(s, "chartRef"),
    "!has(self.retryInterval) || self.name != 'RemediateOnFailure'":
        lambda s: not _has(s, "retryInterval") or s.get("name") != "RemediateOnFailure",
    "!has(self.retryInterval) || self.name == 'RetryOnFailure'":
        lambda s: not _has(s, "retryInterval") or s.get("name") == "RetryOnFailure",
    "has(self.configMapRef) || has(self.secretRef)": lambda s: _has(s, "configMapRef") or _has(s, "secretRef"),
    "!has(self.configMapRef) || !has(self.secretRef)": lambda s: not (_has(s, "configMapRef") and _has(s, "secretRef")),
    "!has(self.interval) || (has(self.digestReflectionPolicy) && self.digestReflectionPolicy == 'Always')":
        lambda s: not _has(s, "interval") or s.get("digestReflectionPolicy") == "Always",
    "has(self.interval) || !has(self.digestReflectionPolicy) || self.digestReflectionPolicy != 'Always'":
        lambda s: _has(s, "interval") or s.get("digestReflectionPolicy") != "Always",
    ("has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? "
     "self.selector.matchLabels : {}).size() > 0) : true"):
        lambda s: not _has(s, "portLevelMtls") or len(((s.get("selector") or {}).get("matchLabels")) or {}) > 0,
    'url(self).getScheme() in ["http", "https"]': lambda s: cel_url_scheme(s) in ("http", "https"),
    "duration(self) >= duration('1ms')": lambda s: cel_duration(s) >= 0.001,
    '((has(self.operation) ? self.operation : "") == "UPSERT") ? (self.value != "") : true':
        lambda s: s.get("operation", "") != "UPSERT" or s.get("value") != "",
    '((has(self.operation) ? self.operation : "") == "REMOVE") ? !has(self.value) : true':
        lambda s: s.get("operation", "") != "REMOVE" or not _has(s, "value"),
}


def normalize_rule(rule: str) -> str:
    return " ".join(rule.split())


def check_cel(obj: Any, schema: Any, path: str) -> list[tuple[str, str]]:
    """Evaluates the rules of CEL_EQUIVALENTS along the instance."""
    problems: list[tuple[str, str]] = []
    if not isinstance(schema, dict) or obj is None:
        return problems
    for rule in schema.get("x-kubernetes-validations") or []:
        check = CEL_EQUIVALENTS.get(normalize_rule(rule.get("rule", "")))
        if check is None:
            continue
        message = rule.get("message") or f"failed rule: {normalize_rule(rule.get('rule', ''))}"
        try:
            ok = bool(check(obj))
        except CelError as exc:
            ok, message = False, f"{message} ({exc})"
        except (TypeError, AttributeError, ValueError):
            continue  # a type error: already reported by the schema check
        if not ok:
            problems.append((path, message))
    if isinstance(obj, dict):
        props = schema.get("properties") or {}
        extra = schema.get("additionalProperties")
        for name, value in obj.items():
            sub = props.get(name, extra if isinstance(extra, dict) else None)
            if sub is not None:
                problems += check_cel(value, sub, path_join(path, name))
    elif isinstance(obj, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(obj):
            problems += check_cel(item, schema["items"], f"{path}[{i}]")
    return problems


def cel_rules(crds: dict[tuple[str, str], dict], kinds: set[str] | None, storage_only: bool,
              pairs: set[tuple[str, str]] | None = None) -> list[dict]:
    rules = []

    def walk(node: Any, path: str, out: list) -> None:
        if not isinstance(node, dict):
            return
        for rule in node.get("x-kubernetes-validations") or []:
            out.append((path or ".", rule))
        for name, sub in (node.get("properties") or {}).items():
            walk(sub, f"{path}.{name}", out)
        if isinstance(node.get("items"), dict):
            walk(node["items"], f"{path}[]", out)
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], f"{path}.*", out)

    for (api_version, kind), entry in sorted(crds.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if kinds and kind not in kinds:
            continue
        if pairs is not None:
            if (api_version, kind) not in pairs:
                continue
        elif storage_only and not entry["storage"]:
            continue
        found: list = []
        walk(entry["schema"], "", found)
        for path, rule in found:
            rules.append({"apiVersion": api_version, "kind": kind, "path": path,
                          "rule": rule.get("rule", ""),
                          "message": rule.get("message") or rule.get("messageExpression", ""),
                          "checked": normalize_rule(rule.get("rule", "")) in CEL_EQUIVALENTS})
    return rules
