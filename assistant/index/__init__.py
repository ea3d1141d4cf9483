"""Generic retrieval layer: IndexDocument in, SearchHit out (vectors in chromadb + BM25, fused by rank).

Nothing is imported here so that importing the package stays cheap; use `assistant.index.hybrid.HybridIndex`.
"""
