# A second administrative level
# caught-by: NoticeCodesFromCodeLists
INSERT { ?n xk:level ?other }
WHERE {
  { SELECT ?n ?other WHERE { ?n a xk:Notice . VALUES ?other { xk:LevelCity xk:LevelCounty } FILTER NOT EXISTS { ?n xk:level ?other } } ORDER BY STR(?other) LIMIT 1 }
}
