# another level of the code list
# expect: nothing
DELETE { <shapes-case> xk:level ?old } INSERT { <shapes-case> xk:level xk:LevelCity } WHERE { <shapes-case> xk:level ?old }
