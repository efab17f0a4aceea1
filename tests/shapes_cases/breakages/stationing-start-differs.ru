# The round's xk:stationingStart differs from its interval's start
# caught-by: RoundDatesRepeatStationing
DELETE { ?r xk:stationingStart ?d } INSERT { ?r xk:stationingStart "2001-01-01"^^xsd:date } WHERE { ?r xk:stationingStart ?d }
