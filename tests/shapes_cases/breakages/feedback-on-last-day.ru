# Feedback on the last day of the stationing
# caught-by: FeedbackAfterStationing
DELETE { ?r xk:feedbackDate ?d } INSERT { ?r xk:feedbackDate ?end }
WHERE { ?r xk:feedbackDate ?d ; xk:stationingInterval/time:hasEnd/time:inXSDDate ?end }
