# Test-only helper: the checks of rendered manifests that kserve-canary's validator does not make.
"""Strict, offline checks of rendered Kubernetes manifests, beside kserve-canary's own validator.

Custom resources are validated against their CRDs' `openAPIV3Schema` by the product's validator,
`OpenAPISchemaValidator` (Sources/SchemaValidation, what `kserve-canary flux build --crds` runs);
the tests run both on every stream (Tests/TestSupport/ManifestValidation.swift). This script checks
only what that validator does not:

* Built-in kinds (ServiceAccount, HorizontalPodAutoscaler autoscaling/v2, PodDisruptionBudget
  policy/v1, ConfigMap, Service, Deployment, ...) against the strict Kubernetes JSON schemas that the
  `kubernetes-validate` PyPI package ships (installed on first use, pinned below), with `format`
  int32/int64/byte/date-time and uniqueness in `x-kubernetes-list-type: set|map` lists.
* prometheus-operator's PodMonitor and ServiceMonitor (monitoring.coreos.com/v1), whose CRDs are not
  among the upstream CRDs, against the schemas of prometheus-operator v0.80.1 that the pinned PyPI
  package `cloudcoil-models-prometheus-operator` carries (monitoring_schemas.py says how).
* `metadata` of custom resources against the Kubernetes ObjectMeta schema; `metadata.name`
  (DNS-1123 subdomain) and label key/value syntax of every object.
* Duplicate mapping keys (the API server's strict decoder rejects them).
* The CEL rules (`x-kubernetes-validations`) of the CRDs in DIR (`--crds`, else
  `$KSERVE_CANARY_CRDS`, else `../shared/crds` next to the repository) that have a Python
  equivalent, evaluated after the schema defaults are applied, as the API server does;
  `--list-cel` prints the rules, docs/validation.md lists them.
* Any kind that has no schema (no CRD in DIR, no built-in or prometheus-operator schema).

Usage:
    python3 Tests/Validation/kubernetes-checks.py [--crds DIR] [--kube-version 1.35] [FILE ...]
    helm template ... | python3 Tests/Validation/kubernetes-checks.py      # reads stdin ("-" too)
    python3 Tests/Validation/kubernetes-checks.py --list-cel [--kinds VirtualService,HelmRelease]

Output: one line per problem, `<file>: document N (Kind/name): <json path>: <message>`; exit status
1 when there is any problem, 2 on usage errors (missing CRD directory, dependency not installable).
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import re
import subprocess
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import monitoring_schemas  # noqa: E402
from cel_rules import cel_rules, check_cel, path_join  # noqa: E402
from manifest_input import UsageError, apply_defaults, load_crds, read_documents  # noqa: E402
from object_checks import check_list_types, check_metadata_syntax, make_format_checker  # noqa: E402

KUBERNETES_VALIDATE = "kubernetes-validate==1.37.0"
DEFAULT_KUBE_VERSION = "1.35"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

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
                print(f"kubernetes-checks: installing {KUBERNETES_VALIDATE} (first use)", file=sys.stderr)
                proc = subprocess.run(
                    [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                     KUBERNETES_VALIDATE],
                    stdout=sys.stderr, stderr=sys.stderr,
                )
                if proc.returncode != 0:
                    raise UsageError(f"could not install {KUBERNETES_VALIDATE}; install it by hand")
                importlib.invalidate_caches()
                import kubernetes_validate  # type: ignore
    return os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema")


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
            entry = ("monitoring", validator, schema, None)
        elif crd is not None:
            # The schema itself is checked by kserve-canary's OpenAPISchemaValidator; here only
            # ObjectMeta and the CEL rules.
            entry = ("crd", None, crd["schema"], crd)
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
            problems += self._errors(self.meta_validator, instance.get("metadata"), "$.metadata") \
                if "metadata" in instance else []
            problems += check_cel(instance, schema, "$")
        elif source == "monitoring":
            problems += self._errors(validator, instance)
            problems += self._errors(self.meta_validator, instance.get("metadata"), "$.metadata") \
                if "metadata" in instance else []
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
    parser.add_argument("--crds", default=None,
                        help="directory of upstream CRDs (default: $KSERVE_CANARY_CRDS or ../shared/crds)")
    parser.add_argument("--kube-version", default=DEFAULT_KUBE_VERSION,
                        help="Kubernetes schema version (default %(default)s)")
    parser.add_argument("--no-install", action="store_true", help=f"never pip-install {KUBERNETES_VALIDATE}")
    parser.add_argument("--allow-empty", action="store_true", help="accept a stream without any object")
    parser.add_argument("--list-cel", action="store_true",
                        help="print the CEL rules of the CRDs as a Markdown table and exit; with FILEs only the "
                             "rules of the apiVersion/kind pairs found in them")
    parser.add_argument("--kinds", default="", help="with --list-cel: comma-separated kinds")
    parser.add_argument("--all-versions", action="store_true",
                        help="with --list-cel: every served version, not only storage versions")
    parser.add_argument("--unchecked", action="store_true",
                        help="with --list-cel: only the rules without a Python equivalent")
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
            rules = [r for r in cel_rules(load_crds(crds), kinds, storage_only=not args.all_versions, pairs=pairs)
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
        print(f"kubernetes-checks: {exc}", file=sys.stderr)
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
        print(f"kubernetes-checks: {objects} object(s), {problems} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # e.g. piped into head
        sys.exit(1)
