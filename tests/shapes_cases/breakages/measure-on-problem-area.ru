# A measure moved from its finding to a problem area that is not a finding
# caught-by: MeasureInOneFinding
DELETE { ?f xk:hasMeasure ?m }
INSERT { ?a xk:hasMeasure ?m }
WHERE {
  { SELECT ?a WHERE { ?a a xk:ProblemArea FILTER NOT EXISTS { ?a a xk:Finding } } ORDER BY STR(?a) LIMIT 1 }
  { SELECT ?f ?m WHERE { ?f a xk:Finding ; xk:hasMeasure ?m } ORDER BY STR(?m) LIMIT 1 }
}
