# a round without a stationing interval has no shortcut dates to repeat (NoticeFrame reports the missing interval)
# expect: NoticeFrame:Violation shapes-case reportsOn / stationingInterval
DELETE WHERE { <shapes-case/round> xk:stationingInterval ?i ; xk:stationingStart ?s ; xk:stationingEnd ?e }
