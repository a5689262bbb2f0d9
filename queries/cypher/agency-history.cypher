// name: agency-history
// zh: 各单位经历了哪些机构改革、以哪些名称出现（别名合并）？
// en: Which reforms did each body go through, and under which other names do plans write it (merged aliases)?
// param: city (string, optional) — 城市：单位所在辖区的中文名称或所选语言的名称 / the bodies' jurisdiction, by its Chinese name or its label in the chosen language
// param: agency (string, optional) — 单位：改革前或改革后单位、别名或所指单位的中文全称或所选语言的名称 / a body before or after, by its Chinese full name or its label in the chosen language
// param: lang (lang, default zh) — 标签语言 zh | en / label language (falls back to zh)
// column: city — 城市（改革后单位的辖区）/ the jurisdiction of the body after
// column: agency — 改革前单位，或方案中的另一名称 / the body before the reform, or the name plans also use
// column: kind — reform（机构改革，不同单位）| alias（同一单位的另一名称）/ reform (distinct bodies) or alias (one body)
// column: date — 改革日期，或别名适用的起始日期（YYYY-MM-DD 或 YYYY），可为空 / the reform's date, or the date from which the alias holds, or empty
// column: successor — 改革后单位，或别名所指单位 / the body after the reform, or the body the alias is
// column: basis — 改革名称，或合并依据 sign | alias | forced / the reform, or the merge rule
// order: city, date, agency, successor, kind
CALL () {
  MATCH (new:Resource)-[:RESULTED_FROM]->(e:InstitutionalChange)-[:ORIGINAL_ORGANIZATION]->(old:Resource)
  WHERE e.date IS NOT NULL AND e.label_zh IS NOT NULL
  RETURN old, new, 'reform' AS kind, e.date AS date, e.label_zh AS basis
  UNION
  MATCH (old:Resource)<-[:MERGED_AGENCY]-(mg:AgencyMerge)-[:INTO_AGENCY]->(new:Resource)
  WHERE mg.mergeRule IS NOT NULL
  RETURN old, new, 'alias' AS kind, mg.validFrom AS date, mg.mergeRule AS basis
}
MATCH (new)-[:JURISDICTION]->(region:Resource)
WHERE old.label_zh IS NOT NULL AND new.label_zh IS NOT NULL AND region.label_zh IS NOT NULL
WITH old, new, region, kind, date, basis,
     coalesce(region['label_' + $lang], region.label_zh) AS city,
     coalesce(old['label_' + $lang], old.label_zh) AS agency,
     coalesce(new['label_' + $lang], new.label_zh) AS successor
WHERE ($city IS NULL OR $city IN [city, region.label_zh])
  AND ($agency IS NULL OR $agency IN [agency, successor, old.label_zh, new.label_zh])
RETURN city, agency, kind, date, successor, basis
ORDER BY city, date IS NOT NULL, date, agency, successor, kind
