// name: measures-without-lead
// zh: 哪些措施没有写明牵头（责任）单位？
// en: Which measures name no lead (responsible) unit? This includes measures naming no unit at all.
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: plan — 方案标题 / the plan's title
// column: measure_path — 措施编号路径 / the measure's numbering path
// column: measure_label — 措施名称（原文）/ the measure's label, as written
// order: city, plan, measure (document order: ipg:spanStart)
MATCH (m:Measure)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource)
WHERE m.path IS NOT NULL AND m.label_zh IS NOT NULL AND m.spanStart IS NOT NULL
  AND NOT EXISTS {
    MATCH (r:Resource)-[:MEASURE]->(m)
    WHERE (r)-[:ROLE]->(:Resource {iri: 'https://w3id.org/ipgraph/ontology#Lead'})
  }
UNWIND p.title_zh AS plan
WITH m, region, plan, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE $city IS NULL OR $city IN [city, region.label_zh]
RETURN city, plan, m.path AS measure_path, m.label_zh AS measure_label
ORDER BY city IS NOT NULL, city, plan, m.spanStart
