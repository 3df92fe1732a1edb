#!/usr/bin/env python3
"""Composes the values Flux's helm-controller gives the chart of each HelmRelease, offline.

    scripts/flux-values.py --sources configmaps.yaml [--sources more.yaml] --out DIR [STREAM ...|-]

For every `helm.toolkit.fluxcd.io/v2` HelmRelease in the input streams (files or stdin), in the
order helm-controller uses (fluxcd/helm-controller internal/chartutil/values.go):

1. start from an empty map;
2. for each `spec.valuesFrom` entry in order, find the ConfigMap or Secret (same namespace as the
   HelmRelease) in the `--sources` streams and read `valuesKey` (default `values.yaml`;
   Secret `data` is base64, `stringData` is plain):
   - without `targetPath`: parse it as YAML and deep-merge it on top (maps merge, anything else
     replaces);
   - with `targetPath`: set that single value at the dot/bracket path, typed the way `helm --set`
     types it (true/false, integers, null) unless `literal: true` (then a string);
   - a missing object is skipped when `optional: true`, else an error; a missing key is an error;
3. deep-merge `spec.values` on top.

Writes DIR/<namespace>.<name>.values.yaml per HelmRelease and prints a JSON list on stdout:
`[{"name", "namespace", "releaseName", "chart", "valuesFile"}]` (releaseName and namespace as
helm-controller computes them: spec.releaseName, else [<targetNamespace>-]<name>; spec.targetNamespace,
else the HelmRelease's namespace). Exit 1 on a missing source or key.
"""
from __future__ import annotations

import argparse
import base64
import copy
import json
import os
import re
import sys

import yaml


def load_stream(path: str) -> list:
    text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    return [d for d in yaml.safe_load_all(text) if isinstance(d, dict)]


def merge(base: dict, top: dict) -> dict:
    """helm-controller's MergeMaps: maps merge recursively, other values from `top` replace."""
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def typed(value: str):
    """`helm --set` typing (strvals.typedVal)."""
    if value == "true":
        return True
    if value == "false":
        return False
    if value == "null":
        return None
    if value == "0" or re.fullmatch(r"-?[1-9][0-9]*", value):
        return int(value)
    return value


def split_path(path: str) -> list:
    """'a.b\\.c[0].d' -> ['a', 'b.c', 0, 'd'] (strvals dot/bracket syntax, '\\' escapes)."""
    parts: list = []
    current = ""
    i = 0
    while i < len(path):
        ch = path[i]
        if ch == "\\" and i + 1 < len(path):
            current += path[i + 1]
            i += 2
            continue
        if ch == ".":
            if current:
                parts.append(current)
            current = ""
        elif ch == "[":
            if current:
                parts.append(current)
            current = ""
            end = path.index("]", i)
            parts.append(int(path[i + 1:end]))
            i = end
        else:
            current += ch
        i += 1
    if current:
        parts.append(current)
    return parts


def set_path(values: dict, path: str, value) -> None:
    parts = split_path(path)
    node = values
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        nxt = None if last else parts[index + 1]
        if isinstance(part, int):
            if not isinstance(node, list):
                raise ValueError(f"targetPath {path}: index {part} on a non-list")
            while len(node) <= part:
                node.append(None)
            if last:
                node[part] = value
            else:
                if not isinstance(node[part], (dict, list)):
                    node[part] = [] if isinstance(nxt, int) else {}
                node = node[part]
        else:
            if last:
                node[part] = value
            else:
                if not isinstance(node.get(part), (dict, list)):
                    node[part] = [] if isinstance(nxt, int) else {}
                node = node[part]


def source_data(obj: dict) -> dict:
    data = {}
    if obj.get("kind") == "Secret":
        for key, value in (obj.get("data") or {}).items():
            data[key] = base64.b64decode(value).decode("utf-8")
        data.update(obj.get("stringData") or {})
    else:
        data.update(obj.get("data") or {})
    return data


def compose(release: dict, sources: list) -> dict:
    meta = release.get("metadata") or {}
    namespace = meta.get("namespace") or "default"
    spec = release.get("spec") or {}
    values: dict = {}
    for ref in spec.get("valuesFrom") or []:
        kind, name = ref.get("kind"), ref.get("name")
        found = [s for s in sources if s.get("kind") == kind
                 and (s.get("metadata") or {}).get("name") == name
                 and ((s.get("metadata") or {}).get("namespace") or namespace) == namespace]
        if not found:
            if ref.get("optional"):
                continue
            raise LookupError(f"HelmRelease {namespace}/{meta.get('name')}: valuesFrom {kind} {namespace}/{name} not found")
        data = source_data(found[-1])
        key = ref.get("valuesKey") or "values.yaml"
        if key not in data:
            raise LookupError(f"HelmRelease {namespace}/{meta.get('name')}: valuesFrom {kind} {namespace}/{name} has no key {key}")
        if ref.get("targetPath"):
            raw = data[key]
            set_path(values, ref["targetPath"], raw if ref.get("literal") else typed(raw))
        else:
            loaded = yaml.safe_load(data[key]) or {}
            if not isinstance(loaded, dict):
                raise LookupError(f"{kind} {namespace}/{name} key {key} is not a YAML map")
            values = merge(values, loaded)
    return merge(values, spec.get("values") or {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("streams", nargs="*", default=["-"])
    parser.add_argument("--sources", action="append", default=[], help="YAML stream with ConfigMaps/Secrets")
    parser.add_argument("--out", required=True, help="directory for the composed values files")
    args = parser.parse_args()
    sources = [d for path in args.sources for d in load_stream(path) if d.get("kind") in ("ConfigMap", "Secret")]
    os.makedirs(args.out, exist_ok=True)
    result = []
    for stream in args.streams or ["-"]:
        for doc in load_stream(stream):
            if doc.get("kind") != "HelmRelease" or not str(doc.get("apiVersion", "")).startswith("helm.toolkit.fluxcd.io/"):
                continue
            meta = doc.get("metadata") or {}
            spec = doc.get("spec") or {}
            try:
                values = compose(doc, sources)
            except (LookupError, ValueError) as exc:
                print(f"flux-values: {exc}", file=sys.stderr)
                return 1
            namespace = spec.get("targetNamespace") or meta.get("namespace") or "default"
            release = spec.get("releaseName") or (
                f"{spec['targetNamespace']}-{meta['name']}" if spec.get("targetNamespace") else meta["name"])
            chart = ((spec.get("chart") or {}).get("spec") or {}).get("chart") or (spec.get("chartRef") or {}).get("name")
            path = os.path.join(args.out, f"{meta.get('namespace') or 'default'}.{meta['name']}.values.yaml")
            with open(path, "w", encoding="utf-8") as fh:
                yaml.safe_dump(values, fh, sort_keys=False)
            result.append({"name": meta["name"], "namespace": namespace, "releaseName": release,
                           "chart": chart, "valuesFile": path})
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
