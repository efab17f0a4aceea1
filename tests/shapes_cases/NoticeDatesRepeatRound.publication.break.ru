# the notice has no xk:publicationStart although it has a publication period
# expect: Violation shapes-case publicationStart value="2024-09-02"
DELETE WHERE { <shapes-case> xk:publicationStart ?d }
