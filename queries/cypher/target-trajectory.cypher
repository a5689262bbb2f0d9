// name: target-trajectory
// zh: 同一指标在不同版本、不同城市的方案中目标值如何变化？
// en: One metric across editions and cities: how do its target values move?
// param: metric (string, optional) — 指标键（规范化指标名称，如 每万人口发明专利拥有量）/ the metric key (normalised metric text)
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: metric_key — 指标键（两个以上方案共有）/ the metric key, shared by two plans or more
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: year (integer) — 目标年份，可为空 / the year the value is due, or empty
// column: issued (date) — 方案印发日期，可为空 / the plan's issue date, or empty
// column: plan — 方案标题 / the plan's title
// column: value (number) — 目标值 / the target value
// column: unit — 单位（原文），可为空 / the unit as written, or empty
// column: metric — 指标（原文）/ the metric as written
// order: metric_key, city, year, issued, plan, value, metric
MATCH (t0:Target)-[:IN_PLAN]->(p0:Plan)
WHERE t0.metricKey IS NOT NULL AND ($metric IS NULL OR t0.metricKey = $metric)
WITH t0.metricKey AS metric_key, count(DISTINCT p0) AS plans
WHERE plans > 1
MATCH (t:Target {metricKey: metric_key})-[:IN_PLAN]->(p:Plan)-[:JURISDICTION]->(region:Resource)
WHERE t.metric_zh IS NOT NULL AND t.value IS NOT NULL AND region.label_zh IS NOT NULL
WITH metric_key, t, p, region, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE $city IS NULL OR $city IN [city, region.label_zh]
UNWIND p.title_zh AS plan
WITH metric_key, city, toInteger(t.dueYear) AS year, p.issued AS issued, plan, t
RETURN metric_key, city, year, issued, plan, t.value AS value, t.unit AS unit, t.metric_zh AS metric
ORDER BY metric_key, city, year IS NOT NULL, year, issued IS NOT NULL, issued, plan, value, metric
