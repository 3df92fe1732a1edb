# Test-only helper of Tests/Validation/kubernetes-checks.py: PodMonitor/ServiceMonitor schemas.
"""Strict JSON schemas of the prometheus-operator kinds the charts render (PodMonitor, ServiceMonitor).

The prometheus-operator CRDs are not among the upstream CRDs in ../shared/crds and CI reaches no
network but PyPI and Debian. The schemas come from PyPI instead, pinned:

    cloudcoil-models-prometheus-operator==0.80.1.0   (models generated from prometheus-operator
                                                       v0.80.1's CRDs: field names, types, enums,
                                                       patterns, required fields)
    cloudcoil==0.6.0                                  (its base classes; pydantic 2)

installed on first use with `pip install --target` into $XDG_CACHE_HOME/kserve-canary/ (never into
the repository), exported with pydantic's `model_json_schema(by_alias=True)` and made strict the way
kserve-canary's validator treats CRD schemas: `additionalProperties: false` on every object node that is
not a map. What this does not check: CEL rules of the CRDs (the generated models carry none) and
`x-kubernetes-*` list semantics.
"""
from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from typing import Any

PACKAGES = ("cloudcoil==0.6.0", "cloudcoil-models-prometheus-operator==0.80.1.0")
KINDS = {("monitoring.coreos.com/v1", "PodMonitor"), ("monitoring.coreos.com/v1", "ServiceMonitor")}
EXPORT = """
import json, sys
from cloudcoil.models.prometheus_operator import v1
out = {}
for kind in ("PodMonitor", "ServiceMonitor"):
    out[kind] = getattr(v1, kind).model_json_schema(by_alias=True, mode="validation")
json.dump(out, sys.stdout)
"""


class SchemaUnavailable(Exception):
    """The pinned packages could not be installed or exported."""


def _cache_dir() -> str:
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kserve-canary")


def strict(node: Any) -> Any:
    """A copy of a pydantic schema node with additionalProperties: false on every non-map object."""
    if isinstance(node, list):
        return [strict(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: strict(v) for k, v in node.items() if k not in ("title", "description", "default")}
    options = out.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        # pydantic's Optional[X]: the CRD field is X (absent, not null, when unset).
        rest = [o for o in options if o != {"type": "null"}]
        del out["anyOf"]
        if len(rest) == 1:
            out.update(rest[0])
        else:
            out["anyOf"] = rest
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def load(install: bool) -> dict[tuple[str, str], dict]:
    """(apiVersion, kind) -> strict JSON schema (draft 2020-12)."""
    tag = "-".join(p.replace("==", "-") for p in PACKAGES)
    cache = os.path.join(_cache_dir(), f"monitoring-schemas-{tag}.json")
    try:
        with open(cache) as fh:
            raw = json.load(fh)
    except (OSError, ValueError):
        raw = _export(install, tag)
        try:
            tmp = cache + f".{os.getpid()}.tmp"
            with open(tmp, "w") as fh:
                json.dump(raw, fh)
            os.replace(tmp, cache)
        except OSError:
            pass
    result = {}
    for api_version, kind in KINDS:
        schema = strict(raw[kind])
        props = schema.setdefault("properties", {})
        props["apiVersion"] = {"type": "string", "enum": [api_version]}
        props["kind"] = {"type": "string", "enum": [kind]}
        props["metadata"] = {"type": "object"}  # checked against ObjectMeta separately
        schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        result[(api_version, kind)] = schema
    return result


def _export(install: bool, tag: str) -> dict:
    target = os.path.join(_cache_dir(), f"python-{tag}")
    os.makedirs(_cache_dir(), exist_ok=True)
    with open(os.path.join(_cache_dir(), "pip-install.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test runs: one pip at a time
        if not os.path.isdir(os.path.join(target, "cloudcoil", "models", "prometheus_operator")):
            if not install:
                raise SchemaUnavailable(f"{' '.join(PACKAGES)} not installed in {target}")
            print(f"kubernetes-checks: installing {' '.join(PACKAGES)} into {target} (first use)", file=sys.stderr)
            proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                   "--target", target, *PACKAGES], stdout=sys.stderr, stderr=sys.stderr)
            if proc.returncode != 0:
                raise SchemaUnavailable(f"could not install {' '.join(PACKAGES)}")
    env = dict(os.environ, PYTHONPATH=target)
    proc = subprocess.run([sys.executable, "-c", EXPORT], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SchemaUnavailable(f"could not export the prometheus-operator schemas: {proc.stderr.strip()[-400:]}")
    return json.loads(proc.stdout)
