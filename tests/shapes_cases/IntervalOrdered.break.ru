# the stationing ends before it starts
# expect: Violation shapes-case/round/stationing -
DELETE { <shapes-case/round/stationing/end> time:inXSDDate ?old } INSERT { <shapes-case/round/stationing/end> time:inXSDDate "2024-03-01"^^xsd:date } WHERE { <shapes-case/round/stationing/end> time:inXSDDate ?old }
