// GDS engine: projects the cooperation view into an in-memory GDS graph named $name, from the
// stored Institution nodes and the arcs of the view (which ties count, the mutual rule and the
// weights are the tool's, see docs/measures.md). A row whose target is null adds its source
// alone, so institutions without ties are projected too.
//
// @param $name: string -- name of the GDS graph (unique per run; dropped after)
// @param $arcs: list -- maps {source, target, weight}; target null for a node alone
// @param $undirected: boolean -- project the arcs as undirected relationships
// @returns nodes, relationships
UNWIND $arcs AS arc
MATCH (a:Institution {id: arc.source})
OPTIONAL MATCH (b:Institution {id: arc.target})
WITH gds.graph.project(
  $name, a, b,
  {relationshipProperties: CASE WHEN b IS NULL THEN {} ELSE {weight: arc.weight} END},
  {undirectedRelationshipTypes: CASE WHEN $undirected THEN ['*'] ELSE [] END}
) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
