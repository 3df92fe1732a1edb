{{/*
kserve-general helpers: names, labels, the canary switch, the values forwarded to kserve-model,
weights, hosts and checks.
*/}}

{{/* The chart name, for the app.kubernetes.io/name label. */}}
{{- define "kserve-general.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The group name: the release name unless fullnameOverride is set (truncated to 63 characters;
"kserve-general.validate" refuses names whose "<name>-canary-predictor" would not fit).
Prefixes <name>-primary, <name>-canary and <name>-predictor.
*/}}
{{- define "kserve-general.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "kserve-general.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object, including the group label the kserve-canary post-renderer keys on. */}}
{{- define "kserve-general.labels" -}}
helm.sh/chart: {{ include "kserve-general.chart" . }}
app.kubernetes.io/name: {{ include "kserve-general.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
kserve-canary.io/group: {{ include "kserve-general.fullname" . }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* inferenceservice.predictor.model as a dict (empty when any level is missing). */}}
{{- define "kserve-general.model" -}}
{{- $isvc := .Values.inferenceservice | default dict -}}
{{- $predictor := $isvc.predictor | default dict -}}
{{- toYaml ($predictor.model | default dict) -}}
{{- end -}}

{{/* "true" when there is a canary, i.e. inferenceservice.predictor.model.newStorageUri is set. */}}
{{- define "kserve-general.hasCanary" -}}
{{- $model := include "kserve-general.model" . | fromYaml -}}
{{- if $model.newStorageUri -}}true{{- end -}}
{{- end -}}

{{/* Traffic share of the primary on the customer host: primaryLoad, or 100 without a canary. */}}
{{- define "kserve-general.primaryWeight" -}}
{{- if include "kserve-general.hasCanary" . -}}{{ int .Values.primaryLoad }}{{- else -}}100{{- end -}}
{{- end -}}

{{/* Traffic share of the canary: 100 - primaryLoad, or 0 without a canary. */}}
{{- define "kserve-general.canaryWeight" -}}
{{- sub 100 (int (include "kserve-general.primaryWeight" .)) -}}
{{- end -}}

{{/*
The values both HelmReleases get: every key of .Values except kserve-general's own
(nameOverride, fullnameOverride, primaryLoad, flux, routing, dashboard, canaryAnalysis), env/region only when set (else the
children take them from flux.valuesFrom), and newStorageUri only when it is not empty.
inferenceservice.predictor.model is always present (an empty map at least), and its args is
always a list (empty at least).
*/}}
{{- define "kserve-general.childValues" -}}
{{- $values := omit .Values "global" "nameOverride" "fullnameOverride" "primaryLoad" "flux" "routing" "dashboard" "canaryAnalysis" | deepCopy -}}
{{- range $key := list "env" "region" -}}
{{- if not (get $values $key) -}}
{{- $_ := unset $values $key -}}
{{- end -}}
{{- end -}}
{{- /* inferenceservice.predictor.model always exists: the post-renderer edits args there. */ -}}
{{- $isvc := get $values "inferenceservice" | default dict -}}
{{- $predictor := get $isvc "predictor" | default dict -}}
{{- $model := get $predictor "model" | default dict -}}
{{- if and (hasKey $model "newStorageUri") (not (get $model "newStorageUri")) -}}
{{- $_ := unset $model "newStorageUri" -}}
{{- end -}}
{{- /* args is always a list, so Flux postRenderers can append with a JSON6902 `add .../args/-`. */ -}}
{{- if not (get $model "args") -}}
{{- $_ := set $model "args" list -}}
{{- end -}}
{{- $_ := set $predictor "model" $model -}}
{{- $_ := set $isvc "predictor" $predictor -}}
{{- $_ := set $values "inferenceservice" $isvc -}}
{{- toYaml $values -}}
{{- end -}}

{{/*
A Flux HelmRelease of kserve-model for one variant. Both variants are rendered by this one
definition, so they can only differ in name and the variant label.
Call with (dict "root" $ "variant" "primary"|"canary").
*/}}
{{- define "kserve-general.helmRelease" -}}
{{- $root := .root -}}
{{- $flux := $root.Values.flux -}}
{{- $name := include "kserve-general.fullname" $root -}}
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: {{ $name }}-{{ .variant }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "kserve-general.labels" $root | nindent 4 }}
    kserve-canary.io/variant: {{ .variant }}
