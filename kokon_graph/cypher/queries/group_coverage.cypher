// Group coverage: sectors active in a powiat or gmina but absent from its PGR, PGD, PZK
// or ZI. Active in a powiat: the institutions located in it (its gminas included); in a
// gmina: those of the gmina and of its powiat. A sector is absent from a group when no
// member (an institution, or a person's employer) belongs to it.
// Mirrors kokon_graph.analysis.gaps_group_coverage on the network scoped to the territory.
//
// @param $teryt: string = "" -- TERYT code of a gmina, powiat or voivodeship; "" = everything
// @param $wave: string = null -- survey wave; null = all waves together
// @param $group_types: list = ["PGR", "PGD", "PZK", "ZI"] -- group types checked
// @param $ignored_sectors: list = ["other"] -- sectors not checked
// @returns territory, territory_name, group_id, group_name, group_type, sector, institutions
// @mirrors kokon_graph.analysis.gaps_group_coverage
MATCH (g:Group)
WHERE g.type IN $group_types AND size(g.teryt) IN [4, 7]
  AND (g.teryt STARTS WITH $teryt OR g.teryt IN [left($teryt, 2), left($teryt, 4)])
OPTIONAL MATCH (g)<-[m:MEMBER_OF]-(member)
WHERE $wave IS NULL OR m.wave = $wave OR m.wave = ''
OPTIONAL MATCH (member)-[:WORKS_AT]->(employer:Institution)
WITH g, CASE WHEN employer IS NULL THEN member ELSE employer END AS held
WITH g,
     CASE WHEN held.teryt STARTS WITH $teryt OR held.teryt IN [left($teryt, 2), left($teryt, 4)]
          THEN held END AS held
WITH g, collect(DISTINCT held.sector) AS present, count(held) AS members
WHERE g.teryt STARTS WITH $teryt OR members > 0
// the territories whose institutions are active in the group's territory: a gmina and
// its powiat, or a powiat and every territory LOCATED_IN it
MATCH (g)-[:LOCATED_IN]->(home:Territory)
OPTIONAL MATCH (home)-[:LOCATED_IN]->(up:Territory)
OPTIONAL MATCH (below:Territory)-[:LOCATED_IN]->(home)
WITH g, present, home, up, collect(below) AS inside
UNWIND CASE WHEN size(g.teryt) = 7 THEN [home, up] ELSE [home] + inside END AS area
OPTIONAL MATCH (a:Institution)-[:LOCATED_IN]->(area)
WHERE NOT a.sector IN $ignored_sectors
  AND (a.teryt STARTS WITH $teryt OR a.teryt IN [left($teryt, 2), left($teryt, 4)])
WITH g, home, present, a.sector AS sector, count(a) AS institutions
WHERE sector IS NOT NULL AND NOT sector IN present
RETURN g.teryt AS territory, coalesce(home.name, '') AS territory_name, g.id AS group_id,
       g.name AS group_name, g.type AS group_type, sector, institutions
ORDER BY territory, group_id, sector
