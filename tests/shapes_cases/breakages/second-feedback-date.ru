# A second feedback date
# caught-by: NoticeFrame
INSERT { ?r xk:feedbackDate "2099-12-31"^^xsd:date } WHERE { ?r a xk:InspectionRound ; xk:feedbackDate ?d }
