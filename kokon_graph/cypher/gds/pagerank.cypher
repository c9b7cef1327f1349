// GDS engine: PageRank of every institution in graph $name (damping 0.85), weighted by the
// tie weights when $weighted. GDS leaves the rank of institutions without outgoing ties
// undistributed; scaled to sum 1 the scores equal the PageRank that spreads it uniformly.
//
// @param $name: string -- name of the GDS graph
// @param $weighted: boolean -- weight the ties
// @returns id, score
CALL gds.pageRank.stream($name, CASE WHEN $weighted
  THEN {dampingFactor: 0.85, maxIterations: 1000, tolerance: 1.0E-12, relationshipWeightProperty: 'weight'}
  ELSE {dampingFactor: 0.85, maxIterations: 1000, tolerance: 1.0E-12} END)
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
