// GDS engine: Louvain communities of the undirected weighted graph $name (one thread, so the
// same graph gives the same partition).
//
// @param $name: string -- name of the GDS graph
// @returns id, community
CALL gds.louvain.stream($name, {relationshipWeightProperty: 'weight', concurrency: 1})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).id AS id, communityId AS community
