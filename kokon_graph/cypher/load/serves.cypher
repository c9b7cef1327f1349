// Services table: one SERVES per row, from the institution to the family it serves,
// identified by (institution, family, service, wave, seq); `seq` numbers the rows that
// repeat the same (institution, family, service, wave), 0 for the first.
// A batch finds each of its institutions and families once ($institutions, $families:
// every key once) and its rows name them by position in those lists: a national batch of
// 5,000 rows seeks ~2,400 nodes instead of 10,000 (benchmarks/results/neo4j.md). A row
// whose institution or family is not in the database is skipped, as a MATCH would.
//
// @param $institutions: list -- the ids of the institutions the rows name, each once
// @param $families: list -- the pseudonyms of the families the rows name, each once
// @param $rows: list -- lists [institution, family, service, wave, seq, start, end]; the first two are positions in $institutions and $families, dates ISO strings or null
// @creates relationships
UNWIND range(0, size($institutions) - 1) AS k
OPTIONAL MATCH (i:Institution {id: $institutions[k]})
WITH k, i ORDER BY k
WITH collect([i]) AS institutions
UNWIND range(0, size($families) - 1) AS k
OPTIONAL MATCH (f:Family {id: $families[k]})
WITH institutions, k, f ORDER BY k
WITH institutions, collect([f]) AS families
UNWIND $rows AS row
WITH institutions[row[0]][0] AS i, families[row[1]][0] AS f, row
WHERE i IS NOT NULL AND f IS NOT NULL
MERGE (i)-[r:SERVES {service: row[2], wave: row[3], seq: row[4]}]->(f)
SET r.start = row[5], r.end = row[6]
