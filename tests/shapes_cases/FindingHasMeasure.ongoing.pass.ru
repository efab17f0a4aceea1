# problem area （二）, itself a finding, loses its only measure but is still being rectified (B9)
# expect: nothing
DELETE WHERE { <shapes-case/area/2> xk:hasMeasure ?m . ?m ?p ?o . } ;
INSERT DATA { <shapes-case/area/2> xk:rectificationStatus xk:StatusOngoing . }
