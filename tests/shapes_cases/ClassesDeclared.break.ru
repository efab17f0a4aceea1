# the contact point typed xk:ContactPiont
# expect: Violation shapes-case/contact http://www.w3.org/1999/02/22-rdf-syntax-ns#type value=xk:ContactPiont
DELETE { <shapes-case/contact> a xk:ContactPoint } INSERT { <shapes-case/contact> a xk:ContactPiont } WHERE { <shapes-case/contact> a xk:ContactPoint }
