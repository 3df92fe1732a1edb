#!/usr/bin/env python3
"""Deterministic generator of kserve-general-like `helm template` streams, for benchmarks.

Usage: generate-stream.py N [--seed S]

Writes to stdout N releases (model-00001 ... model-NNNNN), each about 9 KB:
  - two Flux HelmReleases (<r>-primary, <r>-canary) of the kserve-model chart,
  - an Istio VirtualService <r>-predictor splitting traffic between
    <r>-primary-predictor and <r>-canary-predictor (integer weights summing to 100),
  - filler unrelated to the canary: ConfigMaps with literal (|) and folded (>) block
    scalars, a Secret with stringData, a Deployment, a `kind: List` with anchors and
    aliases, unicode strings and comments.
Every document is preceded by `---` and a `# Source:` comment, as Helm prints them.

Same N and seed => same bytes. Each release draws from its own generator seeded by
(seed, index), so the stream for N is a prefix of the stream for N+1.
"""
import argparse
import random
import sys

CHART = "kserve-general"
UNICODE = ["modèle — 模型 ✓", "Modellgröße: groß · ÄÖÜ", "модель «канарейка» №{i}",
           "canari 🐤 déploiement", "モデル配信 ① ② ③", "naïve café — señor ✓"]
ARGS = ["--max_batch_size=32", "--workers=2", "--enable_docs_url", "--http_port=8080",
        "--grpc_port=8081", "--model_name={r}", "--log_level=info", "--timeout=60"]
FORMATS = ["sklearn", "xgboost", "lightgbm", "pytorch", "tensorflow", "onnx"]


def source(path):
    return f"---\n# Source: {CHART}/templates/{path}\n"


def helmrelease(rng, r, i, variant, seed):
    # Both variants render the same chart values (as Helm would); only metadata differs.
    mrng = random.Random(f"{seed}:{i}:values")
    fmt = FORMATS[i % len(FORMATS)]
    nargs = mrng.choice([0, 0, 1, 2, 3, 4])
    if nargs == 0:
        args = "          args: []\n" if mrng.random() < 0.5 else ""
    else:
        picked = mrng.sample(ARGS, nargs)
        args = "          args:\n" + "".join(
            f'            - "{a.format(r=r)}"\n' for a in picked)
    replicas = mrng.randint(1, 4)
    mn, mx = replicas, replicas + mrng.randint(1, 6)
    expose = mrng.choice(["true", "true", "false"])
    desc = rng.choice(UNICODE).format(i=i)
    return (
        source(f"hr-{variant}.yaml")
        + f"""apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: {r}-{variant}
  namespace: models
  labels:
    app.kubernetes.io/name: {r}
    app.kubernetes.io/instance: {r}
    app.kubernetes.io/managed-by: Helm
    helm.sh/chart: {CHART}-0.4.2
    kserve-canary.io/group: {r}
    kserve-canary.io/variant: {variant}
  annotations:
    kserve-canary.io/description: "{desc}"
spec:
  interval: {rng.choice(["5m", "10m", "1h"])}
  releaseName: {r}-{variant}
  chart:
    spec:
      chart: kserve-model
      version: ">=1.2.0 <2.0.0"
      sourceRef:
        kind: HelmRepository
        name: kserve-charts
        namespace: flux-system
      interval: 1h
  upgrade:
    remediation:
      retries: 3
  values:
    inferenceservice:
      predictor:
        minReplicas: {mn}
        maxReplicas: {mx}
        model:
          modelFormat:
            name: {fmt}
          storageUri: "gs://bucket/{r}/v1"
          newStorageUri: "gs://bucket/{r}/v2"
{args}          resources:
            requests: {{cpu: "{mrng.choice([100, 250, 500])}m", memory: {mrng.choice([256, 512, 1024])}Mi}}
            limits: {{cpu: "1", memory: 2Gi}}
    exposeModel: {expose}
    replicaCount: {replicas}
    autoscaling:
      enabled: {mrng.choice(["true", "false"])}
      targetUtilizationPercentage: {mrng.choice([60, 70, 80])}
  valuesFrom:
    - kind: ConfigMap
      name: {r}-values
      valuesKey: values.yaml
    - kind: Secret
      name: {r}-credentials
      valuesKey: credentials.yaml
      optional: true
""")


def virtualservice(rng, r):
    primary = rng.choice([100, 95, 90, 80, 75, 50, 33, 10, 0, rng.randint(0, 100)])
    return (
        source("virtualservice.yaml")
        + f"""apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {r}-predictor
  namespace: models
  labels:
    kserve-canary.io/group: {r}
spec:
  hosts:
    - {r}.models.example.com
    - {r}-predictor.models.svc.cluster.local
  gateways:
    - istio-system/kserve-gateway
    - mesh
  http:
    - name: predictor
      match:
        - uri:
            prefix: /v1/models/{r}
        - uri:
            prefix: /v2/models/{r}
      route:
        - destination:
            host: {r}-primary-predictor
            port:
              number: 80
          weight: {primary}
        - destination:
            host: {r}-canary-predictor
            port:
              number: 80
          weight: {100 - primary}
      timeout: 30s
""")


