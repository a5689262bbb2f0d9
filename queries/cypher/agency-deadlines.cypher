// name: agency-deadlines
// zh: 各单位在各城市有哪些措施何时到期？截至某日哪些已逾期？
// en: Per agency, what is due when across cities, and what is overdue at a given date?
// param: as_of (date, optional) — 截至日期 YYYY-MM-DD：完成时限早于此日即为逾期；不给则逾期列为空 / the date at which a deadline before it is overdue; without it, overdue is empty
// param: agency (string, optional) — 单位：中文全称或所选语言的名称 / the agency, by its Chinese full name or its label in the chosen language
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: agency — 责任单位（别名按合并规则归到所指单位）/ the agency (an alias counted as the body it is, where a merge applies)
// column: role — 角色 lead | support / the role's code
// column: deadline (date) — 完成时限 / the deadline
// column: overdue (boolean) — 截至 as_of 是否逾期，未给 as_of 时为空 / whether the deadline is before as_of (empty without it)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: plan — 方案标题 / the plan's title
// column: measure_path — 措施编号路径 / the measure's numbering path
// column: measure_label — 措施名称（原文）/ the measure's label, as written
// order: agency, deadline, city, plan, measure (document order: ipg:spanStart), role
MATCH (m:Measure)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource)
WHERE m.deadline IS NOT NULL AND m.path IS NOT NULL AND m.label_zh IS NOT NULL AND m.spanStart IS NOT NULL
  AND region.label_zh IS NOT NULL
MATCH (m)-[:HAS_RESPONSIBILITY]->(r:Resource)-[:AGENCY]->(b:Resource), (r)-[:ROLE]->(ro:Resource)
WHERE ro.notation IS NOT NULL
OPTIONAL MATCH (b)<-[:MERGED_AGENCY]-(mg:AgencyMerge)-[:INTO_AGENCY]->(into:Resource)
WHERE (mg.validFrom IS NULL AND mg.validUntil IS NULL)
   OR (p.issued IS NOT NULL AND (mg.validFrom IS NULL OR p.issued >= mg.validFrom)
       AND (mg.validUntil IS NULL OR p.issued < mg.validUntil))
WITH m, p, region, ro, coalesce(into, b) AS a
WHERE a.label_zh IS NOT NULL
WITH m, p, region, ro, a,
     coalesce(a['label_' + $lang], a.label_zh) AS agency,
     coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE ($agency IS NULL OR $agency IN [agency, a.label_zh])
  AND ($city IS NULL OR $city IN [city, region.label_zh])
UNWIND p.title_zh AS plan
RETURN agency, ro.notation AS role, m.deadline AS deadline, m.deadline < $as_of AS overdue, city, plan,
       m.path AS measure_path, m.label_zh AS measure_label
ORDER BY agency, deadline, city, plan, m.spanStart, role