spec:
  interval: {{ $flux.interval }}
  {{- with $flux.timeout }}
  timeout: {{ . }}
  {{- end }}
  {{- if $flux.chartRef.kind }}
  chartRef:
    kind: {{ $flux.chartRef.kind }}
    name: {{ $flux.chartRef.name }}
    {{- with $flux.chartRef.namespace }}
    namespace: {{ . }}
    {{- end }}
  {{- else }}
  chart:
    spec:
      chart: {{ $flux.chart | quote }}
      {{- with $flux.version }}
      version: {{ . | quote }}
      {{- end }}
      {{- with $flux.reconcileStrategy }}
      reconcileStrategy: {{ . }}
      {{- end }}
      sourceRef:
        kind: {{ $flux.sourceRef.kind }}
        name: {{ $flux.sourceRef.name }}
        {{- with $flux.sourceRef.namespace }}
        namespace: {{ . }}
        {{- end }}
  {{- end }}
  install:
    remediation:
      retries: {{ int $flux.install.remediation.retries }}
  upgrade:
    remediation:
      retries: {{ int $flux.upgrade.remediation.retries }}
  {{- with $flux.valuesFrom }}
  # Merged first, in order; spec.values below is merged on top.
  valuesFrom:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  values:
    {{- include "kserve-general.childValues" $root | nindent 4 }}
{{- end -}}

{{/* The customer host "<name>-predictor-<namespace>.<type>.<env>-<region>.<domain>". */}}
{{- define "kserve-general.host" -}}
{{- $e := .Values.exposeModel -}}
{{- printf "%s-predictor-%s.%s.%s-%s.%s" (include "kserve-general.fullname" .) .Release.Namespace $e.type .Values.env .Values.region $e.domain -}}
{{- end -}}

{{/* The per-variant test host of kserve-model release "<name>-<variant>". */}}
{{- define "kserve-general.variantHost" -}}
{{- $root := .root -}}
{{- $e := $root.Values.exposeModel -}}
{{- printf "%s-%s-predictor-%s.%s.%s-%s.%s" (include "kserve-general.fullname" $root) .variant $root.Release.Namespace $e.type ($root.Values.env | default "<env>") ($root.Values.region | default "<region>") $e.domain -}}
{{- end -}}

{{/* Checks run before anything renders (from every template). */}}
{{- define "kserve-general.validate" -}}
{{- $name := include "kserve-general.fullname" . -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $name) -}}
{{- fail (printf "kserve-general: the group name %q must start with a lower-case letter and contain only lower-case letters, digits and '-' (KServe's naming rule); rename the release or set fullnameOverride" $name) -}}
{{- end -}}
{{- $longest := printf "%s-canary-predictor" $name -}}
{{- if gt (len $longest) 63 -}}
{{- fail (printf "kserve-general: the name %q (the canary's KServe Deployment and Service) has %d characters, more than 63; the release name (or fullnameOverride) may have at most 46 characters" $longest (len $longest)) -}}
{{- end -}}
{{- if .Values.exposeModel.enabled -}}
{{- if not .Values.env -}}
{{- fail "kserve-general: exposeModel.enabled needs `env` (e.g. sandbox) for the host <name>-predictor-<namespace>.<type>.<env>-<region>.<domain>; with Flux give the parent HelmRelease the namespace ConfigMap through valuesFrom, or set it in values" -}}
{{- end -}}
{{- if not .Values.region -}}
{{- fail "kserve-general: exposeModel.enabled needs `region` (e.g. uw2) for the host <name>-predictor-<namespace>.<type>.<env>-<region>.<domain>; with Flux give the parent HelmRelease the namespace ConfigMap through valuesFrom, or set it in values" -}}
{{- end -}}
{{- $label := printf "%s-canary-predictor-%s" $name .Release.Namespace -}}
{{- if gt (len $label) 63 -}}
{{- fail (printf "kserve-general: the canary's host label %q has %d characters, more than the DNS limit of 63; shorten the release name or the namespace" $label (len $label)) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.flux.chartRef.kind (not .Values.flux.chartRef.name) -}}
{{- fail "kserve-general: flux.chartRef.kind needs flux.chartRef.name" -}}
{{- end -}}
{{- end -}}
