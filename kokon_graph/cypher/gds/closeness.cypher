// GDS engine: closeness of every institution in graph $name with the Wasserman-Faust
// correction for unreachable actors (networkx's closeness_centrality).
//
// @param $name: string -- name of the GDS graph
// @returns id, score
CALL gds.closeness.stream($name, {useWassermanFaust: true})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
