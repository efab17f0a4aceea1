# a finding's offsets reversed: its start after its end
# expect: Violation shapes-case - value=shapes-case/area/1/finding/1
DELETE { <shapes-case/area/1/finding/1> xk:startOffset ?s ; xk:endOffset ?e }
INSERT { <shapes-case/area/1/finding/1> xk:startOffset 205 ; xk:endOffset 189 }
WHERE { <shapes-case/area/1/finding/1> xk:startOffset ?s ; xk:endOffset ?e }
