"""Policy references (立项依据): one YAML file per document under ``corpus/policies/``.

A record holds only what can be stated as fact: title, number, issuer, year, status, and a short
description; ``source_note`` says where each fact came from and what is unverified. ``kind`` is a
coarse grouping by title and issuer, not an official 效力级别.

``find_policy`` resolves a reference written by a user or a model by exact match after
normalisation (bracket variants, spaces, 《》〈〉, full-width forms). It never guesses a similar title:
an unknown number must stay unknown rather than be mapped onto a different document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.domain.syntax import describe_yaml_error
from assistant.errors import CorpusError, describe_validation_error


class PolicyStatus(StrEnum):
    """What can be stated about a document's validity today."""

    IN_FORCE = "现行有效"  # a public source shows it in force (its current text, amendments included)
    AMENDED = "已修订"  # the text cited under this entry has been replaced by a revised one
    REPEALED = "已废止"
    UNVERIFIED = "未核实"  # no source checked; do not state validity to the user


class PolicyKind(StrEnum):
    LAW = "法律"
    PARTY_REGULATION = "党内法规"
    NORMATIVE_DOCUMENT = "规范性文件"
    LOCAL_REGULATION = "地方性法规"
    NATIONAL_STANDARD = "国家标准"
    WORK_DOCUMENT = "工作文件"


_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_CITED_IN_PATTERN = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt:L\d+$")
_NON_CANONICAL_YEAR = re.compile(r"[\[［(（【]\s*(\d{4})\s*[\]］)）】]")
_CANONICAL_YEAR = re.compile(r"〔(\d{4})〕")


