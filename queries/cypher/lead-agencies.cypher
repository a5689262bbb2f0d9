// name: lead-agencies
// zh: 哪些单位牵头（或配合）哪些措施？跨城市逐条列出责任分工。
// en: Which agencies lead (or support) which measures, across cities? One row per responsibility link.
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: agency (string, optional) — 单位：正式全称（中文）或所选语言的名称 / the agency, by its official Chinese name or its label in the chosen language
// param: role (string, optional) — 角色：lead | support（或 牵头 | 配合）/ the role, by code or label
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区；区级方案为区，如 福州市仓山区）/ the plan's jurisdiction (for a district plan the district)
// column: plan — 方案标题 / the plan's title
// column: measure_path — 措施编号路径 "2.3" / the measure's numbering path
// column: measure_label — 措施名称（原文）/ the measure's label, as written
// column: agency — 单位名称（所选语言）/ the agency's label in the chosen language
// column: agency_type — 单位类型（所选语言）/ the agency type's label
// column: role — 角色（牵头 / 配合；en: lead / support）/ the role's label
// column: mention — 原文写法 / the unit as written in the plan
// order: city, plan, measure (document order: ipg:spanStart), responsibility (ipg:spanStart), agency, role, mention
MATCH (resp:Responsibility)-[:MEASURE]->(m:Resource),
      (resp)-[:AGENCY]->(a:Resource),
      (resp)-[:ROLE]->(r:Resource),
      (m)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource)
WHERE m.path IS NOT NULL AND m.label_zh IS NOT NULL AND m.spanStart IS NOT NULL
  AND r.notation IS NOT NULL
UNWIND p.title_zh AS plan
OPTIONAL MATCH (a)-[:AGENCY_TYPE]->(at:Resource)
WITH resp, m, a, r, region, plan,
     coalesce(region['label_' + $lang], region.label_zh) AS city,
     coalesce(a['label_' + $lang], a.label_zh) AS agency,
     coalesce(at['prefLabel_' + $lang], at.prefLabel_zh) AS agency_type,
     coalesce(r['prefLabel_' + $lang], r.prefLabel_zh, r.notation) AS role
WHERE ($city IS NULL OR $city IN [city, region.label_zh])
  AND ($agency IS NULL OR $agency IN [agency, a.label_zh])
  AND ($role IS NULL OR $role IN [role, r.notation, r.prefLabel_zh])
RETURN city, plan, m.path AS measure_path, m.label_zh AS measure_label, agency, agency_type, role,
       resp.mention_zh AS mention
ORDER BY city IS NOT NULL, city, plan, m.spanStart, resp.spanStart IS NOT NULL, resp.spanStart,
         agency IS NOT NULL, agency, role, mention IS NOT NULL, mention
