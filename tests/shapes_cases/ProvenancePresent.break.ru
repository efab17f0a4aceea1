# an output (a subclass of xk:ExtractedNode) without its end offset
# expect: Violation shapes-case/area/2/measure/1/output/1 endOffset
DELETE WHERE { <shapes-case/area/2/measure/1/output/1> xk:endOffset ?e }
