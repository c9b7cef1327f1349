// Cooperation table: one COOPERATES_WITH per row, from the reporting institution to
// the partner. A row is identified by (source, target, kind, wave, seq): `seq` numbers
// the rows that repeat the same (source, target, kind, wave), 0 for the first, so that
// loading the same rows again, or a later wave, never duplicates a tie.
//
// @param $rows: list -- maps {source, target, kind, wave, seq, weight, since, mutual}; `since` is an ISO date or null
// @creates relationships
UNWIND $rows AS row
MATCH (a:Institution {id: row.source})
MATCH (b:Institution {id: row.target})
MERGE (a)-[r:COOPERATES_WITH {kind: row.kind, wave: row.wave, seq: row.seq}]->(b)
SET r.weight = row.weight, r.since = row.since, r.mutual = row.mutual
