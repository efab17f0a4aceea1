# the deciding committee is optional
# expect: nothing
DELETE WHERE { <shapes-case/round> xk:decidedBy ?d }
