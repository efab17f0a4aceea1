# A measure's date left as text
# caught-by: DatesAreDates
INSERT { ?m xk:mentionsDate "2024年9月底" } WHERE { { SELECT ?m WHERE { ?m a xk:Measure } ORDER BY STR(?m) LIMIT 1 } }
