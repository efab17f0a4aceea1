# a status of the code list
# expect: nothing
INSERT DATA { <shapes-case/area/1/finding/1> xk:rectificationStatus xk:StatusBasically }
