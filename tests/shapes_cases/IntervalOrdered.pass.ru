# a one-day stationing: start equals end
# expect: nothing
DELETE { <shapes-case/round/stationing/end> time:inXSDDate ?old } INSERT { <shapes-case/round/stationing/end> time:inXSDDate "2024-03-04"^^xsd:date } WHERE { <shapes-case/round/stationing/end> time:inXSDDate ?old }
