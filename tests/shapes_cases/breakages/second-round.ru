# A second inspection round
# caught-by: NoticeFrame
INSERT { ?n xk:reportsOn ?r2 . ?r2 a xk:InspectionRound }
WHERE { ?n a xk:Notice BIND (IRI(CONCAT(STR(?n), "/round2")) AS ?r2) }
