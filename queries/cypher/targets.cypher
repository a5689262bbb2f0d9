// name: targets
// zh: 各方案设定了哪些量化指标（指标、数值、单位、基数、年份、城市）？
// en: Every target: metric, value, unit, baseline, years, city.
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: plan — 方案标题 / the plan's title
// column: path — 提出该指标的条目编号，指标表为 "table" / path of the provision stating it ("table" for the indicator table)
// column: metric — 指标（原文）/ what is counted, as written
// column: comparator — 比较符 >= > <= < = / the comparator's notation
// column: value (number) — 目标值 / the target value
// column: unit — 单位（原文），可为空 / the unit as written, or empty
// column: baseline (number) — 基数，可为空 / the baseline value, or empty
// column: baseline_year (integer) — 基数年份，可为空 / the baseline's year, or empty
// column: year (integer) — 目标年份，可为空 / the year the value is due, or empty
// column: kind — 累计值 / 年度值（所选语言），可为空 / cumulative or annual (label), or empty
// order: city, plan, target (document order: ipg:spanStart), path, metric
MATCH (t:Target)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource)
WHERE t.path IS NOT NULL AND t.metric_zh IS NOT NULL AND t.value IS NOT NULL AND t.spanStart IS NOT NULL
UNWIND p.title_zh AS plan
WITH t, region, plan, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE $city IS NULL OR $city IN [city, region.label_zh]
OPTIONAL MATCH (t)-[:COMPARATOR]->(c:Resource) WHERE c.notation IS NOT NULL
OPTIONAL MATCH (t)-[:TARGET_KIND]->(k:Resource)
RETURN city, plan, t.path AS path, t.metric_zh AS metric, c.notation AS comparator, t.value AS value,
       t.unit AS unit, t.baselineValue AS baseline, toInteger(t.baselineYear) AS baseline_year,
       toInteger(t.dueYear) AS year, coalesce(k['prefLabel_' + $lang], k.prefLabel_zh) AS kind
ORDER BY city IS NOT NULL, city, plan, t.spanStart, path, metric
