# A regulation with a second title
# caught-by: RegulationTitled
INSERT { ?r xk:title "另一个标题" } WHERE { { SELECT ?r WHERE { ?r a xk:Regulation } ORDER BY STR(?r) LIMIT 1 } }
