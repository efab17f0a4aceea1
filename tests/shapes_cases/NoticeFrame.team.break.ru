# the round names no inspection team
# expect: Violation shapes-case reportsOn / conductedBy
DELETE WHERE { <shapes-case/round> xk:conductedBy ?o }
