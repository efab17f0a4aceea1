# a notice's title may be tagged; its clean text stays plain
# expect: nothing
DELETE { <shapes-case> rdfs:label ?l } INSERT { <shapes-case> rdfs:label "关于县委巡察整改进展情况的通报"@zh-Hans } WHERE { <shapes-case> rdfs:label ?l }
