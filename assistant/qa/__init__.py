"""Chat Q&A over past declarations (issue 7).

Two routes per question: `parse` turns a question into a typed `Query` that `execute` answers in code
over the typed corpus (lists, counts, exact sums); open questions go to `retrieve`, which answers from
retrieved passages only. `conversation` resolves follow-ups; `service.answer` is the one entry point.
"""
