# publication starts the day after the feedback
# expect: nothing
DELETE { <shapes-case/publication/start> time:inXSDDate ?old . <shapes-case> xk:publicationStart ?short }
INSERT { <shapes-case/publication/start> time:inXSDDate "2024-06-13"^^xsd:date . <shapes-case> xk:publicationStart "2024-06-13"^^xsd:date }
WHERE { <shapes-case/publication/start> time:inXSDDate ?old . <shapes-case> xk:publicationStart ?short }
