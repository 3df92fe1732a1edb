{{/*
The envoyproxy/ratelimit configuration file of one model (or canary group), shared verbatim by
charts/kserve-model and charts/kserve-general (scripts/sync-values-schema.py keeps the copies
identical). Its keys are the service's (src/config/config_impl.go: validKeys, YamlRoot,
YamlDescriptor, YamlRateLimit); the descriptors match the actions of envoyfilter-ratelimit-global.yaml:
(model, <descriptor>) then (header_match, inference).
Usage:
  {{ include "kserve-canary.rateLimitConfig" (dict "domain" $domain "descriptor" $name "global" .Values.rateLimit.global) }}
*/}}
{{- define "kserve-canary.rateLimitConfig" -}}
{{- $limit := dict "unit" .global.unit "requests_per_unit" (int .global.requestsPerUnit) -}}
{{- $inner := dict "key" "header_match" "value" "inference" "rate_limit" $limit -}}
{{- $outer := dict "key" "model" "value" .descriptor "descriptors" (list $inner) -}}
{{- toYaml (dict "domain" .domain "descriptors" (list $outer)) -}}
{{- end -}}
