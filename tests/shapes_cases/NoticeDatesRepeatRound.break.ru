# the notice's xk:feedbackYear is not the year of its feedback date
# expect: Violation shapes-case feedbackYear value="2023"
DELETE { <shapes-case> xk:feedbackYear ?old } INSERT { <shapes-case> xk:feedbackYear 2023 } WHERE { <shapes-case> xk:feedbackYear ?old }
