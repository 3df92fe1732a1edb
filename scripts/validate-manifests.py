#!/usr/bin/env python3
"""Strict, offline schema validation of rendered Kubernetes manifests.

Usage:
    scripts/validate-manifests.py [--crds DIR] [--kube-version 1.35] [FILE ...]
    helm template ... | scripts/validate-manifests.py            # reads stdin ("-" works too)
    scripts/validate-manifests.py --list-cel [--kinds VirtualService,HelmRelease]

Every document of every multi-document YAML stream is validated like `kubectl apply
--validate=strict` would, without a cluster:

* Custom resources (InferenceService, Istio, Flux) against the `openAPIV3Schema` of the upstream
  CRDs in DIR (`--crds`, else `$KSERVE_CANARY_CRDS`, else `../shared/crds` next to the repository).
  The schemas are made strict the way the API server's pruning + strict field validation behave:
  `additionalProperties: false` is set on every object node unless it is marked
  `x-kubernetes-preserve-unknown-fields` or already describes a map (`additionalProperties` schema);
  each node is decided on its own. `nullable: true` becomes `type: [T, "null"]`; int-or-string nodes
  keep their `anyOf`. Schema defaults are applied first, as the API server does.
  `metadata` is checked against the Kubernetes ObjectMeta schema.
* prometheus-operator's PodMonitor and ServiceMonitor (monitoring.coreos.com/v1) against the
  schemas of prometheus-operator v0.80.1 that the pinned PyPI package
  `cloudcoil-models-prometheus-operator` carries (scripts/monitoring_schemas.py says how).
* Built-in kinds (ServiceAccount, HorizontalPodAutoscaler autoscaling/v2, PodDisruptionBudget
  policy/v1, ConfigMap, Service, Deployment, ...) against the strict Kubernetes JSON schemas that the
  `kubernetes-validate` PyPI package ships (installed on first use, pinned below).
* Beyond JSON schema: duplicate mapping keys (the API server's strict decoder rejects them),
  `format` int32/int64/byte/date-time, uniqueness in `x-kubernetes-list-type: set|map` lists,
  `metadata.name` (DNS-1123 subdomain) and label key/value syntax.
* Not checked: CEL rules (`x-kubernetes-validations`) and the API server's built-in (Go) validation;
  `--list-cel` prints the CEL rules, docs/validation.md lists them.

Any kind that has no schema is an error. Output: one line per problem,
`<file>: document N (Kind/name): <json path>: <message>`; exit status 1 when there is any problem,
2 on usage errors (missing CRD directory, dependency not installable).
"""
from __future__ import annotations

import argparse
import base64
import copy
import datetime
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
from typing import Any, Iterator

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import monitoring_schemas  # noqa: E402

KUBERNETES_VALIDATE = "kubernetes-validate==1.37.0"
DEFAULT_KUBE_VERSION = "1.35"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

try:
    _Loader = yaml.CSafeLoader  # libyaml: about 5x faster on the 2 MB InferenceService CRD
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader


class UsageError(Exception):
    """A problem with the environment or the command line, not with a manifest."""


# ---------------------------------------------------------------------------------------------
# Dependencies
# ---------------------------------------------------------------------------------------------

def import_jsonschema():
    try:
        import jsonschema  # noqa: F401
        import referencing  # noqa: F401
    except ImportError as exc:  # pragma: no cover
        raise UsageError(f"python module missing ({exc}); run: python3 -m pip install jsonschema pyyaml")
    import jsonschema
    return jsonschema


