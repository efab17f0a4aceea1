# Publication starts on the feedback day (its shortcut kept equal)
# caught-by: PublicationAfterFeedback
DELETE { ?s time:inXSDDate ?d . ?n xk:publicationStart ?old }
INSERT { ?s time:inXSDDate ?f . ?n xk:publicationStart ?f }
WHERE { ?n xk:publicationPeriod/time:hasBeginning ?s ; xk:reportsOn/xk:feedbackDate ?f . ?s time:inXSDDate ?d OPTIONAL { ?n xk:publicationStart ?old } }
