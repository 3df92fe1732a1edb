{{/*
kserve-model helpers: names, labels, selectors, pod labels and annotations. The value checks are in
_validation.tpl (shared verbatim with kserve-general).
*/}}

{{/* The chart name, for the app.kubernetes.io/name label. */}}
{{- define "kserve-model.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The InferenceService name, and the prefix of every object: the release name unless
fullnameOverride is set. Not truncated: "kserve-model.validate" refuses names over 48 characters
(KServe's pod label "app: isvc.<name>-predictor" must fit 63).
*/}}
{{- define "kserve-model.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride -}}
{{- end -}}

{{/* KServe's predictor name: its Deployment and Service "<name>-predictor". */}}
{{- define "kserve-model.predictorName" -}}
{{- printf "%s-predictor" (include "kserve-model.fullname" .) -}}
{{- end -}}

{{/*
Name of this chart's HPA. Never "<name>-predictor": KServe's HPA reconciler GETs exactly that name,
adopts an HPA it does not own and deletes one it owns when the class is external
(reconcilers/hpa/hpa_reconciler.go checkHPAExist, shouldDeleteHPA). Every HPA name KServe uses
ends in its component name (-predictor, -transformer, -explainer), so "-hpa" never collides.
*/}}
{{- define "kserve-model.hpaName" -}}
{{- printf "%s-predictor-hpa" (include "kserve-model.fullname" .) -}}
{{- end -}}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "kserve-model.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Labels that never change with a chart or KServe version: the only chart labels on the
InferenceService, because KServe copies its labels onto the Deployment's pod template
(components/predictor.go buildObjectMeta) and a changed label restarts every model pod.
*/}}
{{- define "kserve-model.stableLabels" -}}
app.kubernetes.io/name: {{ include "kserve-model.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: predictor
{{- end -}}

{{/* Labels of every object but the InferenceService: stable labels, versions, commonLabels. */}}
{{- define "kserve-model.labels" -}}
helm.sh/chart: {{ include "kserve-model.chart" . }}
{{ include "kserve-model.stableLabels" . }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Selector of the predictor pods. KServe labels them "app: isvc.<name>-predictor" in Standard mode
(reconcilers/deployment/deployment_reconciler.go createRawDefaultDeployment); the PDB, Istio
policies, EnvoyFilters, Telemetry, PodMonitor and the anti-affinity presets select them with it,
so a canary's policies never select the primary's pods.
*/}}
{{- define "kserve-model.selectorLabels" -}}
app: isvc.{{ include "kserve-model.predictorName" . }}
{{- end -}}

{{/* The ServiceAccount the predictor pods run as ("" = the namespace's default). */}}
{{- define "kserve-model.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "kserve-model.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* "true" when an Istio feature that only acts on pods with a sidecar is on. */}}
{{- define "kserve-model.needsSidecar" -}}
{{- $v := .Values -}}
{{- if or $v.jwt.enabled $v.jwt.customAuthz.enabled $v.peerAuthentication.enabled $v.rateLimit.enabled $v.rateLimit.global.enabled $v.accessLog.enabled -}}true{{- end -}}
{{- end -}}

{{/* The Istio features that need a sidecar, for NOTES. */}}
{{- define "kserve-model.sidecarFeatures" -}}
{{- $v := .Values -}}
{{- $f := list -}}
{{- if $v.jwt.enabled }}{{ $f = append $f "jwt" }}{{ end -}}
{{- if $v.jwt.customAuthz.enabled }}{{ $f = append $f "jwt.customAuthz" }}{{ end -}}
{{- if $v.peerAuthentication.enabled }}{{ $f = append $f "peerAuthentication" }}{{ end -}}
{{- if $v.rateLimit.enabled }}{{ $f = append $f "rateLimit" }}{{ end -}}
{{- if $v.rateLimit.global.enabled }}{{ $f = append $f "rateLimit.global" }}{{ end -}}
{{- if $v.accessLog.enabled }}{{ $f = append $f "accessLog" }}{{ end -}}
{{- join ", " $f -}}
{{- end -}}

{{/*
Labels of the predictor pods (InferenceService spec.predictor.labels): the user's, plus the Istio
injection label (istio.sidecarInjection, istio.revision). Istio's injector webhook selects pods by
"sidecar.istio.io/inject: true" (default revision) or "istio.io/rev: <rev>" when the namespace has
no injection label (istio-discovery mutatingwebhook.yaml).
*/}}
{{- define "kserve-model.podLabels" -}}
{{- $labels := deepCopy (.Values.inferenceservice.predictor.labels | default dict) -}}
{{- $mode := .Values.istio.sidecarInjection -}}
{{- if or (eq $mode "always") (and (eq $mode "auto") (include "kserve-model.needsSidecar" .)) -}}
{{- if .Values.istio.revision -}}
{{- $_ := set $labels "istio.io/rev" .Values.istio.revision -}}
{{- else -}}
{{- $_ := set $labels "sidecar.istio.io/inject" "true" -}}
{{- end -}}
{{- end -}}
{{- if $labels }}{{ toYaml $labels }}{{ end -}}
{{- end -}}

{{/*
Annotations of the predictor pods (InferenceService spec.predictor.annotations): the user's, plus the
scrape annotations from metrics.port/path. KServe's pod webhook sets prometheus.io/port to 9091
(Knative's queue-proxy) when serving.kserve.io/enable-prometheus-scraping is "true" or, if absent,
when its config says so (webhook/admission/pod/metrics_aggregate_injector.go InjectMetricsAggregator);
the InferenceService therefore carries "false" and the pods the real port.
*/}}
{{- define "kserve-model.podAnnotations" -}}
{{- $annotations := deepCopy (.Values.inferenceservice.predictor.annotations | default dict) -}}
{{- if .Values.metrics.enabled -}}
{{- $port := toString (int .Values.metrics.port) -}}
{{- $_ := set $annotations "prometheus.io/scrape" "true" -}}
{{- $_ := set $annotations "prometheus.io/port" $port -}}
{{- $_ := set $annotations "prometheus.io/path" .Values.metrics.path -}}
{{- $_ := set $annotations "prometheus.kserve.io/port" $port -}}
{{- $_ := set $annotations "prometheus.kserve.io/path" .Values.metrics.path -}}
{{- end -}}
{{- if $annotations }}{{ toYaml $annotations }}{{ end -}}
{{- end -}}

{{/*
Affinity of the predictor pods: `affinity` as given, else the podAntiAffinityPreset over this
model's own pods (app: isvc.<name>-predictor).
*/}}
{{- define "kserve-model.affinity" -}}
{{- $p := .Values.inferenceservice.predictor -}}
{{- if $p.affinity -}}
{{- toYaml $p.affinity -}}
{{- else if $p.podAntiAffinityPreset -}}
{{- $term := dict "topologyKey" $p.podAntiAffinityTopologyKey "labelSelector" (dict "matchLabels" (include "kserve-model.selectorLabels" . | fromYaml)) -}}
podAntiAffinity:
{{- if eq $p.podAntiAffinityPreset "hard" }}
  requiredDuringSchedulingIgnoredDuringExecution:
    - {{ toYaml $term | nindent 6 | trim }}
{{- else }}
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        {{- toYaml $term | nindent 8 }}
{{- end }}
{{- end -}}
{{- end -}}

{{/*
The exposure host "<name>-predictor-<namespace>.<type>.<env>-<region>.<domain>"
(seed: sklearn-primary-predictor-sample-dev.api.sandbox-uw2.sample.io). env, region and the label
length are checked by "kserve-model.validate".
*/}}
{{- define "kserve-model.host" -}}
{{- $e := .Values.exposeModel -}}
{{- printf "%s-%s.%s.%s-%s.%s" (include "kserve-model.predictorName" .) .Release.Namespace $e.type .Values.env .Values.region $e.domain -}}
{{- end -}}

{{/* The envoyproxy/ratelimit domain: rateLimit.global.domain or "<namespace>.<name>". */}}
{{- define "kserve-model.rateLimitDomain" -}}
{{- .Values.rateLimit.global.domain | default (printf "%s.%s" .Release.Namespace (include "kserve-model.fullname" .)) -}}
{{- end -}}

{{/* The value of the "model" rate-limit descriptor: rateLimit.global.descriptorValue or the name. */}}
{{- define "kserve-model.rateLimitDescriptor" -}}
{{- .Values.rateLimit.global.descriptorValue | default (include "kserve-model.fullname" .) -}}
{{- end -}}

{{/*
All checks, run from every template before anything renders: the shared model rules of
_validation.tpl plus what only this chart can see (env/region of the exposure host), reported
together in one failure.
*/}}
{{- define "kserve-model.validate" -}}
{{- $ctx := dict "values" .Values "name" (include "kserve-model.fullname" .) "namespace" .Release.Namespace "envKnown" true "storageUriFromValuesFrom" false -}}
{{- $messages := include "kserve-canary.validation.model" $ctx -}}
{{- include "kserve-canary.validation.fail" (dict "chart" "kserve-model" "messages" $messages) -}}
{{- end -}}

{{/* An int-or-string value (PDB minAvailable / maxUnavailable): "50%" stays a string, 1 an integer. */}}
{{- define "kserve-model.intOrString" -}}
{{- if kindIs "string" . -}}
{{- . | quote -}}
{{- else -}}
{{- int . -}}
{{- end -}}
{{- end -}}
