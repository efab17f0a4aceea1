# the stationing ends before it starts (the round's xk:stationingEnd repeats the new end)
# expect: Violation shapes-case/round/stationing -
DELETE { <shapes-case/round/stationing/end> time:inXSDDate ?old . <shapes-case/round> xk:stationingEnd ?short }
INSERT { <shapes-case/round/stationing/end> time:inXSDDate "2024-03-01"^^xsd:date . <shapes-case/round> xk:stationingEnd "2024-03-01"^^xsd:date }
WHERE { <shapes-case/round/stationing/end> time:inXSDDate ?old . <shapes-case/round> xk:stationingEnd ?short }
