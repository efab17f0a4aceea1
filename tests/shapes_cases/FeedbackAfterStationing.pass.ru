# feedback the day after the stationing ends
# expect: nothing
DELETE { <shapes-case/round> xk:feedbackDate ?old } INSERT { <shapes-case/round> xk:feedbackDate "2024-05-01"^^xsd:date } WHERE { <shapes-case/round> xk:feedbackDate ?old }