class PolicyReference(BaseModel):
    """One policy document that a declaration may cite."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID_PATTERN, description="ASCII slug, equal to the YAML file's stem.")
    title: str = Field(min_length=1, description="Full title as publicly listed, without the outer 《》.")
    doc_number: str | None = Field(description="Canonical number with 〔〕, e.g. 组厅字〔2017〕7号; None if none.")
    aliases: list[str] = Field(default_factory=list, description="Other ways seeds or users write it.")
    issuer: str | None = Field(description="Issuing body; None where no source names it.")
    year: int | None = Field(ge=1949, le=2100, description="Year issued or first adopted; None if unknown.")
    kind: PolicyKind
    status: PolicyStatus
    description: str = Field(min_length=1, max_length=300, description="1-3 factual sentences.")
    cited_in: list[str] = Field(default_factory=list, description="Seed citations: '<file>:L<line>'.")
    source_note: str = Field(min_length=1, description="How each fact was established; what is unverified.")

    @field_validator("title")
    @classmethod
    def _title_without_outer_marks(cls, title: str) -> str:
        if title.startswith("《") or title.endswith("》"):
            raise ValueError("题名不带外层书名号《》")
        return title

    @field_validator("doc_number")
    @classmethod
    def _canonical_brackets(cls, number: str | None) -> str | None:
        if number is not None and _NON_CANONICAL_YEAR.search(number):
            raise ValueError("文号中的年份应写在六角括号〔〕内，其他写法放入 aliases")
        return number

    @field_validator("cited_in")
    @classmethod
    def _cited_in_format(cls, cited: list[str]) -> list[str]:
        bad = [c for c in cited if not _CITED_IN_PATTERN.match(c)]
        if bad:
            raise ValueError(f"引用位置应写作“001_xxxxxxxxxxxxxxxx.txt:L15”：{bad}")
        return cited

    @model_validator(mode="after")
    def _year_matches_number(self) -> PolicyReference:
        match = _CANONICAL_YEAR.search(self.doc_number or "")
        if match and self.year is not None and int(match.group(1)) != self.year:
            raise ValueError(f"year={self.year} 与文号 {self.doc_number} 中的年份不一致")
        return self

    def reference_keys(self) -> frozenset[str]:
        """Normalised forms under which this document may be referred to."""
        written = [self.title, *self.aliases, *([self.doc_number] if self.doc_number else [])]
        return frozenset(key for key in map(normalise_reference, written) if key)


# Bracket variants of doc numbers all become 〔〕; book-title marks and quotes are dropped.
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "(": "〔", ")": "〕", "【": "〔", "】": "〕"})
_DASHES = re.compile(r"[‐‑‒–—―−﹣]")
_DROPPED = re.compile(r"[\s《》〈〉<>“”‘’\"'「」『』]")
_EDGE_PUNCTUATION = "。，、；：,.;:"


def normalise_reference(text: str) -> str:
    """The form used for exact matching: ``（组厅字[2017] 7号）`` → ``组厅字〔2017〕7号``."""
    folded = unicodedata.normalize("NFKC", text)  # full-width ［］（）ＧＢ０-９ → ASCII
    folded = _DROPPED.sub("", _DASHES.sub("-", folded)).translate(_BRACKETS).upper()
    return _strip_wrapping_brackets(folded.strip(_EDGE_PUNCTUATION))


def _strip_wrapping_brackets(text: str) -> str:
    while len(text) >= 2 and text[0] == "〔" and _closing_index(text) == len(text) - 1:
        text = text[1:-1]
    return text


def _closing_index(text: str) -> int:
    depth = 0
    for index, char in enumerate(text):
        depth += {"〔": 1, "〕": -1}.get(char, 0)
        if depth == 0:
            return index
    return -1


def find_policy(policies: Sequence[PolicyReference], text: str) -> PolicyReference | None:
    """The one policy whose number, title or alias equals ``text`` after normalisation, else None."""
    key = normalise_reference(text)
    if not key:
        return None
    matches = [policy for policy in policies if key in policy.reference_keys()]
    return matches[0] if len(matches) == 1 else None


def load_policies(directory: Path) -> list[PolicyReference]:
    """Every ``*.yaml`` in ``directory``, validated, sorted by id."""
    if not directory.is_dir():
        raise CorpusError(f"政策库目录不存在：{directory}", hint="检查 corpus 目录设置，或先建立 corpus/policies/")
    policies = [_load_one(path) for path in sorted(directory.glob("*.yaml"))]
    _check_unique_keys(policies)
    return sorted(policies, key=lambda policy: policy.id)


def _load_one(path: Path) -> PolicyReference:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CorpusError(
            f"政策文件 {path.name} 不是合法的 YAML，{describe_yaml_error(exc)}", hint="修正该处的格式后重试"
        ) from exc
    except UnicodeDecodeError as exc:
        raise CorpusError(f"政策文件 {path.name} 不是 UTF-8 编码", hint="请以 UTF-8 编码保存后重试") from exc
    if not isinstance(data, dict):
        raise CorpusError(f"政策文件 {path.name} 的内容应为“字段: 值”的映射", hint="参照同目录其他文件的写法")
    try:
        policy = PolicyReference.model_validate(data)
    except ValidationError as exc:
        problems = describe_validation_error(exc)
        raise CorpusError(f"政策文件 {path.name} 有误：{problems}", hint="按提示修正字段后重试") from exc
    if policy.id != path.stem:
        raise CorpusError(
            f"政策文件 {path.name} 的字段 id 为“{policy.id}”，应与文件名“{path.stem}”一致",
            hint="改名或改 id，使二者相同",
        )
    return policy


def _check_unique_keys(policies: Iterable[PolicyReference]) -> None:
    owner: dict[str, str] = {}
    for policy in policies:
        for key in policy.reference_keys():
            other = owner.setdefault(key, policy.id)
            if other != policy.id:
                raise CorpusError(
                    f"政策文件 {other}.yaml 与 {policy.id}.yaml 都可由“{key}”指称，无法唯一解析",
                    hint="删去其中一处的该题名、文号或别名",
                )


MIN_KEY_LENGTH = 3  # shorter keys (e.g. a bare 宪法) would match ordinary prose


def policies_cited_in(policies: Sequence[PolicyReference], text: str) -> list[PolicyReference]:
    """Policies whose number, title or alias appears in ``text`` (after the same normalisation as lookups)."""
    haystack = normalise_reference(text)
    return [
        policy
        for policy in policies
        if any(len(key) >= MIN_KEY_LENGTH and key in haystack for key in policy.reference_keys())
    ]
