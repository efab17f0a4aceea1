# A start offset typed xsd:integer that is no integer
# caught-by: ProvenancePresent
DELETE { ?f xk:startOffset ?s } INSERT { ?f xk:startOffset "abc"^^xsd:integer }
WHERE { { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 } ?f xk:startOffset ?s }
