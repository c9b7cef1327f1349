// Persons table: each Person with the institution it WORKS_AT.
//
// @returns id, role, institution
MATCH (p:Person)
OPTIONAL MATCH (p)-[:WORKS_AT]->(i:Institution)
RETURN p.id AS id, p.role AS role, i.id AS institution
