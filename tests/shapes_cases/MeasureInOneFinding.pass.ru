# measure/2 moves to the other finding: still exactly one
# expect: nothing
DELETE DATA { <shapes-case/area/1/finding/1> xk:hasMeasure <shapes-case/area/1/finding/1/measure/2> } ;
INSERT DATA { <shapes-case/area/2> xk:hasMeasure <shapes-case/area/1/finding/1/measure/2> }
