# Every measure of a finding deleted, but xk:hasMeasure left pointing at an IRI that is nothing
# caught-by: FindingHasMeasure HasMeasureLinksMeasures
DELETE { ?f xk:hasMeasure ?m . ?m ?p ?o }
INSERT { ?f xk:hasMeasure ?ghost }
WHERE {
  { SELECT ?f WHERE { ?f a xk:Finding ; xk:hasMeasure ?any } ORDER BY STR(?f) LIMIT 1 }
  ?f xk:hasMeasure ?m . ?m ?p ?o .
  BIND (IRI(CONCAT(STR(?f), "/ghost")) AS ?ghost)
}
