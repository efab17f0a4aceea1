# The feedback date written as text, not an xsd:date
# caught-by: NoticeFrame
DELETE { ?r xk:feedbackDate ?d } INSERT { ?r xk:feedbackDate "2024年6月12日" } WHERE { ?r xk:feedbackDate ?d }
