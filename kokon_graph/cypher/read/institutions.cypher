// Institutions table: every property of every Institution node (the columns and the
// extra columns of the table).
//
// @returns properties
MATCH (n:Institution)
RETURN properties(n) AS properties
