// Central actors of a gmina: the institutions of the gmina's cooperation network (its
// own institutions and the powiat- and voivodeship-level ones whose territory holds
// it), most connected first.
// Mirrors kokon_graph.analysis.centrality on the network scoped to the gmina: degree
// (= in_degree + out_degree) and degree_sym are the same numbers. An institution that
// reports a tie gives an arc to its partner; a tie both confirmed (mutual) gives both.
//
// @param $gmina: string -- TERYT code of the gmina (7 digits; a powiat's 4 or a voivodeship's 2 work too)
// @param $wave: string = null -- survey wave (e.g. "before"); null = all waves together
// @param $limit: integer = 25 -- how many institutions to list
// @returns id, name, type, sector, teryt, degree, in_degree, out_degree, degree_sym
// @mirrors kokon_graph.analysis.centrality
MATCH (i:Institution)
WHERE i.teryt STARTS WITH $gmina OR i.teryt IN [left($gmina, 2), left($gmina, 4)]
WITH collect(i) AS scope
UNWIND scope AS i
OPTIONAL MATCH (i)-[r:COOPERATES_WITH]-(p:Institution)
WHERE p IN scope AND ($wave IS NULL OR r.wave = $wave OR r.wave = '')
WITH i,
     collect(DISTINCT CASE WHEN startNode(r) = i OR r.mutual THEN p.id END) AS outgoing,
     collect(DISTINCT CASE WHEN endNode(r) = i OR r.mutual THEN p.id END) AS incoming,
     collect(DISTINCT p.id) AS partners
RETURN i.id AS id, i.name AS name, i.type AS type, i.sector AS sector, i.teryt AS teryt,
       size(incoming) + size(outgoing) AS degree, size(incoming) AS in_degree,
       size(outgoing) AS out_degree, size(partners) AS degree_sym
ORDER BY degree DESC, id
LIMIT $limit
