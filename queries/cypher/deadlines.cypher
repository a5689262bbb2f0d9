// name: deadlines
// zh: 哪些措施有完成时限？按日期排列。
// en: Which measures have a deadline? In date order.
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: deadline (date) — 完成时限 YYYY-MM-DD / the deadline
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: plan — 方案标题 / the plan's title
// column: measure_path — 措施编号路径 / the measure's numbering path
// column: measure_label — 措施名称（原文）/ the measure's label, as written
// order: deadline, city, plan, measure (document order: ipg:spanStart)
MATCH (m:Measure)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource)
WHERE m.deadline IS NOT NULL AND m.path IS NOT NULL AND m.label_zh IS NOT NULL AND m.spanStart IS NOT NULL
UNWIND p.title_zh AS plan
WITH m, region, plan, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE $city IS NULL OR $city IN [city, region.label_zh]
RETURN m.deadline AS deadline, city, plan, m.path AS measure_path, m.label_zh AS measure_label
ORDER BY deadline, city IS NOT NULL, city, plan, m.spanStart
