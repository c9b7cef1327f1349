// Institutions table: one Institution node per row, keyed by id. Every column is a
// property (text columns as strings, empty text as ""), and so is every extra column of
// the table (`extra`). A row loaded again updates the node; nothing is duplicated.
//
// @param $rows: list -- maps {id, name, type, sector, level, teryt, project, extra}; `extra` maps each extra column to its text
// @creates nodes
UNWIND $rows AS row
MERGE (n:Institution {id: row.id})
SET n.name = row.name, n.type = row.type, n.sector = row.sector, n.level = row.level,
    n.teryt = row.teryt, n.project = row.project
SET n += row.extra
