// GDS engine: weakly connected component of every institution in graph $name.
//
// @param $name: string -- name of the GDS graph
// @returns id, component
CALL gds.wcc.stream($name)
YIELD nodeId, componentId
RETURN gds.util.asNode(nodeId).id AS id, componentId AS component
