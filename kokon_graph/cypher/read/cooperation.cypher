// Cooperation table: one row per COOPERATES_WITH.
//
// @returns source, target, kind, weight, since, wave, mutual
MATCH (a:Institution)-[r:COOPERATES_WITH]->(b:Institution)
RETURN a.id AS source, b.id AS target, r.kind AS kind, r.weight AS weight,
       r.since AS since, r.wave AS wave, r.mutual AS mutual
