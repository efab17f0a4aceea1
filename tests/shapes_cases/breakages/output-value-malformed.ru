# An output's value typed xsd:decimal but not a decimal
# caught-by: OutputQuantified
DELETE { ?o schema:value ?v } INSERT { ?o schema:value "1.2万"^^xsd:decimal }
WHERE { { SELECT ?o WHERE { ?o a xk:Output } ORDER BY STR(?o) LIMIT 1 } ?o schema:value ?v }
