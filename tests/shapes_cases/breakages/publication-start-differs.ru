# The notice's xk:publicationStart differs from its publication period's start
# caught-by: NoticeDatesRepeatRound
DELETE { ?n xk:publicationStart ?d } INSERT { ?n xk:publicationStart "2001-01-01"^^xsd:date } WHERE { ?n xk:publicationStart ?d }
