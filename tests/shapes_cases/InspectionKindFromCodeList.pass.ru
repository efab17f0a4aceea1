# the other kind of the code list
# expect: nothing
DELETE { <shapes-case/round> xk:inspectionKind ?old } INSERT { <shapes-case/round> xk:inspectionKind xk:KindXunshi } WHERE { <shapes-case/round> xk:inspectionKind ?old }
