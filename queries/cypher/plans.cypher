// name: plans
// zh: 图谱中有哪些方案？各方案的基本信息。
// en: The plans in the graph with their metadata.
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: plan — 方案标题 / the plan's title
// column: province — 所属省级单位，可为空 / its province-level unit, or empty
// column: admin_level — 层级（所选语言）/ admin level (label)
// column: doc_number — 发文字号，可为空 / document number, or empty
// column: issued (date) — 印发日期 YYYY-MM-DD，可为空 / issue date, or empty
// column: term_start (integer) — 实施期起始年，可为空 / first year of the term, or empty
// column: term_end (integer) — 实施期结束年，可为空 / last year of the term, or empty
// column: measures (integer) — 措施数 / number of measures
// column: targets (integer) — 指标数 / number of targets
// column: source_file — 据以读取的文件名（同一方案有多个文件时为所用文本的文件）/ the file the plan was read from (of a plan found in several files, the one whose text was used)
// order: city, plan
MATCH (p:Plan)-[:JURISDICTION]->(region:Resource)
UNWIND p.title_zh AS plan
WITH p, region, plan, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE $city IS NULL OR $city IN [city, region.label_zh]
OPTIONAL MATCH (p)-[:TEXT_SOURCE]->(src:Resource)
OPTIONAL MATCH (p)-[:ADMIN_LEVEL]->(lv:Resource)
OPTIONAL MATCH (region)-[:WITHIN_REGION*0..]->(prov:Province)
WITH p, city, plan, src.fileName AS source_file,
     coalesce(lv['prefLabel_' + $lang], lv.prefLabel_zh) AS admin_level,
     coalesce(prov['label_' + $lang], prov.label_zh) AS province
OPTIONAL MATCH (m:Measure)-[:IN_PLAN]->(p)
WITH p, city, plan, source_file, admin_level, province, count(DISTINCT m) AS measures
OPTIONAL MATCH (t:Target)-[:IN_PLAN]->(p)
WITH p, city, plan, source_file, admin_level, province, measures, count(DISTINCT t) AS targets
RETURN city, plan, province, admin_level, p.documentNumber AS doc_number, p.issued AS issued,
       toInteger(p.termStart) AS term_start, toInteger(p.termEnd) AS term_end, measures, targets,
       source_file
ORDER BY city IS NOT NULL, city, plan
