# the clean text deleted: no node's text could be recovered from its offsets any more
# expect: Violation shapes-case cleanText
DELETE WHERE { <shapes-case> xk:cleanText ?t }
