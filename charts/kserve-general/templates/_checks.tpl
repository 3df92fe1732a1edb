{{/*
kserve-general's checks, run from every template before anything renders, reported together in one
failure (bitnami style, see _validation.tpl):
  - the group's own rules (name, hosts, Flux source, canary URI);
  - kserve-model's rules on the values each child HelmRelease will have (kserve-canary.validation.model
    on kserve-general.effectiveChildValues), so that what a child would refuse later, when Flux
    reconciles it on its own, is refused here with the same message, prefixed with the child's name.
*/}}
{{- define "kserve-general.validate" -}}
{{- $messages := list -}}
{{- range $check := list "name" "exposure" "flux" "newStorageUri" -}}
{{- $message := include (printf "kserve-general.check.%s" $check) $ | trim -}}
{{- if $message }}{{ $messages = append $messages $message }}{{ end -}}
{{- end -}}
{{- $name := include "kserve-general.fullname" . -}}
{{- $variants := list "primary" -}}
{{- if include "kserve-general.hasCanary" . }}{{ $variants = append $variants "canary" }}{{ end -}}
{{- $fromValuesFrom := include "kserve-general.storageUriFromValuesFrom" . -}}
{{- range $variant := $variants -}}
{{- $values := include "kserve-general.effectiveChildValues" (dict "root" $ "variant" $variant) | fromYaml -}}
{{- $ctx := dict "values" $values "name" (printf "%s-%s" $name $variant) "namespace" $.Release.Namespace
      "envKnown" (not $.Values.flux.valuesFrom) "storageUriFromValuesFrom" (and $fromValuesFrom (eq $variant "primary")) -}}
{{- range $message := without (splitList "\n" (include "kserve-canary.validation.model" $ctx)) "" -}}
{{- $messages = append $messages (printf "%s-%s: %s" $name $variant $message) -}}
{{- end -}}
{{- end -}}
{{- include "kserve-canary.validation.fail" (dict "chart" "kserve-general" "messages" (join "\n" (uniq $messages))) -}}
{{- end -}}

{{/* "true" when a flux.valuesFrom entry targets inferenceservice.predictor.model.storageUri. */}}
{{- define "kserve-general.storageUriFromValuesFrom" -}}
{{- range .Values.flux.valuesFrom -}}
{{- if eq (toString .targetPath) "inferenceservice.predictor.model.storageUri" -}}true{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The group name: KServe's name rule, and at most 40 characters: the primary's pods are labelled
"app: isvc.<name>-primary-predictor" (at most 63).
*/}}
{{- define "kserve-general.check.name" -}}
{{- $name := include "kserve-general.fullname" . -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $name) -}}
the group name {{ $name | quote }} must start with a lower-case letter and contain only lower-case letters, digits and '-' (KServe's name rule); rename the release or set fullnameOverride
{{- else if gt (len $name) 40 -}}
the group name {{ $name | quote }} has {{ len $name }} characters, more than 40: KServe labels the primary's pods "app: isvc.{{ $name }}-primary-predictor" and a label value has at most 63; shorten the release name (or fullnameOverride)
{{- end -}}
{{- end -}}

{{/* The customer host (and, exposed, the variants' test hosts) need env, region and labels <= 63. */}}
{{- define "kserve-general.check.exposure" -}}
{{- $name := include "kserve-general.fullname" . -}}
{{- if .Values.exposeModel.enabled -}}
{{- if not .Values.env -}}
exposeModel.enabled needs `env` (e.g. sandbox) for the host <name>-predictor-<namespace>.<type>.<env>-<region>.<domain>; with Flux give the parent HelmRelease the namespace ConfigMap through valuesFrom, or set it in values
{{ end -}}
{{- if not .Values.region -}}
exposeModel.enabled needs `region` (e.g. uw2) for the host <name>-predictor-<namespace>.<type>.<env>-<region>.<domain>; with Flux give the parent HelmRelease the namespace ConfigMap through valuesFrom, or set it in values
{{ end -}}
{{- $label := printf "%s-predictor-%s" $name .Release.Namespace -}}
{{- if gt (len $label) 63 -}}
the customer host label {{ $label | quote }} has {{ len $label }} characters, more than the DNS limit of 63; shorten the release name or the namespace
{{ end -}}
{{- end -}}
{{- end -}}

{{- define "kserve-general.check.flux" -}}
{{- if and .Values.flux.chartRef.kind (not .Values.flux.chartRef.name) -}}
flux.chartRef.kind needs flux.chartRef.name
{{- end -}}
{{- end -}}

{{/*
The canary's URI: a scheme KServe's storage initializer downloads, and not the primary's URI (the
canary would silently serve the old model).
*/}}
{{- define "kserve-general.check.newStorageUri" -}}
{{- $model := include "kserve-general.model" . | fromYaml -}}
{{- $new := $model.newStorageUri | default "" | toString -}}
{{- if $new -}}
{{- if not (regexMatch (include "kserve-canary.validation.storageUriPattern" .) $new) -}}
inferenceservice.predictor.model.newStorageUri {{ $new | quote }} is not a URI KServe's storage initializer downloads: it must start with gs://, s3://, hdfs://, webhdfs://, https://, http://, pvc://, oci://, oci+native:// or hf://
{{- else if eq $new (toString ($model.storageUri | default "")) -}}
inferenceservice.predictor.model.newStorageUri equals storageUri ({{ $new | quote }}): the canary would serve the primary's model; set the new model's URI, or remove newStorageUri to end the canary
{{- end -}}
{{- end -}}
{{- end -}}
