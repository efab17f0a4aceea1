# A quote tagged @en instead of plain text
# caught-by: ProvenancePresent
DELETE { ?f xk:quote ?q } INSERT { ?f xk:quote ?tagged }
WHERE {
  { SELECT ?f WHERE { ?f a xk:Finding ; xk:quote ?any } ORDER BY STR(?f) LIMIT 1 }
  ?f xk:quote ?q BIND (STRLANG(STR(?q), "en") AS ?tagged)
}
