# A finding typed xk:Findng
# caught-by: ClassesDeclared
DELETE { ?f a xk:Finding } INSERT { ?f a xk:Findng }
WHERE { { SELECT ?f WHERE { ?f a xk:Finding } ORDER BY STR(?f) LIMIT 1 } }
