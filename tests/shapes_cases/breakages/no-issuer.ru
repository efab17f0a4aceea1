# No issuing organization
# caught-by: NoticeFrame
DELETE WHERE { ?n xk:issuedBy ?o }
