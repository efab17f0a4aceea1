# A regulation without its title
# caught-by: RegulationTitled
DELETE { ?r xk:title ?t } WHERE { { SELECT ?r WHERE { ?r a xk:Regulation } ORDER BY STR(?r) LIMIT 1 } ?r xk:title ?t }
