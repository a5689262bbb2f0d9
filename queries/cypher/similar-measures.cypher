// name: similar-measures
// zh: 哪些其他方案有相似的措施？由谁牵头？
// en: For a measure, the most similar measures of other plans, with a score: who else does this, and who leads it there?
// param: city (string, optional) — 城市：措施所在方案辖区的中文名称或所选语言的名称 / the measure's plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: plan (string, optional) — 方案标题 / the measure's plan, by its title
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（措施所在方案辖区）/ the measure's plan's jurisdiction
// column: plan — 方案标题 / the measure's plan
// column: measure_path — 措施编号路径 / the measure's numbering path
// column: measure_label — 措施名称（原文）/ the measure's label, as written
// column: rank (integer) — 相似度排名，1 为最相似 / 1 for the most similar
// column: score (number) — 相似度（字符二元组 TF-IDF 余弦，0-1）/ cosine of TF-IDF weighted character bigrams, 0-1
// column: other_city — 相似措施所在城市 / the similar measure's plan's jurisdiction
// column: other_plan — 相似措施所在方案 / the similar measure's plan
// column: other_path — 相似措施编号路径 / its numbering path
// column: other_label — 相似措施名称（原文）/ its label, as written
// column: other_lead — 相似措施的牵头单位，可为空 / an agency leading it there, or empty
// order: city, plan, measure (document order: ipg:spanStart), rank, other_lead
MATCH (s:SimilarMeasure)-[:FROM_MEASURE]->(m:Measure)-[:IN_PLAN]->(p:Plan)-[:JURISDICTION]->(region:Resource)
WHERE s.rank IS NOT NULL AND s.score IS NOT NULL AND m.path IS NOT NULL AND m.label_zh IS NOT NULL
  AND m.spanStart IS NOT NULL AND region.label_zh IS NOT NULL
WITH s, m, p, region, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE $city IS NULL OR $city IN [city, region.label_zh]
UNWIND p.title_zh AS plan
WITH s, m, region, city, plan
WHERE $plan IS NULL OR plan = $plan
MATCH (s)-[:TO_MEASURE]->(o:Measure)-[:IN_PLAN]->(op:Plan)-[:JURISDICTION]->(oregion:Resource)
WHERE o.path IS NOT NULL AND o.label_zh IS NOT NULL AND oregion.label_zh IS NOT NULL
UNWIND op.title_zh AS other_plan
OPTIONAL MATCH (o)-[:HAS_RESPONSIBILITY]->(:LeadResponsibility)-[:AGENCY]->(lead:Resource)
WHERE lead.label_zh IS NOT NULL
RETURN city, plan, m.path AS measure_path, m.label_zh AS measure_label, s.rank AS rank, s.score AS score,
       coalesce(oregion['label_' + $lang], oregion.label_zh) AS other_city, other_plan,
       o.path AS other_path, o.label_zh AS other_label,
       coalesce(lead['label_' + $lang], lead.label_zh) AS other_lead
ORDER BY city, plan, m.spanStart, rank, other_lead IS NOT NULL, other_lead
