# an output (a subclass of xk:ExtractedNode) without its quote
# expect: Violation shapes-case/area/2/measure/1/output/1 quote
DELETE WHERE { <shapes-case/area/2/measure/1/output/1> xk:quote ?q }
