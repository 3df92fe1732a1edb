{{/*
Value checks of kserve-model, shared verbatim by charts/kserve-model and charts/kserve-general
(scripts/sync-values-schema.py copies this file and --check keeps the copies identical).

kserve-model runs them on its own values. kserve-general runs them on the values each child
HelmRelease will have after the kserve-canary post-renderer (kserve-model's defaults, then the
forwarded values, then the canary's overrides), so that it refuses at render time what a child
would refuse later, asynchronously, when Flux reconciles it.

Bitnami style (bitnami/common _validations.tpl, postgresql.v1.validateValues): every check returns
a message naming the keys, or nothing; "kserve-canary.validation.fail" fails once with all of them.
*/}}

{{/*
Keys a chart sets itself on every object; commonLabels must not repeat them (the rendered map would
hold the key twice, which the API server refuses, or Flux's and KServe's own would be overwritten).
*/}}
{{- define "kserve-canary.validation.reservedLabels" -}}
{{- list "app" "component" "helm.sh/chart" "app.kubernetes.io/name" "app.kubernetes.io/instance" "app.kubernetes.io/version" "app.kubernetes.io/managed-by" "app.kubernetes.io/component" "kserve-canary.io/group" "kserve-canary.io/variant" "serving.kserve.io/inferenceservice" "networking.kserve.io/visibility" "helm.toolkit.fluxcd.io/name" "helm.toolkit.fluxcd.io/namespace" | toJson -}}
{{- end -}}

{{/*
Every check of kserve-model's values.
Usage:
  {{ include "kserve-canary.validation.model" (dict "values" $values "name" $isvcName "namespace" $ns
       "envKnown" true "storageUriFromValuesFrom" false) }}
  values:    kserve-model values, defaults included
  name:      the InferenceService name (the release name, or fullnameOverride)
  namespace: the release namespace
  envKnown:  false when env/region may still come from Flux valuesFrom (kserve-general's children)
  storageUriFromValuesFrom: true when a Flux valuesFrom entry targets the model's storageUri
Returns one message per line, nothing when the values are valid.
*/}}
{{- define "kserve-canary.validation.model" -}}
{{- $messages := list -}}
{{- range $check := list "name" "storageUri" "newStorageUri" "replicas" "jwt" "customAuthz" "imageAutomation" "containers" "labels" "exposure" "monitors" -}}
{{- $message := include (printf "kserve-canary.validation.model.%s" $check) $ | trim -}}
{{- if $message -}}{{- $messages = append $messages $message -}}{{- end -}}
{{- end -}}
{{- join "\n" $messages -}}
{{- end -}}

