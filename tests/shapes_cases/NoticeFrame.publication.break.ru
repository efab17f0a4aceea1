# no publication period (nor its start repeated on the notice)
# expect: Violation shapes-case publicationPeriod
DELETE WHERE { <shapes-case> xk:publicationPeriod ?p ; xk:publicationStart ?s }
