#!/usr/bin/env python3
"""Copies kserve-model's value schema into kserve-general's, so the parent checks model values too.

kserve-general forwards every model key (inferenceservice, replicaCount, autoscaling, exposeModel,
...) to both kserve-model releases. Its values.schema.json therefore carries kserve-model's
top-level properties and definitions, next to its own keys (GENERAL_OWN); `required` is dropped along
map properties (kserve-model's defaults fill those keys in the children). A typo such as
`inferenceservice.predictor.model.storageURI` is refused when the parent renders, not only later
when Flux reconciles a child.

    scripts/sync-values-schema.py           # rewrites charts/kserve-general/values.schema.json
    scripts/sync-values-schema.py --check   # exit 1 (and a diff) when it is out of date

--check also compares the defaults of the model keys that kserve-general's values.yaml repeats
(env, region, commonLabels, exposeModel): they must equal kserve-model's, because kserve-general
forwards them to both releases. The one exception is inferenceservice.predictor.model.newStorageUri,
a kserve-general value (kserve-model refuses it).
"""
import argparse
import difflib
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "charts", "kserve-model", "values.schema.json")
GENERAL = os.path.join(ROOT, "charts", "kserve-general", "values.schema.json")
# kserve-general's own keys: kept from its schema, never forwarded to kserve-model.
GENERAL_OWN = ("global", "nameOverride", "fullnameOverride", "primaryLoad", "flux", "routing")
# kserve-general's own definitions (everything else under "definitions" comes from kserve-model).
GENERAL_DEFINITIONS = ("dnsSubdomain",)
# Model values whose meaning differs in kserve-general.
NEW_STORAGE_URI = ("inferenceservice", "predictor", "model", "newStorageUri")
NEW_STORAGE_URI_DESCRIPTION = ("Storage URI of the canary's model; empty for no canary. Forwarded to both releases; "
                               "the kserve-canary post-renderer makes it the canary's storageUri and removes it.")


def without_required(node):
    """Drops `required` along map properties: kserve-model's defaults fill those keys in the children,
    so kserve-general must accept partial maps (e.g. a model with newStorageUri only). List items keep
    theirs, because lists replace instead of merging."""
    if not isinstance(node, dict):
        return node
    out = {k: v for k, v in node.items() if k != "required"}
    if isinstance(out.get("properties"), dict):
        out["properties"] = {k: without_required(v) for k, v in out["properties"].items()}
    return out


def synced(model: dict, general: dict) -> dict:
    out = dict(general)
    props = {k: v for k, v in general["properties"].items() if k in GENERAL_OWN}
    for key, value in model["properties"].items():
        if key not in GENERAL_OWN:
            props[key] = without_required(value)
    out["properties"] = json.loads(json.dumps(props))
    node = out["properties"]
    for key in NEW_STORAGE_URI[:-1]:
        node = node[key]["properties"]
    node[NEW_STORAGE_URI[-1]] = dict(node[NEW_STORAGE_URI[-1]], description=NEW_STORAGE_URI_DESCRIPTION)
    definitions = {k: v for k, v in general.get("definitions", {}).items() if k in GENERAL_DEFINITIONS}
    for key, value in model.get("definitions", {}).items():
        if key in definitions and definitions[key] != value:
            raise SystemExit(f"sync-values-schema: definition {key} differs between the charts")
        definitions[key] = value
    out["definitions"] = dict(sorted(definitions.items()))
    return out


def shared_default_problems() -> list[str]:
    with open(os.path.join(ROOT, "charts", "kserve-model", "values.yaml")) as fh:
        model = yaml.safe_load(fh) or {}
    with open(os.path.join(ROOT, "charts", "kserve-general", "values.yaml")) as fh:
        general = yaml.safe_load(fh) or {}
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
            problems.append(f"kserve-general values.yaml: the default of {dotted} ({json.dumps(general_value)}) differs "
                            f"from kserve-model's ({json.dumps(model_value)}); kserve-general forwards it to both releases")

    for key, value in general.items():
        if key not in GENERAL_OWN:
            compare(value, model.get(key), (key,), key in model)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when out of date")
    args = parser.parse_args()
    with open(MODEL) as fh:
        model = json.load(fh)
    with open(GENERAL) as fh:
        current_text = fh.read()
    wanted_text = json.dumps(synced(model, json.loads(current_text)), indent=2, ensure_ascii=False) + "\n"
    if args.check:
        problems = shared_default_problems()
        for problem in problems:
            print(problem)
        if wanted_text != current_text:
            sys.stdout.writelines(difflib.unified_diff(
                current_text.splitlines(True), wanted_text.splitlines(True), GENERAL, "synced"))
            print("sync-values-schema: charts/kserve-general/values.schema.json is out of date; run scripts/sync-values-schema.py")
            return 1
        return 1 if problems else 0
    if wanted_text != current_text:
        with open(GENERAL, "w") as fh:
            fh.write(wanted_text)
        print("sync-values-schema: updated charts/kserve-general/values.schema.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
