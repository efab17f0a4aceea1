# An output's value written as text
# caught-by: OutputQuantified
DELETE { ?o schema:value ?v } INSERT { ?o schema:value "1.2万" }
WHERE { { SELECT ?o WHERE { ?o a xk:Output } ORDER BY STR(?o) LIMIT 1 } ?o schema:value ?v }
