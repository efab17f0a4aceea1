# The round's xk:stationingEnd is a thirteenth month
# caught-by: RoundDatesRepeatStationing
DELETE { ?r xk:stationingEnd ?d } INSERT { ?r xk:stationingEnd "2024-13-01"^^xsd:date } WHERE { ?r xk:stationingEnd ?d }
