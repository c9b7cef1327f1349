// Referrals table: one REFERRED per referral, from the referring institution to the one
// referred to, identified by the referral's id (unique: see schema/neo4j.cypher). The
// family is kept as its pseudonym in `family`; dates are ISO strings, `answered` absent
// when there was no answer.
//
// @param $rows: list -- maps {id, source, target, family, sent, status, answered, wave}
// @creates relationships
UNWIND $rows AS row
MATCH (a:Institution {id: row.source})
MATCH (b:Institution {id: row.target})
MERGE (a)-[r:REFERRED {id: row.id}]->(b)
SET r.family = row.family, r.sent = row.sent, r.status = row.status,
    r.answered = row.answered, r.wave = row.wave
