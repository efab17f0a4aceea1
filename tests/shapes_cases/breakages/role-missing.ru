# A regulation without its role
# caught-by: RegulationRoleFromCodeList
DELETE { ?r xk:role ?x } WHERE { { SELECT ?r WHERE { ?r a xk:Regulation } ORDER BY STR(?r) LIMIT 1 } ?r xk:role ?x }
