# the round's xk:stationingEnd is an impossible date (and so repeats nothing)
# expect: Violation shapes-case/round stationingEnd value="2024-04-31"
# expect: Violation shapes-case/round stationingEnd value="2024-04-31"
# expect: Violation shapes-case/round stationingEnd value="2024-04-30"
DELETE { <shapes-case/round> xk:stationingEnd ?old } INSERT { <shapes-case/round> xk:stationingEnd "2024-04-31"^^xsd:date } WHERE { <shapes-case/round> xk:stationingEnd ?old }
