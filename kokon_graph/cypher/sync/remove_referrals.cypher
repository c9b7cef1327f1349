// Sync: removes the referrals that are no longer in the files (of a wave the files hold),
// by their id. Run by `kokon-graph neo4j load --sync` only.
//
// @param $rows: list -- maps {id} of the referrals to remove
UNWIND $rows AS row
MATCH (:Institution)-[r:REFERRED {id: row.id}]->(:Institution)
DELETE r
