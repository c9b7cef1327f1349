// Services table: one SERVES per row, from the institution to the family it serves,
// identified by (institution, family, service, wave, seq); `seq` numbers rows that
// repeat the same (institution, family, service, wave), 0 for the first.
//
// @param $rows: list -- maps {institution, family, service, wave, seq, start, end}; dates are ISO strings or null
// @creates relationships
UNWIND $rows AS row
MATCH (i:Institution {id: row.institution})
MATCH (f:Family {id: row.family})
MERGE (i)-[r:SERVES {service: row.service, wave: row.wave, seq: row.seq}]->(f)
SET r.start = row.start, r.end = row.end
