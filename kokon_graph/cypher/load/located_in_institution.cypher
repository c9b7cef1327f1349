// An Institution LOCATED_IN the territory of its `teryt` code. It has one location: a
// LOCATED_IN to another territory (the code changed) is removed, and none is kept when
// the code is empty.
// The old far end has no label: with `:Territory` Neo4j's planner may scan every Territory
// for each row instead of expanding from the node found (tests/store/test_load_plans.py).
//
// @param $rows: list -- maps {id, teryt}: the institution's id and its TERYT code ("" for none)
// @creates relationships
UNWIND $rows AS row
MATCH (n:Institution {id: row.id})
OPTIONAL MATCH (n)-[old:LOCATED_IN]->(previous)
WHERE previous.teryt <> row.teryt
DELETE old
WITH DISTINCT n, row
MATCH (t:Territory {teryt: row.teryt})
MERGE (n)-[:LOCATED_IN]->(t)
