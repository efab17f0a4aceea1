# A negative start offset
# caught-by: ProvenancePresent
DELETE { ?f xk:startOffset ?s } INSERT { ?f xk:startOffset -1 }
WHERE { { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 } ?f xk:startOffset ?s }
