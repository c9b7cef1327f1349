// Referrals table: one REFERRED per referral, from the referring institution to the one
// referred to, identified by the referral's id (unique: see schema/neo4j.cypher). The
// family is kept as its pseudonym in `family`; dates are ISO strings, `answered` absent
// when there was no answer.
// A batch finds each of its institutions once ($institutions: every id once) and its rows
// name them by position in that list (see serves.cypher); a row whose institution is not
// in the database is skipped, as a MATCH would.
//
// @param $institutions: list -- the ids of the institutions the rows name, each once
// @param $rows: list -- lists [id, source, target, family, sent, status, answered, wave]; source and target are positions in $institutions
// @creates relationships
UNWIND range(0, size($institutions) - 1) AS k
OPTIONAL MATCH (i:Institution {id: $institutions[k]})
WITH k, i ORDER BY k
WITH collect([i]) AS institutions
UNWIND $rows AS row
WITH institutions[row[1]][0] AS a, institutions[row[2]][0] AS b, row
WHERE a IS NOT NULL AND b IS NOT NULL
MERGE (a)-[r:REFERRED {id: row[0]}]->(b)
SET r.family = row[3], r.sent = row[4], r.status = row[5],
    r.answered = row[6], r.wave = row[7]
