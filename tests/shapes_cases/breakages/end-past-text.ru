# An end offset past the end of the text
# caught-by: OffsetsWithinText
DELETE { ?f xk:endOffset ?e } INSERT { ?f xk:endOffset 999999 }
WHERE { { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 } ?f xk:endOffset ?e }
