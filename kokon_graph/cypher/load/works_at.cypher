// A Person WORKS_AT the institution of the persons table. A person has one employer: a
// WORKS_AT to another institution (the person moved) is removed.
// A batch finds each Institution once ($institutions: every key once, named by position in the rows)
// and removes the old WORKS_AT of all its rows before it merges the new ones, so that Neo4j
// buffers one row where it buffered every row (an `Eager` between one row's DELETE and
// another's MERGE; benchmarks/results/neo4j.md). The old far end has no label: with one,
// Neo4j's planner may scan every Institution for each row instead of expanding from the node
// found (tests/store/test_load_plans.py).
//
// @param $institutions: list -- the ids of the institutions the rows name, each once
// @param $rows: list -- lists [id, institution]: the person's id and the position of the institution's id in $institutions
// @creates relationships
UNWIND range(0, size($institutions) - 1) AS k
OPTIONAL MATCH (i:Institution {id: $institutions[k]})
WITH k, i ORDER BY k
WITH collect([i]) AS institutions
UNWIND $rows AS row
MATCH (p:Person {id: row[0]})
WITH p, institutions[row[1]][0] AS i
OPTIONAL MATCH (p)-[old:WORKS_AT]->(previous)
WHERE i IS NULL OR previous <> i
WITH collect(DISTINCT old) AS gone, collect(DISTINCT [p, i]) AS found
FOREACH (old IN gone | DELETE old)
WITH found
UNWIND found AS pair
WITH pair[0] AS p, pair[1] AS i
WHERE i IS NOT NULL
MERGE (p)-[:WORKS_AT]->(i)
