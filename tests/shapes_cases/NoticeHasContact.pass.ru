# an e-mail instead of a phone
# expect: nothing
DELETE { <shapes-case/contact> xk:telephone ?old } INSERT { <shapes-case/contact> xk:email "xuncha@example.cn" } WHERE { <shapes-case/contact> xk:telephone ?old }
