# A rectification status outside the code list
# caught-by: FindingStatusFromCodeList
INSERT { ?f xk:rectificationStatus xk:StatusInvented } WHERE { { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 } }
