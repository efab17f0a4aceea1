# a regulation without its title
# expect: Violation shapes-case/regulation/8bd8a09800f4 title
DELETE WHERE { <shapes-case/regulation/8bd8a09800f4> xk:title ?t }
