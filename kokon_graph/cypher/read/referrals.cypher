// Referrals table: one row per REFERRED.
//
// @returns id, family, source, target, sent, status, answered, wave
MATCH (a:Institution)-[r:REFERRED]->(b:Institution)
RETURN r.id AS id, r.family AS family, a.id AS source, b.id AS target, r.sent AS sent,
       r.status AS status, r.answered AS answered, r.wave AS wave
