// The Person who COORDINATES the support of a family (the families table's
// `coordinator`). A family has at most one coordinator: a COORDINATES from another
// person is removed, and none is kept when the coordinator is empty.
//
// @param $rows: list -- maps {id, coordinator}: the family's pseudonym and the person's id ("" for none)
// @creates relationships
UNWIND $rows AS row
MATCH (f:Family {id: row.id})
OPTIONAL MATCH (previous:Person)-[old:COORDINATES]->(f)
WHERE previous.id <> row.coordinator
DELETE old
WITH DISTINCT f, row
MATCH (p:Person {id: row.coordinator})
MERGE (p)-[:COORDINATES]->(f)
