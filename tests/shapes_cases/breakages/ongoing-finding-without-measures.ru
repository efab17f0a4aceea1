# A finding without measures that is still being rectified: no violation of the headline rule
# caught-by: nothing
DELETE { ?f xk:rectificationStatus ?s }
WHERE { { SELECT ?f WHERE { ?f a xk:Finding ; xk:hasMeasure ?any } ORDER BY STR(?f) LIMIT 1 } ?f xk:rectificationStatus ?s } ;
DELETE { ?f xk:hasMeasure ?m . ?m ?p ?o } INSERT { ?f xk:rectificationStatus xk:StatusOngoing }
WHERE { { SELECT ?f WHERE { ?f a xk:Finding ; xk:hasMeasure ?any } ORDER BY STR(?f) LIMIT 1 } ?f xk:hasMeasure ?m . ?m ?p ?o }
