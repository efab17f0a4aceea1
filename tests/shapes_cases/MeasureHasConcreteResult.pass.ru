# a measure with only a date is concrete
# expect: nothing
DELETE WHERE { <shapes-case/area/1/finding/1/measure/2> xk:hasOutput ?o }
