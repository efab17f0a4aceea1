# a notice's title may be tagged (zh-Hans); its clean text stays plain
# expect: nothing
DELETE { <shapes-case> dcterms:title ?l } INSERT { <shapes-case> dcterms:title "关于县委巡察整改进展情况的通报"@zh-Hans } WHERE { <shapes-case> dcterms:title ?l }
