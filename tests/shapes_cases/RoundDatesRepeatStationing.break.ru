# the round's xk:stationingStart is not the start of its stationing interval
# expect: Violation shapes-case/round stationingStart value="2024-03-05"
# expect: Violation shapes-case/round stationingStart value="2024-03-04"
DELETE { <shapes-case/round> xk:stationingStart ?old } INSERT { <shapes-case/round> xk:stationingStart "2024-03-05"^^xsd:date } WHERE { <shapes-case/round> xk:stationingStart ?old }
