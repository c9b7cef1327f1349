// The Person who COORDINATES the support of a family (the families table's
// `coordinator`). A family has at most one coordinator: a COORDINATES from another
// person is removed, and none is kept when the coordinator is empty.
// The old far end has no label: with `:Person` Neo4j's planner may scan every Person
// for each row instead of expanding from the node found (tests/store/test_load_plans.py).
//
// @param $rows: list -- maps {id, coordinator}: the family's pseudonym and the person's id ("" for none)
// @creates relationships
UNWIND $rows AS row
MATCH (f:Family {id: row.id})
OPTIONAL MATCH (previous)-[old:COORDINATES]->(f)
WHERE previous.id <> row.coordinator
DELETE old
WITH DISTINCT f, row
MATCH (p:Person {id: row.coordinator})
MERGE (p)-[:COORDINATES]->(f)
