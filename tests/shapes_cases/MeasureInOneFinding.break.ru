# measure/2 is attached to a second finding
# expect: Violation shapes-case/area/1/finding/1/measure/2 ^hasMeasure
INSERT DATA { <shapes-case/area/2> xk:hasMeasure <shapes-case/area/1/finding/1/measure/2> }
