"""How a query is served before and around the hybrid search: a swappable router.

A router looks at the query alone and returns a plan: documents to pin to the top (each named by
metadata, so the pin is found in the index whatever its content id). The exact-document route pins a
policy when the query writes its number (in any bracket form) or its title or an alias: someone who
types 组厅字[2017]7号 wants that document, not the sections that happen to cite it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant.domain.policy import PolicyReference, find_policy, normalise_reference, policies_cited_in
from assistant.index.documents import Metadata
from assistant.index.tokenize import SearchTokenizer
from assistant.retrieval.models import DocKind


@dataclass(frozen=True)
class Pin:
    """One document the query names exactly: ``kind`` and metadata equalities that find it."""

    kind: DocKind
    where: Metadata
    reason: str


@dataclass(frozen=True)
class RoutePlan:
    pins: list[Pin] = field(default_factory=list)


class QueryRouter(Protocol):
    def plan(self, query: str) -> RoutePlan:
        """What to pin (and later: which mode, which filters) for ``query``."""
        ...


class PlainRoute:
    """No routing: the hybrid ranking as it is."""

    def plan(self, query: str) -> RoutePlan:
        return RoutePlan()


class ExactPolicyRoute:
    """Pin the policies a query names by number, title or alias, in the order the query names them."""

    def __init__(self, policies: Sequence[PolicyReference], tokenizer: SearchTokenizer) -> None:
        self.policies = list(policies)
        self.tokenizer = tokenizer

    def plan(self, query: str) -> RoutePlan:
        return RoutePlan(pins=[_policy_pin(policy) for policy in self.named_policies(query)])

    def named_policies(self, query: str) -> list[PolicyReference]:
        whole = find_policy(self.policies, query)
        if whole is not None:
            return [whole]
        found = {policy.id: policy for policy in self._by_number(query)}
        found.update((policy.id, policy) for policy in policies_cited_in(self.policies, query))
        haystack = normalise_reference(query)
        return sorted(found.values(), key=lambda policy: _first_position(policy, haystack))

    def _by_number(self, query: str) -> list[PolicyReference]:
        """Numbers the tokenizer recognised (any bracket form, spaces inside) resolved one by one."""
        numbers = [token for token in self.tokenizer.tokens(query) if _is_number(token)]
        resolved = (find_policy(self.policies, number) for number in numbers)
        return [policy for policy in resolved if policy is not None]


def _is_number(token: str) -> bool:
    """A document number (组厅字〔2017〕7号) or standard number (GB/T 22239-2019) as the tokenizer writes it."""
    return "〔" in token or ("-" in token and " " in token)


def _first_position(policy: PolicyReference, haystack: str) -> int:
    positions = [haystack.find(key) for key in policy.reference_keys() if key in haystack]
    return min(positions, default=len(haystack))


def _policy_pin(policy: PolicyReference) -> Pin:
    named = policy.doc_number or f"《{policy.title}》"
    return Pin(kind=DocKind.POLICY, where={"policy_id": policy.id}, reason=f"查询写明了 {named}")
