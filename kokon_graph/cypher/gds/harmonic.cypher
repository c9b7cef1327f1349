// GDS engine: harmonic closeness of every institution in graph $name (sum of 1/distance over
// the other actors, divided by their number).
//
// @param $name: string -- name of the GDS graph
// @returns id, score
CALL gds.closeness.harmonic.stream($name)
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
