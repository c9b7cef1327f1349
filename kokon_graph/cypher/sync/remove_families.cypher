// Sync: removes the families that are no longer in the files, with every relationship they
// have (SERVES, COORDINATES, LOCATED_IN). Run by `kokon-graph neo4j load --sync` only.
//
// @param $rows: list -- maps {id}: the pseudonyms of the families to remove
UNWIND $rows AS row
MATCH (f:Family {id: row.id})
DETACH DELETE f
