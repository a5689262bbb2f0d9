// name: references
// zh: 各方案引用了哪些国家、省级文件？
// en: Which national and provincial documents does each plan cite (titles in 《》)?
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: level (string, optional) — 发布层级代码 national | province | city | district / level of the issuer, by code
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: plan — 方案标题 / the plan's title
// column: document — 被引用文件标题（不含《》）/ the cited document's title, without 《》
// column: level — 发布层级（所选语言；标题不以地名开头的视为国家级）/ the issuing level (label; a title with no place in front counts as national)
// order: city, plan, document
MATCH (p:Plan)-[:CITES]->(d:Resource), (p)-[:JURISDICTION]->(region:Resource)
UNWIND p.title_zh AS plan
UNWIND d.title_zh AS document
OPTIONAL MATCH (d)-[:ADMIN_LEVEL]->(lv:Resource)
WITH region, plan, document, lv, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE ($city IS NULL OR $city IN [city, region.label_zh]) AND ($level IS NULL OR $level = lv.notation)
RETURN city, plan, document, coalesce(lv['prefLabel_' + $lang], lv.prefLabel_zh) AS level
ORDER BY city IS NOT NULL, city, plan, document
