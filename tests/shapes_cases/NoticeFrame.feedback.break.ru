# the feedback date is a string, not an xsd:date
# expect: Violation shapes-case reportsOn / feedbackDate
DELETE { <shapes-case/round> xk:feedbackDate ?old } INSERT { <shapes-case/round> xk:feedbackDate "2024年6月12日" } WHERE { <shapes-case/round> xk:feedbackDate ?old }
