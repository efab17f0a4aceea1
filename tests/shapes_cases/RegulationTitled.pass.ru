# a title with nested quotes
# expect: nothing
DELETE { <shapes-case/regulation/8bd8a09800f4> xk:title ?old } INSERT { <shapes-case/regulation/8bd8a09800f4> xk:title "某县虚构局“三重一大”决策办法" } WHERE { <shapes-case/regulation/8bd8a09800f4> xk:title ?old }
