# a feedback year written with a leading zero is the same year
# expect: nothing
DELETE { <shapes-case> xk:feedbackYear ?old } INSERT { <shapes-case> xk:feedbackYear "02024"^^xsd:integer } WHERE { <shapes-case> xk:feedbackYear ?old }