def kubernetes_schema_root(install: bool) -> str:
    """Directory holding kubernetes-validate's `kubernetes-json-schema/` tree; pip-installs it if allowed."""
    try:
        import kubernetes_validate  # type: ignore
    except ImportError:
        if not install:
            raise UsageError(f"kubernetes-validate is not installed; run: python3 -m pip install {KUBERNETES_VALIDATE}")
        import fcntl
        import importlib
        lock_dir = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kserve-canary")
        os.makedirs(lock_dir, exist_ok=True)
        with open(os.path.join(lock_dir, "pip-install.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test runs: one pip at a time
            importlib.invalidate_caches()
            try:
                import kubernetes_validate  # type: ignore  # installed by another process meanwhile
            except ImportError:
                print(f"validate-manifests: installing {KUBERNETES_VALIDATE} (first use)", file=sys.stderr)
                proc = subprocess.run(
                    [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", KUBERNETES_VALIDATE],
                    stdout=sys.stderr, stderr=sys.stderr,
                )
                if proc.returncode != 0:
                    raise UsageError(f"could not install {KUBERNETES_VALIDATE}; install it by hand")
                importlib.invalidate_caches()
                import kubernetes_validate  # type: ignore
    return os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema")


# ---------------------------------------------------------------------------------------------
# YAML input
# ---------------------------------------------------------------------------------------------

class Document:
    def __init__(self, index: int, obj: Any, problems: list[tuple[str, str]]):
        self.index = index          # 1-based position in the stream
        self.obj = obj              # parsed object (None for empty documents)
        self.problems = problems    # (json path, message) found while parsing


def _duplicate_keys(node: yaml.Node, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None:
                if name in seen:
                    out.append((path_join(path, name), f'duplicate key "{name}" (line {key.start_mark.line + 1})'))
                seen.add(name)
            _duplicate_keys(value, path_join(path, name if name is not None else "?"), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _duplicate_keys(item, f"{path}[{i}]", out)


def _jsonify(value: Any) -> Any:
    """YAML -> JSON types the way sigs.k8s.io/yaml does (timestamps stay strings, keys are strings)."""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, bool) else str(k).lower(): _jsonify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonify(v) for v in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def read_documents(text: str) -> Iterator[Document]:
    loader = _Loader(text)
    index = 0
    try:
        while loader.check_node():
            node = loader.get_node()
            index += 1
            problems: list[tuple[str, str]] = []
            if node is None:
                yield Document(index, None, problems)
                continue
            _duplicate_keys(node, "$", problems)
            obj = loader.construct_document(node)
            yield Document(index, _jsonify(obj), problems)
    except yaml.YAMLError as exc:
        yield Document(index + 1, None, [("$", f"YAML syntax error: {exc}".replace("\n", " "))])
    finally:
        loader.dispose()


# ---------------------------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------------------------

def path_join(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    key = str(key)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


def strict_structural(node: Any) -> Any:
    """Returns a copy of a CRD schema node made strict (see module docstring)."""
    if not isinstance(node, dict):
        return node
    out = dict(node)
    if out.pop("nullable", False):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        elif "anyOf" in out:
            out["anyOf"] = list(out["anyOf"]) + [{"type": "null"}]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = list(out["enum"]) + [None]
    if "properties" in out:
        out["properties"] = {k: strict_structural(v) for k, v in out["properties"].items()}
    if "items" in out:
        out["items"] = strict_structural(out["items"])
    if isinstance(out.get("additionalProperties"), dict):
        out["additionalProperties"] = strict_structural(out["additionalProperties"])
    is_object = out.get("type") == "object" or (isinstance(out.get("type"), list) and "object" in out["type"]) \
        or "properties" in out
    if is_object and not out.get("x-kubernetes-preserve-unknown-fields") and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def crd_files(crds: str) -> list[str]:
    files = sorted(glob.glob(os.path.join(crds, "**", "*.yaml"), recursive=True)
                   + glob.glob(os.path.join(crds, "**", "*.yml"), recursive=True))
    if not files:
        raise UsageError(f"no CRD files under {crds}")
    return files


def load_crds(crds: str) -> dict[tuple[str, str], dict]:
    """(apiVersion, kind) -> {"schema": raw openAPIV3Schema, "scope": ..., "storage": bool, "file": ...}.

    Parsed CRDs are cached as JSON in $XDG_CACHE_HOME/kserve-canary (keyed by path, size and mtime).
    """
    files = crd_files(crds)
    key = hashlib.sha256(json.dumps(
        [(os.path.abspath(f), os.path.getsize(f), os.path.getmtime(f)) for f in files]).encode()).hexdigest()[:20]
    cache_dir = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kserve-canary")
    cache = os.path.join(cache_dir, f"crd-schemas-{key}.json")
    try:
        with open(cache) as fh:
            raw = json.load(fh)
        return {tuple(k.split("|", 1)): v for k, v in raw.items()}  # type: ignore[misc]
    except (OSError, ValueError):
        pass
    result: dict[tuple[str, str], dict] = {}
    for path in files:
        with open(path) as fh:
            for doc in yaml.load_all(fh, Loader=_Loader):
                if not isinstance(doc, dict) or doc.get("kind") != "CustomResourceDefinition":
                    continue
                spec = doc["spec"]
                for version in spec.get("versions", []):
                    if not version.get("served", True):
                        continue
                    schema = (version.get("schema") or {}).get("openAPIV3Schema")
                    if schema is None:
                        continue
                    api_version = f"{spec['group']}/{version['name']}"
                    result[(api_version, spec["names"]["kind"])] = {
                        "schema": schema, "scope": spec.get("scope", "Namespaced"),
                        "storage": bool(version.get("storage")), "file": os.path.relpath(path, crds),
                    }
    try:
        os.makedirs(cache_dir, exist_ok=True)
        tmp = cache + f".{os.getpid()}.tmp"
        with open(tmp, "w") as fh:
            json.dump({f"{a}|{k}": v for (a, k), v in result.items()}, fh)
        os.replace(tmp, cache)
    except OSError:
        pass
    return result


def apply_defaults(obj: Any, schema: Any) -> None:
    """Fills in schema defaults like the API server does before validating."""
    if not isinstance(schema, dict):
        return
    if isinstance(obj, dict):
        props = schema.get("properties") or {}
        for name, sub in props.items():
            if name not in obj and isinstance(sub, dict) and "default" in sub:
                obj[name] = copy.deepcopy(sub["default"])
            if name in obj:
                apply_defaults(obj[name], sub)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for name, value in obj.items():
                if name not in props:
                    apply_defaults(value, extra)
    elif isinstance(obj, list) and isinstance(schema.get("items"), dict):
        for item in obj:
            apply_defaults(item, schema["items"])


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
        problems.append(("$.metadata.name", f'"{name}" is not a DNS-1123 subdomain (lower case alphanumerics, "-" and ".", at most 253 characters)'))
    labels = meta.get("labels")
    if isinstance(labels, dict):
        for key, value in labels.items():
            prefix, _, label_name = key.rpartition("/")
            if (prefix and (len(prefix) > 253 or not DNS1123_SUBDOMAIN.match(prefix))) \
                    or len(label_name) > 63 or not LABEL_NAME.match(label_name):
                problems.append((path_join("$.metadata.labels", key), f'invalid label key "{key}"'))
            if isinstance(value, str) and (len(value) > 63 or not LABEL_VALUE.match(value)):
                problems.append((path_join("$.metadata.labels", key),
                                 f'invalid label value "{value}" (at most 63 characters, alphanumerics, "-", "_", "." inside)'))
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


# ---------------------------------------------------------------------------------------------
# CEL rules with a Python equivalent
# ---------------------------------------------------------------------------------------------
# x-kubernetes-validations rules are matched by their exact text (whitespace collapsed). A rule
# listed here is evaluated; any other rule is reported by --list-cel as not checked. If an upstream
# CRD changes a rule's text, it silently falls back to "not checked", never to a wrong check.

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
    "(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) && !has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true":
        lambda s: not (_has(s, "serviceAccounts") or _has(s, "notServiceAccounts"))
        or _count(s, "principals", "notPrincipals", "namespaces", "notNamespaces") == 0,
    'self.all(key, !key.contains("*"))': lambda s: all("*" not in k for k in (s or {})),
    "self.all(key, key.size() != 0)": lambda s: all(len(k) != 0 for k in (s or {})),
    '!self.contains("*")': lambda s: "*" not in s,
    "self.size() == 0": lambda s: len(s) == 0,
    'has(self.context) ? ((self.context == "WAYPOINT") ? has(self.waypoint) : !has(self.waypoint)) : !has(self.waypoint)':
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
    "has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true":
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


# ---------------------------------------------------------------------------------------------
# Validator
# ---------------------------------------------------------------------------------------------

class Validator:
    def __init__(self, crds: str, kube_version: str, install: bool):
        self.jsonschema = import_jsonschema()
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
        self.crds = load_crds(crds)
        root = kubernetes_schema_root(install)
        self.kube_dir = os.path.join(root, f"v{kube_version}.0-local-strict")
        if not os.path.isdir(self.kube_dir):
            raise UsageError(f"kubernetes-validate has no schemas for Kubernetes {kube_version} ({self.kube_dir})")
        with open(os.path.join(self.kube_dir, "_definitions.json")) as fh:
            self.kube_defs = json.load(fh)
        self.registry = Registry().with_resource(
            "https://kubernetes.io/api/_definitions.json",
            Resource.from_contents(self.kube_defs, default_specification=DRAFT202012))
        self.format_checker = make_format_checker(self.jsonschema)
        self._validators: dict[tuple[str, str], Any] = {}
        self.install = install
        self._monitoring: dict[tuple[str, str], dict] | None = None
        meta_schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                       "$id": "https://kubernetes.io/api/objectmeta.json",
                       "$ref": f"/api/_definitions.json#/$defs/{OBJECT_META}"}
        self.meta_validator = self.jsonschema.Draft202012Validator(
            meta_schema, registry=self.registry, format_checker=self.format_checker)

    # -- schema lookup -------------------------------------------------------------------------

    def _kube_schema(self, api_version: str, kind: str) -> dict | None:
        group_version = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
        path = os.path.join(self.kube_dir, f"{kind.lower()}-{group_version}.json")
        if not os.path.isfile(path):
            return None
        with open(path) as fh:
            schema = json.load(fh)
        kinds = ((schema.get("properties") or {}).get("kind") or {}).get("enum") or []
        api_versions = ((schema.get("properties") or {}).get("apiVersion") or {}).get("enum") or []
        if kind not in kinds or api_version not in api_versions:
            return None  # a sub-type (DeploymentSpec) or another group with the same short name
        return schema

    def validator_for(self, api_version: str, kind: str):
        key = (api_version, kind)
        if key in self._validators:
            return self._validators[key]
        entry = None
        crd = self.crds.get(key)
        if crd is None and key in monitoring_schemas.KINDS:
            if self._monitoring is None:
                try:
                    self._monitoring = monitoring_schemas.load(self.install)
                except monitoring_schemas.SchemaUnavailable as exc:
                    raise UsageError(str(exc))
            schema = self._monitoring[key]
            validator = self.jsonschema.Draft202012Validator(schema, format_checker=self.format_checker)
            entry = ("crd", validator, schema, None)
        elif crd is not None:
            schema = strict_structural(copy.deepcopy(crd["schema"]))
            props = schema.setdefault("properties", {})
            props["apiVersion"] = {"type": "string", "enum": [api_version]}
            props["kind"] = {"type": "string", "enum": [kind]}
            props["metadata"] = {"type": "object"}  # checked against ObjectMeta separately
            schema["additionalProperties"] = False
            schema.setdefault("required", [])
            validator = self.jsonschema.Draft4Validator(schema, format_checker=self.format_checker)
            entry = ("crd", validator, schema, crd)
        else:
            kube = self._kube_schema(api_version, kind)
            if kube is not None:
                kube = dict(kube, **{"$schema": "https://json-schema.org/draft/2020-12/schema",
                                     "$id": f"https://kubernetes.io/api/{kind.lower()}.json"})
                validator = self.jsonschema.Draft202012Validator(
                    kube, registry=self.registry, format_checker=self.format_checker)
                entry = ("kubernetes", validator, kube, None)
        self._validators[key] = entry
        return entry

    # -- validation ------------------------------------------------------------------------------

    def _errors(self, validator, instance, prefix: str = "$") -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
            path = prefix
            for part in error.absolute_path:
                path = path_join(path, part)
            if error.validator == "additionalProperties" and isinstance(error.instance, dict):
                allowed = set((error.schema.get("properties") or {}).keys())
                patterns = list((error.schema.get("patternProperties") or {}).keys())
                extras = [k for k in error.instance
                          if k not in allowed and not any(re.search(p, k) for p in patterns)]
                for extra in extras:
                    problems.append((path_join(path, extra), f'unknown field "{extra}"'))
                if extras:
                    continue
            if error.validator == "required":
                missing = re.match(r"^'(.*)' is a required property$", error.message)
                if missing:
                    problems.append((path_join(path, missing.group(1)), "required field is missing"))
                    continue
            message = error.message
            if error.validator == "format":
                message = f"{json.dumps(error.instance)} is not a valid {error.validator_value}" + (
                    " (out of range)" if error.validator_value in ("int32", "int64") else "")
            if error.validator in ("anyOf", "oneOf") and error.context:
                best = self.jsonschema.exceptions.best_match(error.context)
                message = f"{message} ({best.message})" if best is not None else message
            if len(message) > 400:
                message = message[:400] + "..."
            problems.append((path, message))
        return problems

    def validate(self, obj: Any) -> list[tuple[str, str]]:
        if not isinstance(obj, dict):
            return [("$", f"a Kubernetes object must be a mapping, not {type(obj).__name__}")]
        api_version, kind = obj.get("apiVersion"), obj.get("kind")
        if not isinstance(api_version, str) or not api_version:
            return [("$.apiVersion", "required field is missing")]
        if not isinstance(kind, str) or not kind:
            return [("$.kind", "required field is missing")]
        entry = self.validator_for(api_version, kind)
        if entry is None:
            known = sorted({v for (v, k) in self.crds if k == kind})
            hint = f" (the CRDs serve {', '.join(known)})" if known else ""
            return [("$", f"unknown kind: no schema for {kind} in {api_version}{hint}")]
        source, validator, schema, _ = entry
        instance = copy.deepcopy(obj)
        problems: list[tuple[str, str]] = []
        if source == "crd":
            apply_defaults(instance, schema)
            problems += self._errors(validator, instance)
            problems += self._errors(self.meta_validator, instance.get("metadata"), "$.metadata") \
                if "metadata" in instance else []
            problems += check_list_types(instance, schema, "$", lambda s: s)
            problems += check_cel(instance, schema, "$")
        else:
            problems += self._errors(validator, instance)
            problems += check_list_types(instance, schema, "$", self._resolve_kube)
        problems += check_metadata_syntax(instance.get("metadata"))
        # de-duplicate, keep order
        seen: set[tuple[str, str]] = set()
        return [p for p in problems if not (p in seen or seen.add(p))]

    def _resolve_kube(self, schema: Any) -> Any:
        while isinstance(schema, dict) and "$ref" in schema:
            ref = schema["$ref"]
            name = ref.rsplit("/", 1)[-1]
            schema = self.kube_defs["$defs"].get(name)
        if isinstance(schema, dict) and "allOf" in schema and len(schema["allOf"]) == 1:
            return self._resolve_kube(schema["allOf"][0])
        return schema


# ---------------------------------------------------------------------------------------------
# CEL listing
# ---------------------------------------------------------------------------------------------

def cel_rules(crds: str, kinds: set[str] | None, storage_only: bool,
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

    for (api_version, kind), entry in sorted(load_crds(crds).items(), key=lambda kv: (kv[0][1], kv[0][0])):
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
                          "rule": rule.get("rule", ""), "message": rule.get("message") or rule.get("messageExpression", ""),
                          "checked": normalize_rule(rule.get("rule", "")) in CEL_EQUIVALENTS})
    return rules


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

def default_crds() -> str:
    env = os.environ.get("KSERVE_CANARY_CRDS")
    if env:
        return env
    return os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "crds"))


def describe(obj: Any) -> str:
    if not isinstance(obj, dict):
        return "?"
    kind = obj.get("kind") or "?"
    name = (obj.get("metadata") or {}).get("name") if isinstance(obj.get("metadata"), dict) else None
    return f"{kind}/{name or '?'}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", help="YAML streams to validate; none or '-' reads stdin")
    parser.add_argument("--crds", default=None, help="directory of upstream CRDs (default: $KSERVE_CANARY_CRDS or ../shared/crds)")
    parser.add_argument("--kube-version", default=DEFAULT_KUBE_VERSION, help="Kubernetes schema version (default %(default)s)")
    parser.add_argument("--no-install", action="store_true", help=f"never pip-install {KUBERNETES_VALIDATE}")
    parser.add_argument("--allow-empty", action="store_true", help="accept a stream without any object")
    parser.add_argument("--list-cel", action="store_true",
                        help="print the CEL rules of the CRDs as a Markdown table and exit; with FILEs only the "
                             "rules of the apiVersion/kind pairs found in them")
    parser.add_argument("--kinds", default="", help="with --list-cel: comma-separated kinds")
    parser.add_argument("--all-versions", action="store_true", help="with --list-cel: every served version, not only storage versions")
    parser.add_argument("--unchecked", action="store_true", help="with --list-cel: only the rules without a Python equivalent")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    args = parser.parse_args(argv)

    crds = args.crds or default_crds()
    try:
        if not os.path.isdir(crds):
            raise UsageError(f"CRD directory not found: {crds} (use --crds or KSERVE_CANARY_CRDS)")
        if args.list_cel:
            kinds = {k.strip() for k in args.kinds.split(",") if k.strip()} or None
            pairs = None
            if args.files:
                pairs = set()
                for name in args.files:
                    text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
                    for doc in read_documents(text):
                        if isinstance(doc.obj, dict):
                            pairs.add((str(doc.obj.get("apiVersion")), str(doc.obj.get("kind"))))
            rules = [r for r in cel_rules(crds, kinds, storage_only=not args.all_versions, pairs=pairs)
                     if not (args.unchecked and r["checked"])]
            print("| Kind | apiVersion | Path | Rule | Message | Checked |")
            print("|---|---|---|---|---|---|")
            for r in rules:
                rule = " ".join(r["rule"].split()).replace("|", "\\|")
                message = " ".join(r["message"].split()).replace("|", "\\|")
                checked = "yes (Python equivalent)" if r["checked"] else "**no**"
                print(f"| {r['kind']} | {r['apiVersion']} | `{r['path']}` | `{rule}` | {message} | {checked} |")
            return 0
        validator = Validator(crds, args.kube_version, install=not args.no_install
                              and os.environ.get("KSERVE_CANARY_NO_PIP") != "1")
    except UsageError as exc:
        print(f"validate-manifests: {exc}", file=sys.stderr)
        return 2

    inputs = args.files or ["-"]
    problems = 0
    objects = 0
    for name in inputs:
        label = "<stdin>" if name == "-" else name
        try:
            text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
        except OSError as exc:
            print(f"{label}: cannot read: {exc.strerror}")
            problems += 1
            continue
        for doc in read_documents(text):
            found = list(doc.problems)
            if doc.obj is not None:
                objects += 1
                found += validator.validate(doc.obj)
            for path, message in found:
                print(f"{label}: document {doc.index} ({describe(doc.obj)}): {path}: {message}")
            problems += len(found)
    if objects == 0 and not args.allow_empty:
        print(f"{', '.join('<stdin>' if n == '-' else n for n in inputs)}: no Kubernetes objects found")
        problems += 1
    if not args.quiet:
        print(f"validate-manifests: {objects} object(s), {problems} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # e.g. piped into head
        sys.exit(1)
