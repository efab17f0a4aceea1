# A measure attached to a second finding too
# caught-by: MeasureInOneFinding
INSERT { ?f2 xk:hasMeasure ?m }
WHERE {
  { SELECT ?m ?f WHERE { ?f a xk:Finding ; xk:hasMeasure ?m } ORDER BY STR(?m) LIMIT 1 }
  { SELECT ?f2 WHERE { ?f2 a xk:Finding } ORDER BY DESC(STR(?f2)) LIMIT 1 }
  FILTER (?f2 != ?f)
}
