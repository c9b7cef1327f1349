// Services table: one row per SERVES.
//
// @returns family, institution, service, start, end, wave
MATCH (i:Institution)-[r:SERVES]->(f:Family)
RETURN f.id AS family, i.id AS institution, r.service AS service, r.start AS start,
       r.end AS end, r.wave AS wave
