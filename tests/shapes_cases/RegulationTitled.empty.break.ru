# an empty title
# expect: Violation shapes-case/regulation/8bd8a09800f4 title
DELETE { <shapes-case/regulation/8bd8a09800f4> xk:title ?old } INSERT { <shapes-case/regulation/8bd8a09800f4> xk:title "" } WHERE { <shapes-case/regulation/8bd8a09800f4> xk:title ?old }
