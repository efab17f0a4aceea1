# xk:hasMeasure misspelled xk:hasMesure on a finding
# caught-by: TermsDeclared FindingHasMeasure
DELETE { ?f xk:hasMeasure ?m } INSERT { ?f xk:hasMesure ?m }
WHERE { { SELECT ?f WHERE { ?f a xk:Finding ; xk:hasMeasure ?any } ORDER BY STR(?f) LIMIT 1 } ?f xk:hasMeasure ?m }
