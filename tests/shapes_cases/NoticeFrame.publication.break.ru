# no publication period
# expect: Violation shapes-case publicationPeriod
DELETE WHERE { <shapes-case> xk:publicationPeriod ?p }
