# An impossible feedback date: February 30th
# caught-by: NoticeFrame
DELETE { ?r xk:feedbackDate ?d } INSERT { ?r xk:feedbackDate "2024-02-30"^^xsd:date } WHERE { ?r xk:feedbackDate ?d }
