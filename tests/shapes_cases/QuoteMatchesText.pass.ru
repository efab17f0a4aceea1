# a one-character span on 😀, outside the BMP
# expect: nothing
DELETE { <shapes-case/area/1/finding/1> xk:startOffset ?s ; xk:endOffset ?e ; xk:quote ?q }
INSERT { <shapes-case/area/1/finding/1> xk:startOffset 193 ; xk:endOffset 194 ; xk:quote "😀" }
WHERE { <shapes-case/area/1/finding/1> xk:startOffset ?s ; xk:endOffset ?e ; xk:quote ?q }
