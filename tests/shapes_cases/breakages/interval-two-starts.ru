# The stationing interval with a second start
# caught-by: IntervalOrdered RoundDatesRepeatStationing
INSERT { ?i time:hasBeginning ?b2 . ?b2 time:inXSDDate "2001-01-01"^^xsd:date }
WHERE { ?r xk:stationingInterval ?i BIND (IRI(CONCAT(STR(?i), "/start2")) AS ?b2) }
