# a genre outside the code list
# expect: Violation shapes-case genre value=xk:GenreInvented
DELETE { <shapes-case> xk:genre ?old } INSERT { <shapes-case> xk:genre xk:GenreInvented } WHERE { <shapes-case> xk:genre ?old }
