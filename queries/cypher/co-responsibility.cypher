// name: co-responsibility
// zh: 哪些单位经常被列在同一项措施上？（两两组合及共同措施数）
// en: Which pairs of agencies are named on the same measures, and on how many?
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: agency (string, optional) — 单位：只看含此单位的组合（中文全称或所选语言名称）/ only pairs with this agency (official Chinese name or label)
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: agency_a — 单位甲（两者中文全称按码位排序在前者）/ the agency whose official Chinese name sorts first (by code point)
// column: agency_b — 单位乙 / the other agency
// column: measures (integer) — 两者同列的措施数（任一角色，去重）/ distinct measures naming both, in any role
// order: city, measures (descending), agency_a, agency_b
MATCH (r1:Responsibility)-[:MEASURE]->(m:Resource)<-[:MEASURE]-(r2:Responsibility),
      (r1)-[:AGENCY]->(a:Resource),
      (r2)-[:AGENCY]->(b:Resource),
      (m)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource)
WHERE a.label_zh IS NOT NULL AND b.label_zh IS NOT NULL AND a.label_zh < b.label_zh
WITH region, a, b, m,
     coalesce(region['label_' + $lang], region.label_zh) AS city,
     coalesce(a['label_' + $lang], a.label_zh) AS agency_a,
     coalesce(b['label_' + $lang], b.label_zh) AS agency_b
WHERE ($city IS NULL OR $city IN [city, region.label_zh])
  AND ($agency IS NULL OR $agency IN [agency_a, a.label_zh, agency_b, b.label_zh])
WITH region, a, b, city, agency_a, agency_b, count(DISTINCT m) AS measures
RETURN city, agency_a, agency_b, measures
ORDER BY city IS NOT NULL, city, measures DESC, agency_a, agency_b
