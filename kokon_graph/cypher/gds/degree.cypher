// GDS engine: degree of every institution in graph $name: arcs out (NATURAL), in (REVERSE) or
// partners (UNDIRECTED graph); with $weighted, summed weights (strength).
//
// @param $name: string -- name of the GDS graph
// @param $orientation: string -- NATURAL, REVERSE or UNDIRECTED
// @param $weighted: boolean -- sum the weights instead of counting
// @returns id, score
CALL gds.degree.stream($name, CASE WHEN $weighted
  THEN {orientation: $orientation, relationshipWeightProperty: 'weight'}
  ELSE {orientation: $orientation} END)
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
