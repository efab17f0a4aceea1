# the clean text deleted: no quote could be checked any more
# expect: Violation shapes-case cleanText
DELETE WHERE { <shapes-case> xk:cleanText ?t }
