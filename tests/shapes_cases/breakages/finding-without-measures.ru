# A finding loses all its measures
# caught-by: FindingHasMeasure
DELETE { ?f xk:hasMeasure ?m . ?m ?p ?o }
WHERE { { SELECT ?f WHERE { ?f a xk:Finding ; xk:hasMeasure ?any } ORDER BY STR(?f) LIMIT 1 } ?f xk:hasMeasure ?m . ?m ?p ?o }
