"""Retrieval over the corpus: declarations, indicators and policies as index documents, and search.

`documents` turns the typed corpus into `IndexDocument`s; `routes` decides how a query is served
(the exact-document route pins a policy named by number or title); `retriever` answers searches over
an open index with `SearchResult`s (`assistant.services.index` opens and builds it). The generic machinery lives in `assistant.index`.
"""
