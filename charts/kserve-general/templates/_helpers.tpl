{{/*
kserve-general helpers: names, labels, the canary switch, the values forwarded to kserve-model,
weights and hosts. The checks are in _checks.tpl (this chart's) and _validation.tpl (kserve-model's,
shared verbatim).
*/}}

{{/* The chart name, for the app.kubernetes.io/name label. */}}
{{- define "kserve-general.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The group name: the release name unless fullnameOverride is set. Not truncated:
"kserve-general.validate" refuses names over 40 characters. Prefixes <name>-primary,
<name>-canary and <name>-predictor.
*/}}
{{- define "kserve-general.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride -}}
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

{{/*
Deep merge of .src into .dst, in place, the way Helm and helm-controller merge values: maps merge
key by key, everything else (lists, scalars, false, "") replaces. (Sprig's mergeOverwrite would not
let false or "" replace a default.)
Usage: {{- include "kserve-general.merge" (dict "dst" $dst "src" $src) -}}
*/}}
{{- define "kserve-general.merge" -}}
{{- $dst := .dst -}}
{{- range $key, $value := .src -}}
{{- if and (kindIs "map" $value) (kindIs "map" (get $dst $key)) -}}
{{- include "kserve-general.merge" (dict "dst" (get $dst $key) "src" $value) -}}
{{- else -}}
{{- $_ := set $dst $key (deepCopy $value) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* inferenceservice.predictor.model of the shared values as a dict (empty when any level is missing). */}}
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

{{/*
Traffic share of the primary on the customer host: primaryLoad, or 100 without a canary. An absent
primaryLoad is 100: Helm removes a null (primaryLoad: ~) before templates run, default included,
and `int nil` would be 0, sending everything to the canary.
*/}}
{{- define "kserve-general.primaryWeight" -}}
{{- if and (include "kserve-general.hasCanary" .) (not (kindIs "invalid" .Values.primaryLoad)) -}}
{{- int .Values.primaryLoad -}}
{{- else -}}
100
{{- end -}}
{{- end -}}

{{/* Traffic share of the canary: 100 - primaryWeight. */}}
{{- define "kserve-general.canaryWeight" -}}
{{- sub 100 (int (include "kserve-general.primaryWeight" .)) -}}
{{- end -}}

{{/*
The values both HelmReleases share: every key of .Values except kserve-general's own
(nameOverride, fullnameOverride, primaryLoad, canary, flux, routing, dashboard, canaryAnalysis), env/region only when set (else
the children take them from flux.valuesFrom), and newStorageUri only when it is not empty.
*/}}
{{- define "kserve-general.sharedValues" -}}
{{- $values := omit .Values "global" "nameOverride" "fullnameOverride" "primaryLoad" "canary" "flux" "routing" "dashboard" "canaryAnalysis" | deepCopy -}}
{{- range $key := list "env" "region" -}}
{{- if not (get $values $key) -}}
{{- $_ := unset $values $key -}}
{{- end -}}
{{- end -}}
{{- $model := ((get $values "inferenceservice" | default dict).predictor | default dict).model | default dict -}}
{{- if and (hasKey $model "newStorageUri") (not (get $model "newStorageUri")) -}}
{{- $_ := unset $model "newStorageUri" -}}
{{- end -}}
{{- toYaml $values -}}
{{- end -}}

{{/* "true" when the global rate limit is on for the group (defaults, shared values, canary). */}}
{{- define "kserve-general.globalRateLimit" -}}
{{- $values := include "kserve-general.modelDefaults" . | fromJson -}}
{{- include "kserve-general.merge" (dict "dst" $values "src" (include "kserve-general.sharedValues" . | fromYaml)) -}}
{{- if $values.rateLimit.global.enabled -}}true{{- end -}}
{{- end -}}

{{/* The group's envoyproxy/ratelimit domain: rateLimit.global.domain or "<namespace>.<group>". */}}
{{- define "kserve-general.rateLimitDomain" -}}
{{- $global := ((.Values.rateLimit | default dict).global | default dict) -}}
{{- $global.domain | default (printf "%s.%s" .Release.Namespace (include "kserve-general.fullname" .)) -}}
{{- end -}}

{{/* The group's rate-limit descriptor value: rateLimit.global.descriptorValue or the group name. */}}
{{- define "kserve-general.rateLimitDescriptor" -}}
{{- $global := ((.Values.rateLimit | default dict).global | default dict) -}}
{{- $global.descriptorValue | default (include "kserve-general.fullname" .) -}}
{{- end -}}

{{/*
spec.values of one child HelmRelease: the shared values, for the canary with `canary:` merged over
them. inferenceservice.predictor.model always exists and its args is always a list (the
post-renderer, and Flux postRenderers with a JSON6902 `add .../args/-`, append the model name
there). With the global rate limit on, both children count in the group's domain and descriptor and
leave the group's ConfigMap to this chart.
Call with (dict "root" $ "variant" "primary"|"canary").
*/}}
{{- define "kserve-general.childValues" -}}
{{- $root := .root -}}
{{- $values := include "kserve-general.sharedValues" $root | fromYaml -}}
{{- if and (eq .variant "canary") $root.Values.canary -}}
{{- include "kserve-general.merge" (dict "dst" $values "src" (deepCopy $root.Values.canary)) -}}
{{- end -}}
{{- $isvc := get $values "inferenceservice" | default dict -}}
{{- $predictor := get $isvc "predictor" | default dict -}}
{{- $model := get $predictor "model" | default dict -}}
{{- if not (get $model "args") -}}
{{- $_ := set $model "args" list -}}
{{- end -}}
{{- $_ := set $predictor "model" $model -}}
{{- $_ := set $isvc "predictor" $predictor -}}
{{- $_ := set $values "inferenceservice" $isvc -}}
{{- if include "kserve-general.globalRateLimit" $root -}}
{{- $group := dict "domain" (include "kserve-general.rateLimitDomain" $root) "descriptorValue" (include "kserve-general.rateLimitDescriptor" $root) "configMap" (dict "create" false) -}}
{{- include "kserve-general.merge" (dict "dst" $values "src" (dict "rateLimit" (dict "global" $group))) -}}
{{- end -}}
{{- toYaml $values -}}
{{- end -}}

{{/*
The values kserve-model will see in one child, as far as this chart can know them: kserve-model's
defaults, the child's spec.values on top (valuesFrom is resolved by Flux in the cluster), after the
kserve-canary post-renderer (the canary serves newStorageUri, newStorageUri is gone).
Call with (dict "root" $ "variant" "primary"|"canary").
*/}}
{{- define "kserve-general.effectiveChildValues" -}}
{{- $values := include "kserve-general.modelDefaults" .root | fromJson -}}
{{- include "kserve-general.merge" (dict "dst" $values "src" (include "kserve-general.childValues" . | fromYaml)) -}}
{{- $model := $values.inferenceservice.predictor.model -}}
{{- if eq .variant "canary" -}}
{{- $_ := set $model "storageUri" (get $model "newStorageUri") -}}
{{- end -}}
{{- $_ := unset $model "newStorageUri" -}}
{{- toYaml $values -}}
{{- end -}}

{{/*
A Flux HelmRelease of kserve-model for one variant. Both variants are rendered by this one
definition: they differ in name, the variant label and, for the canary, the `canary:` overrides.
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
  {{- with $flux.serviceAccountName }}
  serviceAccountName: {{ . }}
  {{- end }}
  {{- if $flux.suspend }}
  suspend: true
  {{- end }}
  {{- with $flux.dependsOn }}
  dependsOn:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if or $flux.driftDetection.mode $flux.driftDetection.ignore }}
  driftDetection:
    {{- with $flux.driftDetection.mode }}
    mode: {{ . }}
    {{- end }}
    {{- with $flux.driftDetection.ignore }}
    ignore:
      {{- toYaml . | nindent 6 }}
    {{- end }}
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
      {{- if $flux.install.remediation.remediateLastFailure }}
      remediateLastFailure: true
      {{- end }}
  upgrade:
    {{- if $flux.upgrade.cleanupOnFail }}
    cleanupOnFail: true
    {{- end }}
    remediation:
      retries: {{ int $flux.upgrade.remediation.retries }}
      {{- with $flux.upgrade.remediation.strategy }}
      strategy: {{ . }}
      {{- end }}
      {{- if $flux.upgrade.remediation.remediateLastFailure }}
      remediateLastFailure: true
      {{- end }}
  {{- with $flux.valuesFrom }}
  # Merged first, in order; spec.values below is merged on top.
  valuesFrom:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  values:
    {{- include "kserve-general.childValues" . | nindent 4 }}
{{- end -}}

{{/* The customer host "<name>-predictor-<namespace>.<type>.<env>-<region>.<domain>". */}}
{{- define "kserve-general.host" -}}
{{- $e := .Values.exposeModel -}}
{{- printf "%s-predictor-%s.%s.%s-%s.%s" (include "kserve-general.fullname" .) .Release.Namespace $e.type .Values.env .Values.region $e.domain -}}
{{- end -}}

{{/* The in-cluster host of the group "<name>-predictor.<namespace>.svc.<clusterDomain>" (routing.mesh). */}}
{{- define "kserve-general.meshHost" -}}
{{- printf "%s-predictor.%s.svc.%s" (include "kserve-general.fullname" .) .Release.Namespace .Values.routing.mesh.clusterDomain -}}
{{- end -}}

{{/* The per-variant test host of kserve-model release "<name>-<variant>". */}}
{{- define "kserve-general.variantHost" -}}
{{- $root := .root -}}
{{- $e := $root.Values.exposeModel -}}
{{- printf "%s-%s-predictor-%s.%s.%s-%s.%s" (include "kserve-general.fullname" $root) .variant $root.Release.Namespace $e.type ($root.Values.env | default "<env>") ($root.Values.region | default "<region>") $e.domain -}}
{{- end -}}
