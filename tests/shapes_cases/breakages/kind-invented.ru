# An inspection kind outside the code list
# caught-by: InspectionKindFromCodeList
DELETE { ?r xk:inspectionKind ?k } INSERT { ?r xk:inspectionKind xk:KindInvented } WHERE { ?r xk:inspectionKind ?k }
