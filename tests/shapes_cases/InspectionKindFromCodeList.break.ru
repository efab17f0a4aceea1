# a kind outside the code list
# expect: Violation shapes-case/round inspectionKind
DELETE { <shapes-case/round> xk:inspectionKind ?old } INSERT { <shapes-case/round> xk:inspectionKind xk:KindInvented } WHERE { <shapes-case/round> xk:inspectionKind ?old }
