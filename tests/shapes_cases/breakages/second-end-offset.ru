# A measure given a second end offset
# caught-by: ProvenancePresent
INSERT { ?m xk:endOffset ?e1 }
WHERE {
  { SELECT ?m WHERE { ?m a xk:Measure } ORDER BY STR(?m) LIMIT 1 }
  ?m xk:endOffset ?e BIND (?e + 1 AS ?e1)
}