def configmaps(rng, r, i):
    lines = "".join(
        f"      {k}: {rng.randint(1, 9999)}  # tuned {rng.choice(['2023', '2024', '2025'])}\n"
        for k in rng.sample(["batchSize", "maxLatencyMs", "queueDepth", "threads",
                             "warmupRequests", "cacheEntries", "shards"], 5))
    uni = rng.choice(UNICODE).format(i=i)
    return (
        source("configmap-values.yaml")
        + f"""# Values handed to the kserve-model chart through valuesFrom.
apiVersion: v1
kind: ConfigMap
metadata:
  name: {r}-values
  namespace: models
  labels:
    kserve-canary.io/group: {r}
data:
  values.yaml: |
    # Rendered by {CHART}; edits are overwritten.
    inferenceservice:
      predictor:
        serviceAccountName: {r}-sa
        env:
          - name: MODEL_NAME
            value: "{r}"
          - name: DISPLAY_NAME
            value: "{uni}"
    tuning:
{lines}  logging.properties: |
    root.level = INFO
    console.format = %d{{ISO8601}} [%t] %-5p %c - %m%n
    kserve.level = DEBUG

    # trailing blank lines above and below are kept by the literal style
"""
        + source("configmap-docs.yaml")
        + f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {r}-docs
  namespace: models
  annotations:
    description: >
      This model serves predictions for release {r}. It is deployed in
      RawDeployment mode and fronted by an Istio VirtualService that splits
      traffic between the primary and the canary predictors.

      A second paragraph, folded too: {uni}.
    owner: 'team-ml@example.com'
data:
  README.md: |-
    # {r}

    | variant | storage |
    |---------|---------|
    | primary | gs://bucket/{r}/v1 |
    | canary  | gs://bucket/{r}/v2 |

    Notes: "quotes", 'single', tabs	and colons: are literal here.
  motd: "Bienvenue — {uni}\\n\\tline two with escapes \\u00e9"
  empty: ""
  number-like: "0123"
  bool-like: "yes"
""")


def secret(rng, r):
    token = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(40))
    return (
        source("secret.yaml")
        + f"""apiVersion: v1
kind: Secret
metadata:
  name: {r}-credentials
  namespace: models
type: Opaque
stringData:
  credentials.yaml: |
    storage:
      gcs:
        serviceAccountKey: "{token}"
  AWS_ACCESS_KEY_ID: AKIA{token[:16].upper()}
  AWS_SECRET_ACCESS_KEY: {token}
  endpoint: https://storage.example.com:9000
""")


def deployment(rng, r, i):
    image_tag = f"1.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
    return (
        source("deployment-transformer.yaml")
        + f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {r}-transformer
  namespace: models
  labels:
    app.kubernetes.io/name: {r}-transformer
    app.kubernetes.io/component: transformer
spec:
  replicas: {rng.randint(1, 3)}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: {r}-transformer
  strategy:
    type: RollingUpdate
    rollingUpdate: {{maxSurge: 25%, maxUnavailable: 0}}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {r}-transformer
    spec:
      serviceAccountName: {r}-sa
      securityContext: {{runAsNonRoot: true, runAsUser: 1000}}
      containers:
        - name: transformer
          image: "registry.example.com/ml/transformer:{image_tag}"
          imagePullPolicy: IfNotPresent
          args: ["--model_name", "{r}", "--predictor_host", "{r}-primary-predictor"]
          ports:
            - {{name: http, containerPort: 8080, protocol: TCP}}
            - {{name: metrics, containerPort: 9090, protocol: TCP}}
          env:
            - name: STORAGE_URI
              value: gs://bucket/{r}/v1
            - name: GREETING
              value: "{rng.choice(UNICODE).format(i=i)}"
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
          readinessProbe:
            httpGet: {{path: /v1/models/{r}, port: http}}
            initialDelaySeconds: 5
            periodSeconds: 10
          resources:
            requests: {{cpu: 100m, memory: 128Mi}}
            limits: {{cpu: 500m, memory: 512Mi}}
""")


def lists(rng, r):
    return (
        source("rbac-list.yaml")
        + f"""# A List whose items share labels through an anchor.
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: {r}-sa
      namespace: models
      labels: &labels-{r}
        app.kubernetes.io/name: {r}
        app.kubernetes.io/part-of: {CHART}
        kserve-canary.io/group: {r}
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata:
      name: {r}-reader
      namespace: models
      labels: *labels-{r}
    rules:
      - &read-rule
        apiGroups: [""]
        resources: [configmaps, secrets]
        verbs: [get, list, watch]
      - apiGroups: ["serving.kserve.io"]
        resources: [inferenceservices]
        verbs: [get, list, watch]
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata:
      name: {r}-reader
      namespace: models
      labels: *labels-{r}
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: Role
      name: {r}-reader
    subjects:
      - kind: ServiceAccount
        name: {r}-sa
        namespace: models
""")


def release(seed, i):
    rng = random.Random(f"{seed}:{i}")
    r = f"model-{i:05d}"
    return "".join([
        helmrelease(rng, r, i, "primary", seed),
        helmrelease(rng, r, i, "canary", seed),
        virtualservice(rng, r),
        configmaps(rng, r, i),
        secret(rng, r),
        deployment(rng, r, i),
        lists(rng, r),
    ])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of releases")
    ap.add_argument("--seed", default="0", help="seed (default 0)")
    a = ap.parse_args()
    out = sys.stdout.buffer
    for i in range(1, a.n + 1):
        out.write(release(a.seed, i).encode("utf-8"))
    out.flush()


if __name__ == "__main__":
    main()
