"""`assistant eval`: every suite of the checkout's evals/ folder in one report, with a generic-RAG baseline."""
