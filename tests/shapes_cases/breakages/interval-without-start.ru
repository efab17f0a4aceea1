# The stationing interval loses its start
# caught-by: IntervalOrdered RoundDatesRepeatStationing
DELETE { ?i time:hasBeginning ?b } WHERE { ?r xk:stationingInterval ?i . ?i time:hasBeginning ?b }
