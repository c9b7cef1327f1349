// Families table: each Family with the Person who COORDINATES its support, if any.
//
// @returns id, teryt, size, children, problems, plan_status, coordinator
MATCH (f:Family)
OPTIONAL MATCH (p:Person)-[:COORDINATES]->(f)
RETURN f.id AS id, f.teryt AS teryt, f.size AS size, f.children AS children,
       f.problems AS problems, f.plan_status AS plan_status, p.id AS coordinator
