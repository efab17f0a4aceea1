# finding/1 keeps one of its two measures
# expect: nothing
DELETE WHERE { <shapes-case/area/1/finding/1> xk:hasMeasure <shapes-case/area/1/finding/1/measure/2> . <shapes-case/area/1/finding/1/measure/2> ?p ?o . }
