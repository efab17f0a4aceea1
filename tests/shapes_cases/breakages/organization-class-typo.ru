# The issuing organization typed xk:Organisation
# caught-by: ClassesDeclared NoticeFrame
DELETE { ?o a xk:Organization } INSERT { ?o a xk:Organisation } WHERE { ?n xk:issuedBy ?o . ?o a xk:Organization }
