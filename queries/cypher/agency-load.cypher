// name: agency-load
// zh: 每个单位在各城市牵头、配合了多少项措施？
// en: Per agency and city, how many measures does it lead and support?
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: agency (string, optional) — 单位：正式全称（中文）或所选语言的名称 / the agency, by its official Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: agency — 单位名称 / the agency's label
// column: agency_type — 单位类型 / the agency type's label
// column: measures_led (integer) — 牵头的措施数 / distinct measures it leads
// column: measures_supported (integer) — 配合的措施数 / distinct measures it supports
// column: measures (integer) — 涉及的措施总数（去重）/ distinct measures it is named on, either role
// order: city, measures (descending), measures_led (descending), agency, agency_type
MATCH (resp:Responsibility)-[:MEASURE]->(m:Resource)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource),
      (resp)-[:AGENCY]->(a:Resource)
OPTIONAL MATCH (resp)-[:ROLE]->(role:Resource)
OPTIONAL MATCH (a)-[:AGENCY_TYPE]->(at:Resource)
WITH region, a, m, role,
     coalesce(region['label_' + $lang], region.label_zh) AS city,
     coalesce(a['label_' + $lang], a.label_zh) AS agency,
     coalesce(at['prefLabel_' + $lang], at.prefLabel_zh) AS agency_type
WHERE ($city IS NULL OR $city IN [city, region.label_zh])
  AND ($agency IS NULL OR $agency IN [agency, a.label_zh])
WITH region, a, city, agency, agency_type,
     count(DISTINCT CASE WHEN role.iri = 'https://w3id.org/ipgraph/ontology#Lead' THEN m END) AS measures_led,
     count(DISTINCT CASE WHEN role.iri = 'https://w3id.org/ipgraph/ontology#Support' THEN m END) AS measures_supported,
     count(DISTINCT m) AS measures
RETURN city, agency, agency_type, measures_led, measures_supported, measures
ORDER BY city IS NOT NULL, city, measures DESC, measures_led DESC, agency IS NOT NULL, agency,
         agency_type IS NOT NULL, agency_type
