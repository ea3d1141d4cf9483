"""The corpus as the shells use it: build it from the raw exports, read it, count it, open what an answer cites."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.corpus.stats import CorpusStats, compute_stats
from assistant.corpus.store import BuildReport, Corpus, build_corpus, import_raw
from assistant.domain.model import Declaration
from assistant.domain.policy import PolicyReference
from assistant.errors import InputError
from assistant.services.scope import CorpusScope

POLICY_PREFIX = "policy:"


@dataclass(frozen=True)
class CitedSource:
    """What a citation's ``ref`` points at: a declaration (with the cited part, e.g. ``necessity``, ``indicator-3``,
    ``funding.total``, ``header``; None for the whole form) or a policy of the library."""

    ref: str
    declaration: Declaration | None = None
    part: str | None = None
    policy: PolicyReference | None = None


class CorpusService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def build(self, sources: list[Path]) -> BuildReport:
        """Copy ``sources`` (text exports) into ``corpus/raw``, then parse every raw file into the corpus."""
        raw_dir = self.scope.corpus_dir / "raw"
        if sources:
            import_raw(sources, raw_dir)
        return build_corpus(raw_dir, self.scope.corpus_dir)

    def corpus(self) -> Corpus:
        return self.scope.current().corpus

    def stats(self) -> CorpusStats:
        return compute_stats(self.corpus().declarations)

    def cited(self, ref: str) -> CitedSource:
        """The source a citation ``ref`` names (``2023-003-06#necessity``, ``2023-003-06#indicator-4``, ``policy:<id>``);
        `InputError` (Chinese) when the corpus or the policy library has no such source."""
        ref = (ref or "").strip()
        if ref.startswith(POLICY_PREFIX):
            return CitedSource(ref=ref, policy=self._policy(ref.removeprefix(POLICY_PREFIX)))
        declaration_id, _, part = ref.partition("#")
        if not declaration_id:
            raise InputError("没有指定要打开的出处", hint="请点选回答中的一条出处")
        return CitedSource(ref=ref, declaration=self.corpus().get(declaration_id), part=part or None)

    def _policy(self, policy_id: str) -> PolicyReference:
        found = next((p for p in self.scope.current().policies if p.id == policy_id), None)
        if found is None:
            raise InputError(f"政策库中没有编号为 {policy_id} 的文件", hint="语料库可能已更新，请重新提问")
        return found
