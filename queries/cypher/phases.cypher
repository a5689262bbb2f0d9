// name: phases
// zh: 各方案的进度安排（工作步骤）是怎样的？
// en: The plans' schedules: each phase with its start and end month.
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: plan — 方案标题 / the plan's title
// column: phase_path — 阶段编号路径 / the phase's numbering path
// column: phase_label — 阶段名称（原文）/ the phase's label, as written
// column: start (month) — 开始月份 YYYY-MM，可为空 / start month, or empty
// column: end (month) — 结束月份 YYYY-MM，可为空 / end month, or empty
// order: city, plan, phase (document order: ipg:spanStart)
MATCH (ph:SchedulePhase)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource)
WHERE ph.path IS NOT NULL AND ph.label_zh IS NOT NULL AND ph.spanStart IS NOT NULL
UNWIND p.title_zh AS plan
WITH ph, region, plan, coalesce(region['label_' + $lang], region.label_zh) AS city
WHERE $city IS NULL OR $city IN [city, region.label_zh]
RETURN city, plan, ph.path AS phase_path, ph.label_zh AS phase_label, ph.startMonth AS start,
       ph.endMonth AS end
ORDER BY city IS NOT NULL, city, plan, ph.spanStart
