# a role outside the code list
# expect: Violation shapes-case/regulation/8bd8a09800f4 role
DELETE { <shapes-case/regulation/8bd8a09800f4> xk:role ?old } INSERT { <shapes-case/regulation/8bd8a09800f4> xk:role xk:RoleInvented } WHERE { <shapes-case/regulation/8bd8a09800f4> xk:role ?old }
