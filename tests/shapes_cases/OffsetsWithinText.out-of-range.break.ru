# an end offset past the end of the text
# expect: Violation shapes-case - value=shapes-case/contact
DELETE { <shapes-case/contact> xk:endOffset ?old } INSERT { <shapes-case/contact> xk:endOffset 9999 } WHERE { <shapes-case/contact> xk:endOffset ?old }
