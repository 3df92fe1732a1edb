#!/usr/bin/env python3
"""Keeps kserve-general in step with kserve-model: schema, model defaults and shared templates.

kserve-general forwards every model key (inferenceservice, replicaCount, autoscaling, exposeModel,
...) to both kserve-model releases and checks, at render time, what kserve-model would refuse later
in a child HelmRelease. For that it carries copies of kserve-model's:

  * values.schema.json properties and definitions (in charts/kserve-general/values.schema.json), next
    to its own keys (GENERAL_OWN); `required` is kept only for the model keys that kserve-general's
    values.yaml repeats (their defaults exist in the parent, so a null there deletes them), and
    dropped elsewhere (kserve-model's defaults fill those keys in the children). The `canary:` block
    gets the model properties too, minus what a canary may not override (CANARY_EXCLUDED);
  * values.yaml, as JSON, in the template "kserve-general.modelDefaults"
    (templates/_model_defaults.tpl): the defaults a child's values are merged over;
  * the shared templates SHARED_TEMPLATES (the value checks and the rate limit config), verbatim.

    scripts/sync-values-schema.py           # rewrites the copies
    scripts/sync-values-schema.py --check   # exit 1 (and a diff) when a copy is out of date

--check also compares the defaults of the model keys that kserve-general's values.yaml repeats
(env, region, commonLabels, exposeModel): they must equal kserve-model's, because kserve-general
forwards them to both releases (the one exception is inferenceservice.predictor.model.newStorageUri,
a kserve-general value that kserve-model refuses), and that both schemas require every key that
has a default (Helm deletes a key set to null, default included, before templates run: `required`
turns that into a schema error instead of an empty field).
"""
import argparse
import difflib
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL_DIR = os.path.join(ROOT, "charts", "kserve-model")
GENERAL_DIR = os.path.join(ROOT, "charts", "kserve-general")
MODEL = os.path.join(MODEL_DIR, "values.schema.json")
GENERAL = os.path.join(GENERAL_DIR, "values.schema.json")
DEFAULTS_TEMPLATE = os.path.join(GENERAL_DIR, "templates", "_model_defaults.tpl")
SHARED_TEMPLATES = ("_validation.tpl", "_ratelimit.tpl")
# kserve-general's own keys: kept from its schema, never forwarded to kserve-model.
GENERAL_OWN = ("global", "nameOverride", "fullnameOverride", "primaryLoad", "canary", "flux", "routing", "dashboard",
               "canaryAnalysis")
# Own keys whose null must stay possible: primaryLoad (null = 100) and canary (null = none).
NOT_REQUIRED = (("primaryLoad",), ("canary",))
# kserve-general's own definitions (everything else under "definitions" comes from kserve-model).
GENERAL_DEFINITIONS = ("dnsSubdomain", "fluxDuration", "optionalFluxDuration")
# Model values whose meaning differs in kserve-general.
NEW_STORAGE_URI = ("inferenceservice", "predictor", "model", "newStorageUri")
NEW_STORAGE_URI_DESCRIPTION = ("Storage URI of the canary's model; empty or null for no canary. Forwarded to both "
                               "releases; the kserve-canary post-renderer makes it the canary's storageUri and "
                               "removes it.")
# What `canary:` may not override: the names, the hosts, the storage URIs, the group's rate limit.
CANARY_EXCLUDED = (("nameOverride",), ("fullnameOverride",), ("env",), ("region",), ("exposeModel",),
                   ("inferenceservice", "predictor", "model", "storageUri"),
                   ("inferenceservice", "predictor", "model", "newStorageUri"), ("rateLimit", "global"))


def without_required(node):
    """Drops `required` along map properties (partial maps are fine in kserve-general); list items
    keep theirs, because lists replace instead of merging."""
    if not isinstance(node, dict):
        return node
    out = {k: v for k, v in node.items() if k != "required"}
    if isinstance(out.get("properties"), dict):
        out["properties"] = {k: without_required(v) for k, v in out["properties"].items()}
    return out


def with_required(schema: dict, defaults, path: tuple = (), skip=()) -> list[str]:
    """Adds every key with a default to `required` (in place); returns the keys the schema lacks."""
    missing: list[str] = []
    props = schema.get("properties")
    if not isinstance(defaults, dict) or not isinstance(props, dict):
        return missing
    required = list(schema.get("required", []))
    for key, value in defaults.items():
        sub = path + (key,)
        if key not in props:
            missing.append(".".join(sub))
            continue
        if sub in skip or any(sub[:len(s)] == s for s in skip):
            continue
        if key not in required:
            required.append(key)
        missing += with_required(props[key], value, sub, skip)
    if required:
        schema["required"] = required
    return missing


def drop(props: dict, path: tuple) -> None:
    node = props
    for key in path[:-1]:
        node = node.get(key, {}).get("properties")
        if node is None:
            return
    node.pop(path[-1], None)