{{/* KServe's name rule (IsvcNameFmt) and 48 characters: pods are labelled "app: isvc.<name>-predictor". */}}
{{- define "kserve-canary.validation.model.name" -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" .name) -}}
the InferenceService name {{ .name | quote }} must start with a lower-case letter and contain only lower-case letters, digits and '-' (KServe's name rule); rename the release or set fullnameOverride
{{- else if gt (len .name) 48 -}}
the InferenceService name {{ .name | quote }} has {{ len .name }} characters, more than 48: KServe labels its pods "app: isvc.<name>-predictor" and a label value has at most 63; shorten the release name (or fullnameOverride)
{{- end -}}
{{- end -}}

{{/* The model location: required (no default), with a scheme KServe's storage initializer downloads. */}}
{{- define "kserve-canary.validation.model.storageUri" -}}
{{- $model := .values.inferenceservice.predictor.model -}}
{{- $uri := $model.storageUri | default "" | toString -}}
{{- if and (not $uri) (not .storageUriFromValuesFrom) -}}
inferenceservice.predictor.model.storageUri is required: where KServe's storage initializer downloads the model from (gs://, s3://, hdfs://, webhdfs://, https://, http://, pvc://, oci://, oci+native://, hf://); there is no default
{{- else if and $uri (not (regexMatch (include "kserve-canary.validation.storageUriPattern" .) $uri)) -}}
inferenceservice.predictor.model.storageUri {{ $uri | quote }} is not a URI KServe's storage initializer downloads: it must start with gs://, s3://, hdfs://, webhdfs://, https://, http://, pvc://, oci://, oci+native:// or hf://
{{- end -}}
{{- end -}}

{{/* The storage URI schemes (same pattern as values.schema.json). */}}
{{- define "kserve-canary.validation.storageUriPattern" -}}
^(gs|s3|hdfs|webhdfs|https?|pvc|oci|oci\+native|hf)://[^\s]+$
{{- end -}}

{{/* newStorageUri never reaches kserve-model: the post-renderer turns it into the canary's storageUri. */}}
{{- define "kserve-canary.validation.model.newStorageUri" -}}
{{- $model := .values.inferenceservice.predictor.model -}}
{{- if and (hasKey $model "newStorageUri") $model.newStorageUri -}}
inferenceservice.predictor.model.newStorageUri is set ({{ $model.newStorageUri | quote }}): the canary transformation did not run. newStorageUri belongs to kserve-general; the kserve-canary post-renderer (helm --post-renderer kserve-canary), or the Flux postRenderers printed by `kserve-canary flux postrenderers`, turns it into the canary's storageUri and removes it. Refusing to render, so that a canary never silently serves the old model
{{- end -}}
{{- end -}}

{{/* An HPA whose minimum exceeds its maximum is refused by the API server. */}}
{{- define "kserve-canary.validation.model.replicas" -}}
{{- $v := .values -}}
{{- if and $v.autoscaling.enabled (lt (int $v.autoscaling.maxReplicaCount) (int $v.replicaCount)) -}}
autoscaling.maxReplicaCount ({{ int $v.autoscaling.maxReplicaCount }}) must be at least replicaCount ({{ int $v.replicaCount }})
{{- end -}}
{{- end -}}

{{- define "kserve-canary.validation.model.jwt" -}}
{{- $j := .values.jwt -}}
{{- if and $j.enabled (or (not $j.issuer) (not $j.jwksUri)) -}}
jwt.enabled needs jwt.issuer and jwt.jwksUri (the token issuer and its JSON Web Key Set URL)
{{- end -}}
{{- end -}}

{{- define "kserve-canary.validation.model.customAuthz" -}}
{{- $c := .values.jwt.customAuthz -}}
{{- if and $c.enabled (not $c.provider) -}}
jwt.customAuthz.enabled needs jwt.customAuthz.provider (an extensionProviders name of the Istio mesh config)
{{- end -}}
{{- end -}}

{{- define "kserve-canary.validation.model.imageAutomation" -}}
{{- $i := .values.imageAutomation -}}
{{- if and $i.enabled (not $i.image) -}}
imageAutomation.enabled needs imageAutomation.image (the image repository to scan)
{{- end -}}
{{- end -}}

{{- define "kserve-canary.validation.model.containers" -}}
{{- range .values.inferenceservice.predictor.containers -}}
{{- if eq (toString .name) "kserve-container" -}}
inferenceservice.predictor.containers must not contain a container named kserve-container (that is the model container)
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Label keys the charts or KServe set themselves. commonLabels must not repeat the charts' keys; the
pod labels must not repeat KServe's (it overwrites "app", "component" and
"serving.kserve.io/inferenceservice" on its pods), nor Istio's injection labels unless
istio.sidecarInjection is "namespace".
*/}}
{{- define "kserve-canary.validation.model.labels" -}}
{{- $v := .values -}}
{{- $reserved := include "kserve-canary.validation.reservedLabels" . | fromJsonArray -}}
{{- $bad := list -}}
{{- range $key := keys ($v.commonLabels | default dict) | sortAlpha -}}
{{- if has $key $reserved }}{{ $bad = append $bad (printf "commonLabels.%s" $key) }}{{ end -}}
{{- end -}}
{{- $pod := list "app" "component" "serving.kserve.io/inferenceservice" "networking.kserve.io/visibility" -}}
{{- if ne $v.istio.sidecarInjection "namespace" -}}
{{- $pod = concat $pod (list "sidecar.istio.io/inject" "istio.io/rev") -}}
{{- end -}}
{{- range $key := keys ($v.inferenceservice.labels | default dict) | sortAlpha -}}
{{- if has $key $pod }}{{ $bad = append $bad (printf "inferenceservice.labels.%s" $key) }}{{ end -}}
{{- end -}}
{{- range $key := keys ($v.inferenceservice.predictor.labels | default dict) | sortAlpha -}}
{{- if has $key $pod }}{{ $bad = append $bad (printf "inferenceservice.predictor.labels.%s" $key) }}{{ end -}}
{{- end -}}
{{- if $bad -}}
{{ join ", " $bad }}: label keys the charts, KServe or Istio injection set themselves (set the Istio label through istio.sidecarInjection and istio.revision)
{{- end -}}
{{- end -}}

{{/*
The exposure host "<name>-predictor-<namespace>.<type>.<env>-<region>.<domain>": env and region
(unless Flux valuesFrom may still provide them) and a first DNS label of at most 63 characters.
*/}}
{{- define "kserve-canary.validation.model.exposure" -}}
{{- $v := .values -}}
{{- if $v.exposeModel.enabled -}}
{{- if and .envKnown (not $v.env) -}}
exposeModel.enabled needs `env` (e.g. sandbox) for the host <name>-predictor-<namespace>.<type>.<env>-<region>.<domain>; with Flux it comes from the namespace ConfigMap through valuesFrom
{{ end -}}
{{- if and .envKnown (not $v.region) -}}
exposeModel.enabled needs `region` (e.g. uw2) for the host <name>-predictor-<namespace>.<type>.<env>-<region>.<domain>; with Flux it comes from the namespace ConfigMap through valuesFrom
{{ end -}}
{{- $label := printf "%s-predictor-%s" .name .namespace -}}
{{- if gt (len $label) 63 -}}
the host label {{ $label | quote }} has {{ len $label }} characters, more than the DNS limit of 63; shorten the release name or the namespace
{{- end -}}
{{- end -}}
{{- end -}}

{{/* PodMonitor and ServiceMonitor scrape metrics.port/path; one of them, and only with metrics on. */}}
{{- define "kserve-canary.validation.model.monitors" -}}
{{- $m := .values.metrics -}}
{{- if and (or $m.podMonitor.enabled $m.serviceMonitor.enabled) (not $m.enabled) -}}
metrics.podMonitor/serviceMonitor need metrics.enabled (the metrics endpoint they scrape)
{{- else if and $m.podMonitor.enabled $m.serviceMonitor.enabled -}}
metrics.podMonitor.enabled and metrics.serviceMonitor.enabled together would scrape every pod twice; choose one
{{- end -}}
{{- end -}}

{{/*
Fails once with every message.
Usage: {{ include "kserve-canary.validation.fail" (dict "chart" "kserve-model" "messages" $messages) }}
  messages: one message per line (empty lines are dropped); nothing happens when there is none.
*/}}
{{- define "kserve-canary.validation.fail" -}}
{{- $messages := without (splitList "\n" .messages) "" -}}
{{- if $messages -}}
{{- fail (printf "%s: VALUES VALIDATION (%d %s):\n  - %s" .chart (len $messages) (ternary "problem" "problems" (eq (len $messages) 1)) (join "\n  - " $messages)) -}}
{{- end -}}
{{- end -}}
