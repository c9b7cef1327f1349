// GDS engine: betweenness of every institution in graph $name (Brandes), exact when
// $sampling is null, else estimated from $sampling source nodes drawn with $seed.
//
// @param $name: string -- name of the GDS graph
// @param $sampling: integer = null -- number of source nodes sampled; null = exact
// @param $seed: integer = 0 -- seed of the sample
// @returns id, score
CALL gds.betweenness.stream($name, CASE WHEN $sampling IS NULL
  THEN {concurrency: 1}
  ELSE {samplingSize: $sampling, samplingSeed: $seed, concurrency: 1} END)
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
