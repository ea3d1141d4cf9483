"""Retrieval over the corpus: declarations, indicators and policies as index documents, and search.

`documents` turns the typed corpus into `IndexDocument`s; `routes` decides how a query is served
(the exact-document route pins a policy named by number or title); `service` builds the index and
answers searches with `SearchResult`s. The generic machinery lives in `assistant.index`.
"""
