# A regulation role outside the code list
# caught-by: RegulationRoleFromCodeList
DELETE { ?r xk:role ?x } INSERT { ?r xk:role xk:RoleInvented }
WHERE { { SELECT ?r WHERE { ?r a xk:Regulation } ORDER BY STR(?r) LIMIT 1 } ?r xk:role ?x }
