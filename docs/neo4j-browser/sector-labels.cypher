// kokon-graph: gives every institution a second label, Sector_<code>, from its `sector`
// property, so that kokon.grass colours institutions by sector in Neo4j Browser.
// Optional and harmless: kokon-graph reads properties, never these labels. Run it again
// after loading a new wave. To remove them: MATCH (i:Institution) REMOVE i:Sector_health, ...
// (Neo4j 5 has no dynamic labels without APOC, hence one statement per sector.)
MATCH (i:Institution) WHERE i.sector = 'social_assistance' SET i:Sector_social_assistance;
MATCH (i:Institution) WHERE i.sector = 'family_support' SET i:Sector_family_support;
MATCH (i:Institution) WHERE i.sector = 'labour_market' SET i:Sector_labour_market;
MATCH (i:Institution) WHERE i.sector = 'education' SET i:Sector_education;
MATCH (i:Institution) WHERE i.sector = 'health' SET i:Sector_health;
MATCH (i:Institution) WHERE i.sector = 'justice' SET i:Sector_justice;
MATCH (i:Institution) WHERE i.sector = 'police' SET i:Sector_police;
MATCH (i:Institution) WHERE i.sector = 'culture_sport' SET i:Sector_culture_sport;
MATCH (i:Institution) WHERE i.sector = 'ngo' SET i:Sector_ngo;
MATCH (i:Institution) WHERE i.sector = 'church' SET i:Sector_church;
MATCH (i:Institution) WHERE i.sector = 'local_government' SET i:Sector_local_government;
MATCH (i:Institution) WHERE i.sector = 'housing' SET i:Sector_housing;
MATCH (i:Institution) WHERE i.sector = 'research' SET i:Sector_research;
MATCH (i:Institution) WHERE i.sector = 'other' SET i:Sector_other;
