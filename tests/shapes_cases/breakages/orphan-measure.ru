# A measure no finding links to
# caught-by: MeasureInOneFinding
DELETE { ?f xk:hasMeasure ?m } WHERE { { SELECT ?f ?m WHERE { ?f xk:hasMeasure ?m } ORDER BY DESC(STR(?m)) LIMIT 1 } }
