# feedback on the last day of the stationing
# expect: Violation shapes-case/round -
DELETE { <shapes-case/round> xk:feedbackDate ?old } INSERT { <shapes-case/round> xk:feedbackDate "2024-04-30"^^xsd:date } WHERE { <shapes-case/round> xk:feedbackDate ?old }
