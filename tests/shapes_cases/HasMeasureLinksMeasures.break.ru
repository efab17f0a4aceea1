# a finding's xk:hasMeasure points at a regulation, not a measure
# expect: Violation shapes-case/area/1/finding/1 hasMeasure value=shapes-case/regulation/8bd8a09800f4
INSERT DATA { <shapes-case/area/1/finding/1> xk:hasMeasure <shapes-case/regulation/8bd8a09800f4> }
