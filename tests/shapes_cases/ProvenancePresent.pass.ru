# a theme assignment is not extracted text: it needs no provenance
# expect: nothing
INSERT DATA { <shapes-case/area/2/theme/ThemeEightRules> a xk:ThemeAssignment ; xk:theme xk:ThemeEightRules ; xk:matchedWords "公务接待" . }
