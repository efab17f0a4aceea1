# problem area （二）, itself a finding, loses its only measure
# expect: Violation shapes-case/area/2 -
DELETE WHERE { <shapes-case/area/2> xk:hasMeasure ?m . ?m ?p ?o . }
