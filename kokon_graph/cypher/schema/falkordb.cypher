// Schema for FalkorDB: the same keys and filtered properties as neo4j.cypher, as plain
// indexes. FalkorDB has no CREATE CONSTRAINT statement and no IF NOT EXISTS; the store
// skips an index that exists already ("already indexed"), so applying this again
// changes nothing. Keys stay unique because every load statement MERGEs on them.
CREATE INDEX FOR (n:Institution) ON (n.id);
CREATE INDEX FOR (n:Group) ON (n.id);
CREATE INDEX FOR (n:Person) ON (n.id);
CREATE INDEX FOR (n:Family) ON (n.id);
CREATE INDEX FOR (n:Territory) ON (n.teryt);
CREATE INDEX FOR (n:Institution) ON (n.sector);
CREATE INDEX FOR (n:Institution) ON (n.type);
CREATE INDEX FOR (n:Institution) ON (n.teryt);
CREATE INDEX FOR (n:Group) ON (n.type);
CREATE INDEX FOR (n:Group) ON (n.teryt);
CREATE INDEX FOR (n:Family) ON (n.teryt);
CREATE INDEX FOR (n:Territory) ON (n.kind);
CREATE INDEX FOR ()-[r:COOPERATES_WITH]-() ON (r.wave);
CREATE INDEX FOR ()-[r:MEMBER_OF]-() ON (r.wave);
CREATE INDEX FOR ()-[r:SERVES]-() ON (r.wave);
CREATE INDEX FOR ()-[r:REFERRED]-() ON (r.wave);
CREATE INDEX FOR ()-[r:REFERRED]-() ON (r.status);
CREATE INDEX FOR ()-[r:REFERRED]-() ON (r.family);
