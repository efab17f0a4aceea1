# The stationing ends before it starts
# caught-by: IntervalOrdered
DELETE { ?e time:inXSDDate ?d } INSERT { ?e time:inXSDDate "2000-01-01"^^xsd:date }
WHERE { ?r xk:stationingInterval/time:hasEnd ?e . ?e time:inXSDDate ?d }
