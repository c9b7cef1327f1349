// Territories that the data names without listing them (a gmina code of an institution,
// its powiat and voivodeship): a Territory node with only `teryt` and `kind`, so that
// every node can be LOCATED_IN its territory. A listed territory is left as it is.
//
// @param $rows: list -- maps {teryt, kind}, one per TERYT code (2, 4 or 7 digits)
// @creates nodes
UNWIND $rows AS row
MERGE (t:Territory {teryt: row.teryt})
ON CREATE SET t.kind = row.kind
