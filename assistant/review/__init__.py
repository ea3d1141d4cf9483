"""Review engine: the 绩效目标审核 rules as data + code (primer §3–5)."""
