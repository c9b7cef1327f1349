// Sync: removes the cooperation ties that are no longer in the files (of a wave the files
// hold), each matched on its whole identity. Run by `kokon-graph neo4j load --sync` only.
// (`r.wave + ''`: FalkorDB 4 finds no row when a relationship property equal to an empty
// string is compared with an empty string from $rows; the concatenation sidesteps it.)
//
// @param $rows: list -- maps {source, target, kind, wave, seq} of the ties to remove
UNWIND $rows AS row
MATCH (:Institution {id: row.source})-[r:COOPERATES_WITH {kind: row.kind, seq: row.seq}]->(:Institution {id: row.target})
WHERE r.wave + '' = row.wave + ''
DELETE r
