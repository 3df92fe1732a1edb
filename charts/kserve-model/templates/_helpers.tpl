{{/*
kserve-model helpers: names, labels, selectors and the checks every template relies on.
*/}}

{{/* The chart name, for the app.kubernetes.io/name label. */}}
{{- define "kserve-model.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The InferenceService name, and the prefix of every object: the release name unless
fullnameOverride is set (truncated to 63 characters; "kserve-model.validate" refuses names whose
"<name>-predictor" would not fit).
*/}}
{{- define "kserve-model.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* KServe's predictor name: Deployment, Service and HPA target "<name>-predictor". */}}
{{- define "kserve-model.predictorName" -}}
{{- printf "%s-predictor" (include "kserve-model.fullname" .) -}}
{{- end -}}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "kserve-model.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "kserve-model.labels" -}}
helm.sh/chart: {{ include "kserve-model.chart" . }}
app.kubernetes.io/name: {{ include "kserve-model.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: predictor
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Selector of the predictor pods. KServe labels them "app: isvc.<name>-predictor" in RawDeployment
(Standard) mode; the HPA, PDB, Istio policies, EnvoyFilter and Telemetry select them with it.
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

{{/*
The exposure host "<name>-predictor-<namespace>.<type>.<env>-<region>.<domain>"
(seed: sklearn-primary-predictor-sample-dev.api.sandbox-uw2.sample.io).
*/}}
{{- define "kserve-model.host" -}}
{{- $e := .Values.exposeModel -}}
{{- if not .Values.env -}}
{{- fail "kserve-model: exposeModel.enabled needs `env` (e.g. sandbox) for the host <name>-predictor-<namespace>.<type>.<env>-<region>.<domain>; with Flux it comes from the namespace ConfigMap through valuesFrom" -}}
{{- end -}}
{{- if not .Values.region -}}
{{- fail "kserve-model: exposeModel.enabled needs `region` (e.g. uw2) for the host <name>-predictor-<namespace>.<type>.<env>-<region>.<domain>; with Flux it comes from the namespace ConfigMap through valuesFrom" -}}
{{- end -}}
{{- $label := printf "%s-%s" (include "kserve-model.predictorName" .) .Release.Namespace -}}
{{- if gt (len $label) 63 -}}
{{- fail (printf "kserve-model: the host label %q has %d characters, more than the DNS limit of 63; shorten the release name or the namespace" $label (len $label)) -}}
{{- end -}}
{{- printf "%s.%s.%s-%s.%s" $label $e.type .Values.env .Values.region $e.domain -}}
{{- end -}}

{{/*
Checks run once, from inference-service.yaml, before anything renders:
  - the canary guard: newStorageUri must never reach this chart;
  - names fit Kubernetes' limits;
  - cross-field rules the schema cannot express.
*/}}
{{- define "kserve-model.validate" -}}
{{- $model := .Values.inferenceservice.predictor.model -}}
{{- if and (hasKey $model "newStorageUri") $model.newStorageUri -}}
{{- fail (printf "kserve-model: inferenceservice.predictor.model.newStorageUri is set (%q): the canary transformation did not run. newStorageUri belongs to kserve-general; the kserve-canary post-renderer (helm --post-renderer kserve-canary), or the Flux postRenderers printed by `kserve-canary flux postrenderers`, turns it into the canary's storageUri and removes it. Refusing to render, so that a canary never silently serves the old model." $model.newStorageUri) -}}
{{- end -}}
{{- $name := include "kserve-model.fullname" . -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $name) -}}
{{- fail (printf "kserve-model: the InferenceService name %q must start with a lower-case letter and contain only lower-case letters, digits and '-' (KServe's naming rule); rename the release or set fullnameOverride" $name) -}}
{{- end -}}
{{- $predictor := include "kserve-model.predictorName" . -}}
{{- if gt (len $predictor) 63 -}}
{{- fail (printf "kserve-model: the name %q (KServe's Deployment and Service) has %d characters, more than 63; the release name (or fullnameOverride) may have at most 53 characters" $predictor (len $predictor)) -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicaCount) (int .Values.replicaCount)) -}}
{{- fail (printf "kserve-model: autoscaling.maxReplicaCount (%d) must be at least replicaCount (%d)" (int .Values.autoscaling.maxReplicaCount) (int .Values.replicaCount)) -}}
{{- end -}}
{{- if and .Values.jwt.enabled (or (not .Values.jwt.issuer) (not .Values.jwt.jwksUri)) -}}
{{- fail "kserve-model: jwt.enabled needs jwt.issuer and jwt.jwksUri" -}}
{{- end -}}
{{- if and .Values.jwt.customAuthz.enabled (not .Values.jwt.customAuthz.provider) -}}
{{- fail "kserve-model: jwt.customAuthz.enabled needs jwt.customAuthz.provider (an extensionProviders name of the Istio mesh config)" -}}
{{- end -}}
{{- if and .Values.imageAutomation.enabled (not .Values.imageAutomation.image) -}}
{{- fail "kserve-model: imageAutomation.enabled needs imageAutomation.image" -}}
{{- end -}}
{{- range .Values.inferenceservice.predictor.containers -}}
{{- if eq (toString .name) "kserve-container" -}}
{{- fail "kserve-model: inferenceservice.predictor.containers must not contain a container named kserve-container (that is the model container)" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* An int-or-string value (PDB minAvailable / maxUnavailable): "50%" stays a string, 1 an integer. */}}
{{- define "kserve-model.intOrString" -}}
{{- if kindIs "string" . -}}
{{- . | quote -}}
{{- else -}}
{{- int . -}}
{{- end -}}
{{- end -}}
