// Territories table: the listed territories (those with a name; codes the data only
// names have none).
//
// @returns teryt, name, kind, gmina_type
MATCH (t:Territory)
WHERE t.name IS NOT NULL
RETURN t.teryt AS teryt, t.name AS name, t.kind AS kind, t.gmina_type AS gmina_type
