// Groups table: every property of every Group node (the columns and the extra columns
// of the table).
//
// @returns properties
MATCH (n:Group)
RETURN properties(n) AS properties
