# The notice's xk:feedbackYear is not the year of its feedback date
# caught-by: NoticeDatesRepeatRound
DELETE { ?n xk:feedbackYear ?y } INSERT { ?n xk:feedbackYear 1999 } WHERE { ?n xk:feedbackYear ?y }
