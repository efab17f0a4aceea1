# a measure with no output, regulation or date
# expect: Warning shapes-case/area/1/finding/1/measure/2 -
DELETE WHERE { <shapes-case/area/1/finding/1/measure/2> xk:hasOutput ?o } ;
DELETE WHERE { <shapes-case/area/1/finding/1/measure/2> xk:mentionsDate ?d }
