// name: agency-types-by-city
// zh: 各城市由哪类单位牵头多少项措施？（跨城市对比）
// en: Per city and agency type, how many measures are led by agencies of that type? The cross-city view.
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: agency_type — 单位类型（无类型时为空）/ the agency type's label (empty where an agency has no type)
// column: measures_led (integer) — 由该类单位牵头的措施数（去重）/ distinct measures led by an agency of this type
// column: agencies (integer) — 牵头的该类单位数 / distinct lead agencies of this type
// order: city, measures_led (descending), agency_type
MATCH (resp:Responsibility)-[:ROLE]->(:Resource {iri: 'https://w3id.org/ipgraph/ontology#Lead'}),
      (resp)-[:MEASURE]->(m:Resource)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource),
      (resp)-[:AGENCY]->(a:Resource)
OPTIONAL MATCH (a)-[:AGENCY_TYPE]->(at:Resource)
WITH region, at, a, m,
     coalesce(region['label_' + $lang], region.label_zh) AS city,
     coalesce(at['prefLabel_' + $lang], at.prefLabel_zh) AS agency_type
WHERE $city IS NULL OR $city IN [city, region.label_zh]
WITH region, at, city, agency_type, count(DISTINCT m) AS measures_led, count(DISTINCT a) AS agencies
RETURN city, agency_type, measures_led, agencies
ORDER BY city IS NOT NULL, city, measures_led DESC, agency_type IS NOT NULL, agency_type
