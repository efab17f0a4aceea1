# no contact
# expect: Warning shapes-case contact
DELETE WHERE { <shapes-case> xk:contact ?c }
