{{/*
Authentication helpers shared by the RequestAuthentication and the AuthorizationPolicies.
*/}}

{{/* Workload selector of every Istio security policy: the predictor pods. */}}
{{- define "kserve-model.auth.selector" -}}
selector:
  matchLabels:
    {{- include "kserve-model.selectorLabels" . | nindent 4 }}
{{- end -}}

{{/* The metrics endpoint as the fields of an AuthorizationPolicy operation. */}}
{{- define "kserve-model.auth.metricsOperation" -}}
ports:
  - {{ int .Values.metrics.port | quote }}
paths:
  - {{ .Values.metrics.path | quote }}
methods:
  - GET
{{- end -}}
