# An output without its unit
# caught-by: OutputQuantified
DELETE { ?o schema:unitText ?u } WHERE { { SELECT ?o WHERE { ?o a xk:Output } ORDER BY STR(?o) LIMIT 1 } ?o schema:unitText ?u }
