# A regulation title tagged @zh instead of plain text
# caught-by: RegulationTitled
DELETE { ?r xk:title ?t } INSERT { ?r xk:title ?tagged }
WHERE { { SELECT ?r WHERE { ?r a xk:Regulation } ORDER BY STR(?r) LIMIT 1 } ?r xk:title ?t BIND (STRLANG(STR(?t), "zh") AS ?tagged) }
