// Persons table: one Person node per professional, keyed by id (no names are stored).
//
// @param $rows: list -- maps {id, role}
// @creates nodes
UNWIND $rows AS row
MERGE (n:Person {id: row.id})
SET n.role = row.role
