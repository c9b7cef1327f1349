// The Person who COORDINATES the support of a family (the families table's
// `coordinator`). A family has at most one coordinator: a COORDINATES from another
// person is removed, and none is kept when the coordinator is empty.
// A batch finds each Person once ($persons: every key once, named by position in the rows)
// and removes the old COORDINATES of all its rows before it merges the new ones, so that Neo4j
// buffers one row where it buffered every row (an `Eager` between one row's DELETE and
// another's MERGE; benchmarks/results/neo4j.md). The old far end has no label: with one,
// Neo4j's planner may scan every Person for each row instead of expanding from the node
// found (tests/store/test_load_plans.py).
//
// @param $persons: list -- the ids of the persons the rows name, each once
// @param $rows: list -- lists [id, coordinator]: the family's pseudonym and the position of the person's id ("" for none) in $persons
// @creates relationships
UNWIND range(0, size($persons) - 1) AS k
OPTIONAL MATCH (p:Person {id: $persons[k]})
WITH k, p ORDER BY k
WITH collect([p]) AS persons
UNWIND $rows AS row
MATCH (f:Family {id: row[0]})
WITH f, persons[row[1]][0] AS p
OPTIONAL MATCH (previous)-[old:COORDINATES]->(f)
WHERE p IS NULL OR previous <> p
WITH collect(DISTINCT old) AS gone, collect(DISTINCT [f, p]) AS found
FOREACH (old IN gone | DELETE old)
WITH found
UNWIND found AS pair
WITH pair[0] AS f, pair[1] AS p
WHERE p IS NOT NULL
MERGE (p)-[:COORDINATES]->(f)
