// Ego network of an institution: its cooperation partners, whether the tie goes out
// (the institution reports it), comes in (the partner reports it) or both (a confirmed,
// mutual tie counts both ways), and the kinds of cooperation between them.
// Mirrors the neighbourhood of the institution in Network.cooperation().
//
// @param $id: string -- id of the institution
// @param $wave: string = null -- survey wave; null = all waves together
// @returns partner, name, type, sector, teryt, outgoing, incoming, kinds, reports
// @mirrors kokon_graph.graph.Network.cooperation
MATCH (i:Institution {id: $id})-[r:COOPERATES_WITH]-(p:Institution)
WHERE $wave IS NULL OR r.wave = $wave OR r.wave = ''
WITH i, p, r
ORDER BY r.kind
WITH p,
     count(CASE WHEN startNode(r) = i OR r.mutual THEN 1 END) AS out_reports,
     count(CASE WHEN endNode(r) = i OR r.mutual THEN 1 END) AS in_reports,
     collect(DISTINCT r.kind) AS kinds, count(r) AS reports
RETURN p.id AS partner, p.name AS name, p.type AS type, p.sector AS sector,
       p.teryt AS teryt, out_reports > 0 AS outgoing, in_reports > 0 AS incoming, kinds,
       reports
ORDER BY partner
