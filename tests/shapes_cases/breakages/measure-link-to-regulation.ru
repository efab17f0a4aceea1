# xk:hasMeasure pointing at a regulation
# caught-by: HasMeasureLinksMeasures
INSERT { ?f xk:hasMeasure ?r }
WHERE {
  { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 }
  { SELECT ?r WHERE { ?r a xk:Regulation } ORDER BY STR(?r) LIMIT 1 }
}
