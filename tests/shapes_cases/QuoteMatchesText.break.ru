# offsets counted in UTF-16 units (𠮷 counted twice): shifted by one
# expect: Violation shapes-case - value=shapes-case/area/1/finding/1
DELETE { <shapes-case/area/1/finding/1> xk:startOffset ?s ; xk:endOffset ?e }
INSERT { <shapes-case/area/1/finding/1> xk:startOffset 190 ; xk:endOffset 206 }
WHERE { <shapes-case/area/1/finding/1> xk:startOffset ?s ; xk:endOffset ?e }
