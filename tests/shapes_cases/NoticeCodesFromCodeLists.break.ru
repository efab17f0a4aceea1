# a genre outside the code list
# expect: Violation shapes-case genre / http://www.w3.org/2004/02/skos/core#inScheme
DELETE { <shapes-case> xk:genre ?old } INSERT { <shapes-case> xk:genre xk:GenreInvented } WHERE { <shapes-case> xk:genre ?old }
