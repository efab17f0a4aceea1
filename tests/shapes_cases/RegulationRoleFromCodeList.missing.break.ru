# no role
# expect: Violation shapes-case/regulation/8bd8a09800f4 role
DELETE WHERE { <shapes-case/regulation/8bd8a09800f4> xk:role ?r }
