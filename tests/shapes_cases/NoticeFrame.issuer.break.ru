# no issuing organization
# expect: Violation shapes-case issuedBy
DELETE WHERE { <shapes-case> xk:issuedBy ?o }
