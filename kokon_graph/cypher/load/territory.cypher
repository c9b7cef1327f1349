// Territories table: one Territory node per row, keyed by its TERYT code.
// A row loaded again (or in a later load) updates the node; nothing is duplicated.
//
// @param $rows: list -- maps {teryt, name, kind, gmina_type}, one per territories row
// @creates nodes
UNWIND $rows AS row
MERGE (t:Territory {teryt: row.teryt})
SET t.name = row.name, t.kind = row.kind, t.gmina_type = row.gmina_type
