// Sync: removes the group memberships (of institutions and of persons) that are no longer in
// the files (of a wave the files hold). Run by `kokon-graph neo4j load --sync` only.
// (`r.wave + ''`: FalkorDB 4 finds no row when a relationship property equal to an empty
// string is compared with an empty string from $rows; the concatenation sidesteps it.)
//
// @param $rows: list -- maps {member, group, wave, seq} of the memberships to remove
UNWIND $rows AS row
MATCH (m)-[r:MEMBER_OF {seq: row.seq}]->(:Group {id: row.group})
WHERE m.id = row.member AND r.wave + '' = row.wave + ''
DELETE r
