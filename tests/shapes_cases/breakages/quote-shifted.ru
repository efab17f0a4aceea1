# A finding's offsets shifted by one character
# caught-by: QuoteMatchesText
DELETE { ?f xk:startOffset ?s ; xk:endOffset ?e } INSERT { ?f xk:startOffset ?s1 ; xk:endOffset ?e1 }
WHERE {
  { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 }
  ?f xk:startOffset ?s ; xk:endOffset ?e BIND (?s + 1 AS ?s1) BIND (?e + 1 AS ?e1)
}
