// name: references
// zh: 各方案引用了哪些国家、省级文件？
// en: Which national and provincial documents does each plan cite (titles in 《》)?
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: plan — 方案标题 / the plan's title
// column: document — 被引用文件标题（不含《》）/ the cited document's title, without 《》
// order: city, plan, document
MATCH (p:Plan)-[:CITES]->(d:Resource), (p)-[:JURISDICTION]->(region:Resource)
UNWIND p.title_zh AS plan
UNWIND d.title_zh AS document
WITH region, plan, document, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE $city IS NULL OR $city IN [city, region.label_zh]
RETURN city, plan, document
ORDER BY city IS NOT NULL, city, plan, document
