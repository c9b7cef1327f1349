// Memberships table, rows whose member is an institution: one MEMBER_OF per row,
// identified by (member, group, wave, seq); `seq` numbers rows that repeat the same
// (member, group, wave), 0 for the first.
//
// @param $rows: list -- maps {member, group, wave, seq, role, start, end}; dates are ISO strings or null
// @creates relationships
UNWIND $rows AS row
MATCH (m:Institution {id: row.member})
MATCH (g:Group {id: row.group})
MERGE (m)-[r:MEMBER_OF {wave: row.wave, seq: row.seq}]->(g)
SET r.role = row.role, r.start = row.start, r.end = row.end
