// A Person WORKS_AT the institution of the persons table. A person has one employer: a
// WORKS_AT to another institution (the person moved) is removed.
// The old far end has no label: with `:Institution` Neo4j's planner may scan every Institution
// for each row instead of expanding from the node found (tests/store/test_load_plans.py).
//
// @param $rows: list -- maps {id, institution}: the person's id and the institution's id
// @creates relationships
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
OPTIONAL MATCH (p)-[old:WORKS_AT]->(previous)
WHERE previous.id <> row.institution
DELETE old
WITH DISTINCT p, row
MATCH (i:Institution {id: row.institution})
MERGE (p)-[:WORKS_AT]->(i)
