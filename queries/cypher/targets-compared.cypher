// name: targets-compared
// zh: 同一指标在不同城市的目标值如何？（按关键词比较，或列出多个城市写法相同的指标）
// en: Targets on the same metric across cities: every target whose metric contains a keyword, or, without one, the metrics written identically in two or more cities.
// param: metric (string, optional) — 指标关键词，如 专利、商标；不填则只列出两个以上城市写法完全相同的指标 / a word the metric contains (专利, 商标); without it, only metrics written identically in two or more cities
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: metric — 指标（原文）/ what is counted, as written
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: plan — 方案标题 / the plan's title
// column: comparator — 比较符 / the comparator's notation
// column: value (number) — 目标值 / the target value
// column: unit — 单位，可为空 / the unit, or empty
// column: year (integer) — 目标年份，可为空 / the year the value is due, or empty
// column: kind — 累计值 / 年度值，可为空 / cumulative or annual (label), or empty
// order: metric, city, plan, target (document order: ipg:spanStart)
MATCH (t:Target)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource)
WHERE t.metric_zh IS NOT NULL AND t.value IS NOT NULL AND t.spanStart IS NOT NULL
UNWIND p.title_zh AS plan
WITH t, region, plan, t.metric_zh AS metric
WHERE CASE
  WHEN $metric IS NULL THEN EXISTS {
    MATCH (t2:Target)-[:IN_PLAN]->(:Resource)-[:JURISDICTION]->(region2:Resource)
    WHERE t2.metric_zh = metric AND region2 <> region
  }
  ELSE metric CONTAINS $metric
END
OPTIONAL MATCH (t)-[:COMPARATOR]->(c:Resource) WHERE c.notation IS NOT NULL
OPTIONAL MATCH (t)-[:TARGET_KIND]->(k:Resource)
RETURN metric, coalesce(region['label_' + $lang], region.label_zh) AS city, plan,
       c.notation AS comparator, t.value AS value, t.unit AS unit, toInteger(t.dueYear) AS year,
       coalesce(k['prefLabel_' + $lang], k.prefLabel_zh) AS kind
ORDER BY metric, city IS NOT NULL, city, plan, t.spanStart, t.iri
