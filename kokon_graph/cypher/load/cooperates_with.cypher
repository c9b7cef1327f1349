// Cooperation table: one COOPERATES_WITH per row, from the reporting institution to
// the partner. A row is identified by (source, target, kind, wave, seq): `seq` numbers
// the rows that repeat the same (source, target, kind, wave), 0 for the first, so that
// loading the same rows again, or a later wave, never duplicates a tie.
// A batch finds each of its institutions once ($institutions: every id once) and its rows
// name them by position in that list (see serves.cypher); a row whose institution is not
// in the database is skipped, as a MATCH would.
//
// @param $institutions: list -- the ids of the institutions the rows name, each once
// @param $rows: list -- lists [source, target, kind, wave, seq, weight, since, mutual]; source and target are positions in $institutions, `since` an ISO date or null
// @creates relationships
UNWIND range(0, size($institutions) - 1) AS k
OPTIONAL MATCH (i:Institution {id: $institutions[k]})
WITH k, i ORDER BY k
WITH collect([i]) AS institutions
UNWIND $rows AS row
WITH institutions[row[0]][0] AS a, institutions[row[1]][0] AS b, row
WHERE a IS NOT NULL AND b IS NOT NULL
MERGE (a)-[r:COOPERATES_WITH {kind: row[2], wave: row[3], seq: row[4]}]->(b)
SET r.weight = row[5], r.since = row[6], r.mutual = row[7]
