// name: themes-by-city
// zh: 各城市在各主题上有多少项措施？（城市 × 主题矩阵，长表）
// en: City × theme matrix of measure counts (long form: one row per city and theme with at least one measure).
// param: city (string, optional) — 城市：方案辖区的中文名称或所选语言的名称 / the plan's jurisdiction, by its Chinese name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（方案辖区）/ the plan's jurisdiction
// column: theme — 主题（所选语言）/ the theme's label
// column: measures (integer) — 该主题的措施数（去重；一项措施可属多个主题）/ distinct measures on the theme (a measure may have several themes)
// order: city, theme
MATCH (m:Measure)-[:IN_PLAN]->(p:Resource)-[:JURISDICTION]->(region:Resource),
      (m)-[:THEME]->(th:Resource)
WITH region, th, m, coalesce(region['label_' + $lang], region.label_zh) AS city,
     coalesce(th['prefLabel_' + $lang], th.prefLabel_zh, th.notation) AS theme
WHERE $city IS NULL OR $city IN [city, region.label_zh]
WITH region, th, city, theme, count(DISTINCT m) AS measures
RETURN city, theme, measures
ORDER BY city IS NOT NULL, city, theme IS NOT NULL, theme
