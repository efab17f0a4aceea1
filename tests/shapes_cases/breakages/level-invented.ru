# A level outside the code list
# caught-by: NoticeCodesFromCodeLists
DELETE { ?n xk:level ?l } INSERT { ?n xk:level xk:LevelVillage } WHERE { ?n xk:level ?l }
