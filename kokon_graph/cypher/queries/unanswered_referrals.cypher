// Unanswered referrals: for each pair of institutions, how many referrals went from one
// to the other, how many were answered (an answer date, or a status that is an answer)
// and rejected, and how many got no answer; most unanswered first.
// Mirrors kokon_graph.analysis.gaps_referrals on the network scoped to the territory
// (answer times, which need date arithmetic, come from the tool).
//
// @param $teryt: string = "" -- TERYT code of a gmina, powiat or voivodeship; "" = everything
// @param $wave: string = null -- survey wave; null = all waves together
// @param $min_unanswered: integer = 1 -- list pairs with at least this many unanswered referrals
// @param $answer_statuses: list = ["accepted", "completed", "rejected"] -- statuses that are an answer even without an answer date
// @param $rejected_status: string = "rejected" -- the status of a rejected referral
// @returns source, target, source_name, target_name, referrals, answered, unanswered, rejected
// @mirrors kokon_graph.analysis.gaps_referrals
MATCH (a:Institution)-[r:REFERRED]->(b:Institution)
WHERE ($wave IS NULL OR r.wave = $wave OR r.wave = '')
  AND (a.teryt STARTS WITH $teryt OR a.teryt IN [left($teryt, 2), left($teryt, 4)])
  AND (b.teryt STARTS WITH $teryt OR b.teryt IN [left($teryt, 2), left($teryt, 4)])
MATCH (f:Family {id: r.family})
WHERE f.teryt STARTS WITH $teryt
WITH a, b, count(r) AS referrals,
     count(CASE WHEN r.answered IS NOT NULL OR r.status IN $answer_statuses THEN 1 END) AS answered,
     count(CASE WHEN r.status = $rejected_status THEN 1 END) AS rejected
WITH a, b, referrals, answered, rejected, referrals - answered AS unanswered
WHERE unanswered >= $min_unanswered
RETURN a.id AS source, b.id AS target, a.name AS source_name, b.name AS target_name,
       referrals, answered, unanswered, rejected
ORDER BY unanswered DESC, referrals DESC, source, target
