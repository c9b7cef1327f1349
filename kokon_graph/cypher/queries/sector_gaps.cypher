// Sector gaps of a gmina: the sectors a cooperation model requires that are absent from
// the gmina's network (its institutions and those of its powiat and voivodeship), or
// present but without any cooperation tie to the gmina's social assistance centre (OPS,
// CUS). A gmina without a centre gets one row: its social assistance is absent.
// Mirrors kokon_graph.analysis.gaps_sector on the network scoped to the gmina.
//
// @param $gmina: string -- TERYT code of the gmina (7 digits)
// @param $wave: string = null -- survey wave; null = all waves together
// @param $sectors: list = ["social_assistance", "education", "health", "police", "justice", "labour_market", "ngo"] -- sectors the cooperation model requires
// @param $centre_types: list = ["ops", "cus"] -- institution types that are a gmina's social assistance centre
// @param $centre_sector: string = "social_assistance" -- the centres' own sector (not checked against them)
// @returns gmina, gmina_name, ops_id, ops_name, sector, status, institutions
// @mirrors kokon_graph.analysis.gaps_sector
OPTIONAL MATCH (t:Territory {teryt: $gmina})
WITH coalesce(t.name, '') AS gmina_name
OPTIONAL MATCH (c:Institution)
WHERE c.teryt = $gmina AND c.type IN $centre_types
WITH gmina_name, c
ORDER BY c.id
WITH gmina_name, collect(c) AS centres
WITH gmina_name, centres,
     CASE WHEN size(centres) = 0 THEN [$centre_sector]
          ELSE [s IN $sectors WHERE s <> $centre_sector] END AS checked
UNWIND range(0, size(checked) - 1) AS k
WITH gmina_name, centres, k, checked[k] AS sector
OPTIONAL MATCH (other:Institution)
WHERE other.sector = sector
  AND (other.teryt STARTS WITH $gmina OR other.teryt IN [left($gmina, 2), left($gmina, 4)])
  AND NOT (other.type IN $centre_types AND size(other.teryt) = 7)
OPTIONAL MATCH (other)-[r:COOPERATES_WITH]-(centre:Institution)
WHERE centre IN centres AND ($wave IS NULL OR r.wave = $wave OR r.wave = '')
WITH gmina_name, centres, k, sector, count(DISTINCT other) AS institutions, count(r) AS ties
WHERE size(centres) = 0 OR institutions = 0 OR ties = 0
RETURN $gmina AS gmina, gmina_name,
       CASE WHEN size(centres) = 0 THEN '' ELSE centres[0].id END AS ops_id,
       CASE WHEN size(centres) = 0 THEN '' ELSE centres[0].name END AS ops_name,
       sector,
       CASE WHEN size(centres) = 0 OR institutions = 0 THEN 'absent' ELSE 'no_tie' END AS status,
       institutions
ORDER BY k
