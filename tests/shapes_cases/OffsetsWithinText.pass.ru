# a span that ends at the last character of the text (its 332 characters, 𠮷 and 😀 one
# each) and a one-character span on 😀, outside the BMP
# expect: nothing
DELETE { <shapes-case/next-step/1> xk:endOffset ?e . <shapes-case/area/1/finding/1> xk:startOffset ?s ; xk:endOffset ?f }
INSERT { <shapes-case/next-step/1> xk:endOffset 332 . <shapes-case/area/1/finding/1> xk:startOffset 193 ; xk:endOffset 194 }
WHERE { <shapes-case/next-step/1> xk:endOffset ?e . <shapes-case/area/1/finding/1> xk:startOffset ?s ; xk:endOffset ?f }
