// Schema for Neo4j 5 (5.7 or later): a uniqueness constraint on the key of every node
// label, one on the id of a referral, and indexes on the properties the ready queries
// filter by (sector, type, teryt, a referral's family).
// No index on the wave of COOPERATES_WITH, MEMBER_OF or SERVES: with one, Neo4j's planner
// answers the load's relationship MERGE by seeking every relationship of that wave instead of
// expanding from its two ends (114 instead of thousands of rows/s, benchmarks/results/neo4j.md).
// None on a referral's wave or status: no statement seeks by them (a few values each, so a
// seek would return a large share of all referrals anyway), and the two cost the national
// load a fifth of its time (77.3/67.9 s with, 59.7/59.0 s without: benchmarks/results/neo4j.md).
// The DROP statements remove them from databases set up by an earlier version.
// Applied by `kokon-graph neo4j init` (and before every `neo4j load`). Every statement
// has IF NOT EXISTS (or IF EXISTS), so applying the schema again changes nothing.
// The FalkorDB equivalent is falkordb.cypher (see README.md in this folder).
CREATE CONSTRAINT kokon_institution_id IF NOT EXISTS
FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kokon_group_id IF NOT EXISTS
FOR (n:Group) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kokon_person_id IF NOT EXISTS
FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kokon_family_id IF NOT EXISTS
FOR (n:Family) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kokon_territory_teryt IF NOT EXISTS
FOR (n:Territory) REQUIRE n.teryt IS UNIQUE;
CREATE CONSTRAINT kokon_referral_id IF NOT EXISTS
FOR ()-[r:REFERRED]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX kokon_institution_sector IF NOT EXISTS
FOR (n:Institution) ON (n.sector);
CREATE INDEX kokon_institution_type IF NOT EXISTS
FOR (n:Institution) ON (n.type);
CREATE INDEX kokon_institution_teryt IF NOT EXISTS
FOR (n:Institution) ON (n.teryt);
CREATE INDEX kokon_group_type IF NOT EXISTS
FOR (n:Group) ON (n.type);
CREATE INDEX kokon_group_teryt IF NOT EXISTS
FOR (n:Group) ON (n.teryt);
CREATE INDEX kokon_family_teryt IF NOT EXISTS
FOR (n:Family) ON (n.teryt);
CREATE INDEX kokon_territory_kind IF NOT EXISTS
FOR (n:Territory) ON (n.kind);
DROP INDEX kokon_cooperation_wave IF EXISTS;
DROP INDEX kokon_membership_wave IF EXISTS;
DROP INDEX kokon_service_wave IF EXISTS;
DROP INDEX kokon_referral_wave IF EXISTS;
DROP INDEX kokon_referral_status IF EXISTS;
CREATE INDEX kokon_referral_family IF NOT EXISTS
FOR ()-[r:REFERRED]-() ON (r.family);
