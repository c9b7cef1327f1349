// Groups table: one Group node per row, keyed by id, with every column and every extra
// column as a property (dates as ISO "YYYY-MM-DD" strings, absent when empty).
// A row loaded again updates the node; nothing is duplicated.
//
// @param $rows: list -- maps {id, name, type, level, teryt, project, start, end, extra}
// @creates nodes
UNWIND $rows AS row
MERGE (n:Group {id: row.id})
SET n.name = row.name, n.type = row.type, n.level = row.level, n.teryt = row.teryt,
    n.project = row.project, n.start = row.start, n.end = row.end
SET n += row.extra
