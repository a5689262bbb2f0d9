// name: unresolved-places
// zh: 哪些方案的所属地区无法确定？原因是什么？各有多少地方机构仅在该方案内识别？
// en: Which plans' place could not be found, why, and how many local bodies each keeps to itself?
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: plan — 方案标题 / the plan's title
// column: source_file — 来源文件名 / the source file's name
// column: problem — 无法确定的原因 / why the place is unresolved
// column: local_bodies (integer) — 仅在该方案内识别的地方机构数 / local bodies known only within the plan
// order: plan, source_file
MATCH (p:Plan)
WHERE p.placeUnresolved = true AND p.placeProblem IS NOT NULL
UNWIND p.title_zh AS plan
OPTIONAL MATCH (p)-[:WAS_DERIVED_FROM]->(src:Resource) WHERE src.fileName IS NOT NULL
OPTIONAL MATCH (m:Measure)-[:IN_PLAN]->(p)
OPTIONAL MATCH (m)-[:HAS_RESPONSIBILITY]->(:Resource)-[:AGENCY]->(body:Resource)
WHERE body.placeUnresolved = true
RETURN plan, src.fileName AS source_file, p.placeProblem AS problem, count(DISTINCT body) AS local_bodies
ORDER BY plan, source_file
