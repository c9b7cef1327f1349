// A Person WORKS_AT the institution of the persons table. A person has one employer: a
// WORKS_AT to another institution (the person moved) is removed.
//
// @param $rows: list -- maps {id, institution}: the person's id and the institution's id
// @creates relationships
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
OPTIONAL MATCH (p)-[old:WORKS_AT]->(previous:Institution)
WHERE previous.id <> row.institution
DELETE old
WITH DISTINCT p, row
MATCH (i:Institution {id: row.institution})
MERGE (p)-[:WORKS_AT]->(i)
