# the round names no inspected organization
# expect: Violation shapes-case reportsOn / inspects
DELETE WHERE { <shapes-case/round> xk:inspects ?o }
