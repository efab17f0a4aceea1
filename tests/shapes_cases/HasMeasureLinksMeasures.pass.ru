# a measure typed twice (a measure and an extracted node) still counts
# expect: nothing
INSERT DATA { <shapes-case/area/2/measure/1> a xk:ExtractedNode }
