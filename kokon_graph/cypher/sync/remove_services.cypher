// Sync: removes the services to families that are no longer in the files (of a wave the
// files hold). Run by `kokon-graph neo4j load --sync` only.
// (`r.wave + ''`: FalkorDB 4 finds no row when a relationship property equal to an empty
// string is compared with an empty string from $rows; the concatenation sidesteps it.)
//
// @param $rows: list -- maps {institution, family, service, wave, seq} of the services to remove
UNWIND $rows AS row
MATCH (:Institution {id: row.institution})-[r:SERVES {service: row.service, seq: row.seq}]->(:Family {id: row.family})
WHERE r.wave + '' = row.wave + ''
DELETE r
