# an end offset one past the text's 332 characters (within its 334 UTF-16 units: 𠮷 and 😀
# are one character each, so counting UTF-16 units would miss it)
# expect: Violation shapes-case - value=shapes-case/next-step/1
DELETE { <shapes-case/next-step/1> xk:endOffset ?old } INSERT { <shapes-case/next-step/1> xk:endOffset 333 } WHERE { <shapes-case/next-step/1> xk:endOffset ?old }
