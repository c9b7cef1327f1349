// Co-serving institutions without a tie: pairs of institutions that share families (both
// serve a family, or sent or received a referral about it) but report no cooperation
// with each other (in either direction, of any kind), most shared families first.
// Mirrors kokon_graph.analysis.gaps_co_serving on the network scoped to the territory
// (institutions located in it and those above it; families living in it).
//
// @param $teryt: string = "" -- TERYT code of a gmina (7 digits), powiat (4) or voivodeship (2); "" = everything
// @param $wave: string = null -- survey wave; null = all waves together
// @param $min_shared: integer = 1 -- list pairs sharing at least this many families
// @returns source, target, source_name, target_name, source_sector, target_sector, shared_families
// @mirrors kokon_graph.analysis.gaps_co_serving
MATCH (f:Family)
WHERE f.teryt STARTS WITH $teryt
OPTIONAL MATCH (i:Institution)-[s:SERVES]->(f)
WHERE ($wave IS NULL OR s.wave = $wave OR s.wave = '')
  AND (i.teryt STARTS WITH $teryt OR i.teryt IN [left($teryt, 2), left($teryt, 4)])
WITH f, collect(i) AS served
// REFERRED joins institutions only: unlabelled ends, and the scope checked after the
// match, let the engine find a family's referrals through the index on r.family
OPTIONAL MATCH (a)-[r:REFERRED]->(b)
WHERE r.family = f.id AND ($wave IS NULL OR r.wave = $wave OR r.wave = '')
WITH f, served, a, b,
     (a.teryt STARTS WITH $teryt OR a.teryt IN [left($teryt, 2), left($teryt, 4)])
     AND (b.teryt STARTS WITH $teryt OR b.teryt IN [left($teryt, 2), left($teryt, 4)])
     AS in_scope
WITH f, served, collect(CASE WHEN in_scope THEN a END) AS sources,
     collect(CASE WHEN in_scope THEN b END) AS targets
UNWIND served + sources + targets AS i
WITH DISTINCT f, i
WITH f, collect(i) AS institutions
UNWIND institutions AS a
UNWIND institutions AS b
WITH a, b, f
WHERE a.id < b.id
WITH a, b, count(f) AS shared_families
WHERE shared_families >= $min_shared
OPTIONAL MATCH (a)-[r:COOPERATES_WITH]-(b)
WHERE $wave IS NULL OR r.wave = $wave OR r.wave = ''
WITH a, b, shared_families, count(r) AS ties
WHERE ties = 0
RETURN a.id AS source, b.id AS target, a.name AS source_name, b.name AS target_name,
       a.sector AS source_sector, b.sector AS target_sector, shared_families
ORDER BY shared_families DESC, source, target
