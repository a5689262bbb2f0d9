// name: plan-editions
// zh: 各地同一系列的方案有哪些版本？哪一版取代了哪一版？
// en: A place's successive plans of one series, in date order: which edition replaces which?
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: series — 方案系列（规范化标题）/ the series (normalised title)
// column: issued (date) — 印发日期 / the issue date
// column: plan — 方案标题 / the plan's title
// column: replaces — 被取代的上一版方案标题，首版为空 / the title of the edition it replaces, empty for the first
// order: city, series, issued, plan, replaces
MATCH (p:Plan)-[:JURISDICTION]->(region:Resource)
WHERE p.series IS NOT NULL AND p.issued IS NOT NULL AND region.label_zh IS NOT NULL
  AND (EXISTS { (p)-[:REPLACES]->(:Plan) } OR EXISTS { (:Plan)-[:REPLACES]->(p) })
WITH p, region, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE $city IS NULL OR $city IN [city, region.label_zh]
UNWIND p.title_zh AS plan
OPTIONAL MATCH (p)-[:REPLACES]->(q:Plan)
CALL (q) {
  UNWIND coalesce(q.title_zh, [null]) AS replaces
  RETURN replaces
}
RETURN city, p.series AS series, p.issued AS issued, plan, replaces
ORDER BY city, series, issued, plan, replaces IS NOT NULL, replaces
