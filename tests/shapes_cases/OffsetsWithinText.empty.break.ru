# an empty span: the end offset equals the start
# expect: Violation shapes-case - value=shapes-case/org/team
DELETE { <shapes-case/org/team> xk:endOffset ?old } INSERT { <shapes-case/org/team> xk:endOffset 56 } WHERE { <shapes-case/org/team> xk:endOffset ?old }
