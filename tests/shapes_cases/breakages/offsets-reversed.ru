# A finding's start and end offsets swapped
# caught-by: OffsetsWithinText
DELETE { ?f xk:startOffset ?s ; xk:endOffset ?e } INSERT { ?f xk:startOffset ?e ; xk:endOffset ?s }
WHERE {
  { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 }
  ?f xk:startOffset ?s ; xk:endOffset ?e
}
