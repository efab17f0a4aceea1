# no role
# expect: Violation shapes-case/regulation/8bd8a09800f4 role / http://www.w3.org/2004/02/skos/core#inScheme
DELETE WHERE { <shapes-case/regulation/8bd8a09800f4> xk:role ?r }
