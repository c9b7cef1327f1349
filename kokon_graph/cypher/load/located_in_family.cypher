// A Family LOCATED_IN the territory of its `teryt` code. It has one location: a
// LOCATED_IN to another territory (the code changed) is removed, and none is kept when
// the code is empty.
// A batch finds each Territory once ($territories: every key once, named by position in the rows)
// and removes the old LOCATED_IN of all its rows before it merges the new ones, so that Neo4j
// buffers one row where it buffered every row (an `Eager` between one row's DELETE and
// another's MERGE; benchmarks/results/neo4j.md). The old far end has no label: with one,
// Neo4j's planner may scan every Territory for each row instead of expanding from the node
// found (tests/store/test_load_plans.py).
//
// @param $territories: list -- the TERYT codes the rows name, each once
// @param $rows: list -- lists [id, teryt]: the family's id and the position of its TERYT code ("" for none) in $territories
// @creates relationships
UNWIND range(0, size($territories) - 1) AS k
OPTIONAL MATCH (t:Territory {teryt: $territories[k]})
WITH k, t ORDER BY k
WITH collect([t]) AS territories
UNWIND $rows AS row
MATCH (n:Family {id: row[0]})
WITH n, territories[row[1]][0] AS t
OPTIONAL MATCH (n)-[old:LOCATED_IN]->(previous)
WHERE t IS NULL OR previous <> t
WITH collect(DISTINCT old) AS gone, collect(DISTINCT [n, t]) AS found
FOREACH (old IN gone | DELETE old)
WITH found
UNWIND found AS pair
WITH pair[0] AS n, pair[1] AS t
WHERE t IS NOT NULL
MERGE (n)-[:LOCATED_IN]->(t)
