# a level outside the code list
# expect: Violation shapes-case level
DELETE { <shapes-case> xk:level ?old } INSERT { <shapes-case> xk:level xk:LevelVillage } WHERE { <shapes-case> xk:level ?old }
