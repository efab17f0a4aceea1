# A deadline written as text in xk:deadline (it belongs in xk:deadlineText)
# caught-by: DatesAreDates
INSERT { ?f xk:deadline "长期坚持" } WHERE { { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 } }
