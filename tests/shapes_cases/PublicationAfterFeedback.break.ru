# publication starts on the feedback day
# expect: Violation shapes-case -
DELETE { <shapes-case/publication/start> time:inXSDDate ?old } INSERT { <shapes-case/publication/start> time:inXSDDate "2024-06-12"^^xsd:date } WHERE { <shapes-case/publication/start> time:inXSDDate ?old }
