# publication starts on the feedback day (the notice's xk:publicationStart repeats it)
# expect: Violation shapes-case -
DELETE { <shapes-case/publication/start> time:inXSDDate ?old . <shapes-case> xk:publicationStart ?short }
INSERT { <shapes-case/publication/start> time:inXSDDate "2024-06-12"^^xsd:date . <shapes-case> xk:publicationStart "2024-06-12"^^xsd:date }
WHERE { <shapes-case/publication/start> time:inXSDDate ?old . <shapes-case> xk:publicationStart ?short }
