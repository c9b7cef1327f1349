// GDS engine: Leiden communities of the undirected weighted graph $name, seeded.
//
// @param $name: string -- name of the GDS graph
// @param $seed: integer = 0 -- random seed
// @returns id, community
CALL gds.leiden.stream($name, {relationshipWeightProperty: 'weight', randomSeed: $seed, concurrency: 1})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).id AS id, communityId AS community
