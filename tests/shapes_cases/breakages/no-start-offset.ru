# A finding without its start offset
# caught-by: ProvenancePresent
DELETE { ?f xk:startOffset ?s } WHERE { { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 } ?f xk:startOffset ?s }
