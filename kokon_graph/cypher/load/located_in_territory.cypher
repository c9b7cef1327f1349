// The territorial hierarchy: gmina LOCATED_IN powiat LOCATED_IN voivodeship.
//
// @param $rows: list -- maps {teryt, parent}: a code and the code of the territory holding it
// @creates relationships
UNWIND $rows AS row
MATCH (t:Territory {teryt: row.teryt})
MATCH (parent:Territory {teryt: row.parent})
MERGE (t)-[:LOCATED_IN]->(parent)
