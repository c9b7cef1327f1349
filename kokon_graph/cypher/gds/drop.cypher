// GDS engine: drops the in-memory GDS graph $name (no error if it is gone already).
//
// @param $name: string -- name of the GDS graph
// @returns name
CALL gds.graph.drop($name, false) YIELD graphName
RETURN graphName AS name
