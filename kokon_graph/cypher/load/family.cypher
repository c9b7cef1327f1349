// Families table: one Family node per (pseudonymised) family, keyed by its pseudonym.
// `size` and `children` are integers and `problems` a list of problem-area codes, each
// absent when empty. Nothing that identifies a family is stored.
//
// @param $rows: list -- maps {id, teryt, size, children, problems, plan_status}
// @creates nodes
UNWIND $rows AS row
MERGE (n:Family {id: row.id})
SET n.teryt = row.teryt, n.size = row.size, n.children = row.children,
    n.problems = row.problems, n.plan_status = row.plan_status
