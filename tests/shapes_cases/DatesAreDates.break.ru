# a measure date left as text
# expect: Violation shapes-case/area/1/finding/1/measure/1 mentionsDate
INSERT DATA { <shapes-case/area/1/finding/1/measure/1> xk:mentionsDate "2024年9月底" }
