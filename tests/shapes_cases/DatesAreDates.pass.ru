# a second measure date, as xsd:date
# expect: nothing
INSERT DATA { <shapes-case/area/1/finding/1/measure/1> xk:mentionsDate "2024-09-30"^^xsd:date }
