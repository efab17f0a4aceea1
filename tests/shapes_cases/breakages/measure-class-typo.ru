# A measure typed xk:Measur
# caught-by: ClassesDeclared HasMeasureLinksMeasures
DELETE { ?m a xk:Measure } INSERT { ?m a xk:Measur }
WHERE { { SELECT ?m WHERE { ?m a xk:Measure } ORDER BY STR(?m) LIMIT 1 } }
