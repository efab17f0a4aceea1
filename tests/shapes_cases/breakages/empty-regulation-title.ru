# A regulation with an empty title
# caught-by: RegulationTitled
DELETE { ?r xk:title ?t } INSERT { ?r xk:title "" }
WHERE { { SELECT ?r WHERE { ?r a xk:Regulation } ORDER BY STR(?r) LIMIT 1 } ?r xk:title ?t }
