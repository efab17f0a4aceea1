# a one-day stationing: start equals end (the feedback still comes later)
# expect: nothing
DELETE { <shapes-case/round/stationing/end> time:inXSDDate ?old . <shapes-case/round> xk:stationingEnd ?short }
INSERT { <shapes-case/round/stationing/end> time:inXSDDate "2024-03-04"^^xsd:date . <shapes-case/round> xk:stationingEnd "2024-03-04"^^xsd:date }
WHERE { <shapes-case/round/stationing/end> time:inXSDDate ?old . <shapes-case/round> xk:stationingEnd ?short }
