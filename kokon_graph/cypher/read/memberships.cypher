// Memberships table: one row per MEMBER_OF, of an institution or of a person.
//
// @returns group, member, role, start, end, wave
MATCH (m)-[r:MEMBER_OF]->(g:Group)
RETURN g.id AS group, m.id AS member, r.role AS role, r.start AS start, r.end AS end,
       r.wave AS wave
