// name: timeline
// zh: 各单位的措施何时到期？哪些在给定日期已逾期？（时间线视图的数据）
// en: When is each agency's work due, and what is overdue at a given date? (the timeline view's rows)
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: as_of (string, required) — 截至日期 YYYY-MM-DD / the date deadlines are judged at
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: place_key — 泳道分组的地区 IRI / the IRI of the lane's place (the agency's jurisdiction, else the plan's)
// column: place — 泳道分组的地区名称 / the lane's place, by label
// column: agency_key — 单位 IRI（无责任单位时为空）/ the agency's IRI (empty: no unit named)
// column: agency — 单位名称 / the agency's label
// column: role — 角色 lead | support / the role's code
// column: deadline (date) — 完成时限 / the measure's deadline
// column: overdue (boolean) — 截至日期时是否已逾期（时限早于该日）/ the deadline lies before as_of
// column: measure_key — 措施 IRI / the measure's IRI
// column: measure_path — 措施编号路径 / the measure's numbering path
// column: measure_label — 措施名称（原文）/ the measure's label, as written
// column: measure_text — 措施原文 / the measure's source text
// column: plan_key — 方案 IRI / the plan's IRI
// column: plan — 方案标题 / the plan's title
// column: plan_city — 方案辖区 / the plan's jurisdiction
// column: source — 来源文件名 / the file the measure was read from
// column: span_start (integer) — 原文起点 / where the measure starts in that file's text
// column: span_end (integer) — 原文终点 / where it ends
// order: place, agency, deadline, plan, measure (document order: ipg:spanStart), role
// The Cypher twin of timeline.rq (graph as `ipgraph neo4j push` writes it): the same rows in the same order.
MATCH (p:Plan)-[:JURISDICTION]->(pr:Resource)
WITH p, pr, coalesce(pr['label_' + $lang], pr.label_zh) AS plan_city
WHERE $city IS NULL OR $city IN [plan_city, pr.label_zh]
MATCH (m:Measure)-[:IN_PLAN]->(p)
WHERE m.deadline IS NOT NULL AND m.path IS NOT NULL AND m.label_zh IS NOT NULL AND m.spanStart IS NOT NULL
UNWIND p.title_zh AS plan
OPTIONAL MATCH (m)-[:WAS_DERIVED_FROM]->(src:Resource) WHERE src.fileName IS NOT NULL
OPTIONAL MATCH (resp:Resource)-[:MEASURE]->(m), (resp)-[:AGENCY]->(a:Resource)
OPTIONAL MATCH (resp)-[:ROLE]->(r:Resource) WHERE r.notation IS NOT NULL
OPTIONAL MATCH (a)-[:JURISDICTION]->(ar:Resource)
WITH p, pr, plan_city, m, plan, src, a, r, coalesce(ar, pr) AS place_region
RETURN DISTINCT
  place_region.iri AS place_key,
  coalesce(place_region['label_' + $lang], place_region.label_zh, place_region.iri) AS place,
  coalesce(a.iri, '') AS agency_key,
  CASE WHEN a IS NULL THEN '' ELSE coalesce(a['label_' + $lang], a.label_zh, '') END AS agency,
  coalesce(r.notation, '') AS role,
  m.deadline AS deadline,
  m.deadline < $as_of AS overdue,
  m.iri AS measure_key,
  m.path AS measure_path,
  m.label_zh AS measure_label,
  coalesce(m.sourceText, '') AS measure_text,
  p.iri AS plan_key,
  plan,
  plan_city,
  coalesce(src.fileName, '') AS source,
  m.spanStart AS span_start,
  m.spanEnd AS span_end
ORDER BY place, place_key, agency, agency_key, deadline, plan, span_start, role
