"""Drafting chain: from a brief to a complete, cited, reviewed declaration."""