def load_yaml(path: str):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def synced(model: dict, general: dict) -> dict:
    out = dict(general)
    props = {k: v for k, v in general["properties"].items() if k in GENERAL_OWN}
    model_props = {k: without_required(v) for k, v in model["properties"].items() if k not in GENERAL_OWN}
    props.update(json.loads(json.dumps(model_props)))
    node = props
    for key in NEW_STORAGE_URI[:-1]:
        node = node[key]["properties"]
    node[NEW_STORAGE_URI[-1]] = dict(node[NEW_STORAGE_URI[-1]], description=NEW_STORAGE_URI_DESCRIPTION)
    canary = json.loads(json.dumps(model_props))
    for path in CANARY_EXCLUDED:
        drop(canary, path)
    props["canary"] = {"type": "object", "additionalProperties": False, "properties": canary,
                       "description": "Model values merged over the shared ones for the -canary release only."}
    out["properties"] = props
    out.pop("required", None)
    for name in list(props):
        props[name] = dict(props[name])
    general_defaults = load_yaml(os.path.join(GENERAL_DIR, "values.yaml"))
    missing = with_required(out, general_defaults, skip=NOT_REQUIRED + (("inferenceservice",),))
    if missing:
        raise SystemExit(f"sync-values-schema: kserve-general's schema lacks {', '.join(missing)}")
    definitions = {k: v for k, v in general.get("definitions", {}).items() if k in GENERAL_DEFINITIONS}
    for key, value in model.get("definitions", {}).items():
        if key in definitions and definitions[key] != value:
            raise SystemExit(f"sync-values-schema: definition {key} differs between the charts")
        definitions[key] = value
    out["definitions"] = dict(sorted(definitions.items()))
    return out


def defaults_template() -> str:
    defaults = load_yaml(os.path.join(MODEL_DIR, "values.yaml"))
    text = json.dumps(defaults, indent=1, ensure_ascii=False, sort_keys=True)
    if "{{" in text or "}}" in text:
        text = text.replace("{{", "{ {").replace("}}", "} }")  # JSON whitespace; never inside strings here
        if "{{" in text or "}}" in text:
            raise SystemExit("sync-values-schema: kserve-model's defaults hold {{ or }}; they cannot be embedded")
    return ("{{/*\nkserve-model's values.yaml as JSON: the defaults a child HelmRelease's values are merged over\n"
            "(kserve-general.effectiveChildValues). Generated by scripts/sync-values-schema.py; do not edit.\n*/}}\n"
            '{{- define "kserve-general.modelDefaults" -}}\n' + text + "\n{{- end -}}\n")


def shared_default_problems() -> list[str]:
    model = load_yaml(os.path.join(MODEL_DIR, "values.yaml"))
    general = load_yaml(os.path.join(GENERAL_DIR, "values.yaml"))
    problems: list[str] = []

    def compare(general_value, model_value, path: tuple, present: bool) -> None:
        dotted = ".".join(path)
        if path == NEW_STORAGE_URI:
            return
        if not present:
            problems.append(f"kserve-general values.yaml: {dotted} is not a kserve-model value")
        elif isinstance(general_value, dict) and general_value and isinstance(model_value, dict):
            for key, sub in general_value.items():
                compare(sub, model_value.get(key), path + (key,), key in model_value)
        elif general_value != model_value:
            problems.append(f"kserve-general values.yaml: the default of {dotted} ({json.dumps(general_value)}) "
                            f"differs from kserve-model's ({json.dumps(model_value)}); kserve-general forwards it "
                            "to both releases")

    for key, value in general.items():
        if key not in GENERAL_OWN:
            compare(value, model.get(key), (key,), key in model)
    with open(MODEL, encoding="utf-8") as fh:
        schema = json.load(fh)
    required_copy = json.loads(json.dumps(schema))
    missing = with_required(required_copy, model)
    problems += [f"kserve-model values.schema.json: {m} has a default but no schema" for m in missing]
    if required_copy != schema:
        problems.append("kserve-model values.schema.json: not every key with a default is `required` "
                        "(a null would silently delete it); run scripts/sync-values-schema.py")
    return problems


def wanted_files() -> dict[str, str]:
    with open(MODEL, encoding="utf-8") as fh:
        model = json.load(fh)
    with open(GENERAL, encoding="utf-8") as fh:
        general = json.load(fh)
    files = {GENERAL: json.dumps(synced(model, general), indent=2, ensure_ascii=False) + "\n",
             DEFAULTS_TEMPLATE: defaults_template()}
    for name in SHARED_TEMPLATES:
        with open(os.path.join(MODEL_DIR, "templates", name), encoding="utf-8") as fh:
            files[os.path.join(GENERAL_DIR, "templates", name)] = fh.read()
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when out of date")
    args = parser.parse_args()
    if not args.check:
        with open(MODEL, encoding="utf-8") as fh:
            schema = json.load(fh)
        missing = with_required(schema, load_yaml(os.path.join(MODEL_DIR, "values.yaml")))
        if missing:
            raise SystemExit(f"sync-values-schema: kserve-model's schema lacks {', '.join(missing)}")
        with open(MODEL, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    failed = False
    if args.check:
        for problem in shared_default_problems():
            print(problem)
            failed = True
    for path, wanted in wanted_files().items():
        try:
            with open(path, encoding="utf-8") as fh:
                current = fh.read()
        except OSError:
            current = ""
        if current == wanted:
            continue
        rel = os.path.relpath(path, ROOT)
        if args.check:
            diff = difflib.unified_diff(current.splitlines(True), wanted.splitlines(True), rel, "synced")
            sys.stdout.writelines(diff)
            print(f"sync-values-schema: {rel} is out of date; run scripts/sync-values-schema.py")
            failed = True
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(wanted)
            print(f"sync-values-schema: updated {rel}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
