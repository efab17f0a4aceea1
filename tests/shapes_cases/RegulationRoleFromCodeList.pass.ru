# another role of the code list
# expect: nothing
DELETE { <shapes-case/regulation/8bd8a09800f4> xk:role ?old } INSERT { <shapes-case/regulation/8bd8a09800f4> xk:role xk:RoleStudied } WHERE { <shapes-case/regulation/8bd8a09800f4> xk:role ?old }
