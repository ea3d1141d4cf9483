"""Policy references (立项依据): one YAML file per document under ``corpus/policies/``.

A record holds only what can be stated as fact: title, number, issuer, year, status, and a short
description; ``source_note`` says where each fact came from and what is unverified. ``kind`` is a
coarse grouping by title and issuer, not an official 效力级别. Optional fields added with the grown
library: ``scope`` (one line of subject matter, used to judge whether a policy is relevant to a project),
``dates`` (promulgation / revision dates as the source states them) and ``sources`` (the public
addresses where the facts were checked).

``find_policy`` resolves a reference written by a user or a model by exact match after
normalisation (bracket variants, spaces, 《》〈〉, full-width forms). It never guesses a similar title:
an unknown number must stay unknown rather than be mapped onto a different document.
"""

from __future__ import annotations

import datetime
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
    ADMINISTRATIVE_REGULATION = "行政法规"
    DEPARTMENT_RULE = "部门规章"
    PARTY_REGULATION = "党内法规"
    NORMATIVE_DOCUMENT = "规范性文件"
    LOCAL_REGULATION = "地方性法规"
    LOCAL_GOVERNMENT_RULE = "地方政府规章"
    NATIONAL_STANDARD = "国家标准"
    INDUSTRY_STANDARD = "行业标准"
    LOCAL_STANDARD = "地方标准"
    WORK_DOCUMENT = "工作文件"


_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_CITED_IN_PATTERN = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt:L\d+$")
_ORDER_NUMBER = re.compile(r"令\s*(?:第\s*)?\d+\s*号")  # an order's number: 国务院令第721号
_NON_CANONICAL_YEAR = re.compile(r"[\[［(（【]\s*(\d{4})\s*[\]］)）】]")
_CANONICAL_YEAR = re.compile(r"〔(\d{4})〕")
_HAN = r"\u3400-\u9fff"
# The accepted forms of a 文号: 机关代字〔年份〕序号号 (沪委组〔2016〕发22号 keeps its 发), an order number
# (国务院令第729号, 中华人民共和国主席令第四十七号) or a standard number (GB/T 22239-2019, DA/T 31-2017).
_DOC_NUMBER_FORMS = (
    re.compile(rf"^[{_HAN}A-Za-z]+〔(?:19|20)\d{{2}}〕发?\d+号$"),
    re.compile(rf"^[{_HAN}、]+令第(?:\d+|[零〇一二三四五六七八九十百]+)号$"),
    re.compile(r"^(?:GB|GB/T|GB/Z|[A-Z]{2,3}/T|DB\d{2}(?:/T)?) \d+(?:\.\d+)*-(?:19|20)\d{2}$"),
)
DOC_NUMBER_EXAMPLES = "财预〔2020〕10号、国务院令第729号、DA/T 31-2017"
_DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
_URL_PATTERN = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_HALF_WIDTH_IN_TITLE = re.compile(r"[()<>\[\]]")


class PolicyDate(BaseModel):
    """One dated event in a document's history, as the source states it (通过, 修正, 修订, 印发, 发布, 实施)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: str = Field(pattern=_DATE_PATTERN, description="YYYY-MM-DD, or YYYY-MM / YYYY where the source is vaguer.")
    event: str = Field(min_length=1, max_length=20, description="What happened on that date, e.g. 修订.")

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        parts = [int(part) for part in value.split("-")]
        try:
            datetime.date(parts[0], *(parts[1:] + [1, 1])[:2])
        except ValueError as exc:
            raise ValueError(f"日期“{value}”不存在") from exc
        return value

    @property
    def year(self) -> int:
        return int(self.date[:4])


def policy_label(title: str, doc_number: str | None) -> str:
    """How a declaration names a policy, the one way it is written everywhere: ``《题名》（文号）``, or
    ``《题名》`` when the document has no number."""
    return f"《{title}》" + (f"（{doc_number}）" if doc_number else "")


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
    scope: str | None = Field(
        default=None, min_length=4, max_length=120, description="One line: the subject matter it governs."
    )
    dates: list[PolicyDate] = Field(default_factory=list, description="Dated events, oldest first.")
    sources: list[str] = Field(default_factory=list, description="Public addresses where the facts were checked.")

    @field_validator("title")
    @classmethod
    def _title_normalised(cls, title: str) -> str:
        if title.startswith("《") or title.endswith("》"):
            raise ValueError("题名不带外层书名号《》")
        if title != title.strip():
            raise ValueError("题名首尾不应有空格")
        if "《" in title or "》" in title:
            raise ValueError("题名内部的书名应写作〈〉，如 贯彻〈…〉的任务责任清单")
        if _HALF_WIDTH_IN_TITLE.search(title):
            raise ValueError("题名中的括号应为全角（）或〈〉，不用半角 () <> []")
        return title

    @field_validator("doc_number")
    @classmethod
    def _canonical_number(cls, number: str | None) -> str | None:
        if number is None:
            return None
        if _NON_CANONICAL_YEAR.search(number):
            raise ValueError("文号中的年份应写在六角括号〔〕内，其他写法放入 aliases")
        if not any(form.match(number) for form in _DOC_NUMBER_FORMS):
            raise ValueError(
                f"文号“{number}”格式不符：应为 机关代字〔年份〕序号号、…令第N号或标准编号（如 {DOC_NUMBER_EXAMPLES}）；"
                "无法核实的文号请留空（null）"
            )
        return number

    @field_validator("scope")
    @classmethod
    def _one_line(cls, scope: str | None) -> str | None:
        if scope is not None and ("\n" in scope or scope != scope.strip()):
            raise ValueError("适用范围应为一行，首尾无空格")
        return scope

    @field_validator("sources")
    @classmethod
    def _addresses(cls, sources: list[str]) -> list[str]:
        bad = [source for source in sources if not _URL_PATTERN.match(source)]
        if bad:
            raise ValueError(f"来源应为 http(s):// 开头的网址：{bad}")
        return sources

    @field_validator("dates")
    @classmethod
    def _chronological(cls, dates: list[PolicyDate]) -> list[PolicyDate]:
        if [d.date for d in dates] != sorted(d.date for d in dates):
            raise ValueError("dates 应按时间先后排列")
        return dates

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
        if self.dates and self.year is not None and all(d.year != self.year for d in self.dates):
            raise ValueError(f"year={self.year} 不是 dates 中任何一个日期的年份")
        return self

    @property
    def cited_year(self) -> int | None:
        """The year shown beside ``《题名》（文号）``, consistent with the number: the year in a 文号 (〔2017〕); for an
        order's number (国务院令第721号), which each promulgation gets anew, the year of the last 公布/发布 the record
        dates (2019, not the 2009 first adoption), or None where a revision follows it with no 公布 dated (the order's
        number may be the revision's: unsure); else the record's year."""
        match = _CANONICAL_YEAR.search(self.doc_number or "")
        if match:
            return int(match.group(1))
        if not (self.doc_number and _ORDER_NUMBER.search(self.doc_number)):
            return self.year
        published = [d.date for d in self.dates if "公布" in d.event or "发布" in d.event]
        last = max(published, default=None)
        if last is None:
            later = any(self.year is not None and d.year > self.year for d in self.dates)
            return None if later else self.year
        revised_after = any(d.date > last and "修" in d.event for d in self.dates)
        return None if revised_after else int(last[:4])

    def citation(self) -> str:
        """The title as a declaration writes it: ``《纸质档案数字化规范》（DA/T 31-2017）``."""
        return policy_label(self.title, self.doc_number)

    def subject(self) -> str:
        """What the document is about: the one-line scope, else the description."""
        return self.scope or self.description

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
    found = _by_key(policies, key)
    if found is None and (split := _title_and_number(key)) is not None:
        # 《纸质档案数字化规范》（DA/T 31-2017）: the title and the number must name the same entry.
        by_title, by_number = (_by_key(policies, part) for part in split)
        found = by_title if by_title is not None and by_title is by_number else None
    return found


def _by_key(policies: Sequence[PolicyReference], key: str) -> PolicyReference | None:
    matches = [policy for policy in policies if key in policy.reference_keys()]
    return matches[0] if len(matches) == 1 else None


def _title_and_number(key: str) -> tuple[str, str] | None:
    """``标题〔财预〔2020〕10号〕`` → (``标题``, ``财预〔2020〕10号``); None without a trailing bracketed group."""
    if not key.endswith("〕"):
        return None
    depth = 0
    for index in range(len(key) - 1, -1, -1):
        depth += {"〕": 1, "〔": -1}.get(key[index], 0)
        if depth == 0:
            head, inner = key[:index], key[index + 1 : -1]
            return (head, inner) if head and inner else None
    return None


# libyaml's safe loader where PyYAML was built with it (about 10 times faster over the 175 files), else PyYAML's own.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_policies(directory: Path) -> list[PolicyReference]:
    """Every ``*.yaml`` in ``directory``, validated, sorted by id."""
    if not directory.is_dir():
        raise CorpusError(f"政策库目录不存在：{directory}", hint="检查 corpus 目录设置，或先建立 corpus/policies/")
    policies = [_load_one(path) for path in sorted(directory.glob("*.yaml"))]
    _check_unique_keys(policies)
    return sorted(policies, key=lambda policy: policy.id)


def _load_one(path: Path) -> PolicyReference:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
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
    """Policies whose number, title or alias appears in ``text`` (after the same normalisation as lookups).

    A mention that lies inside a longer mention of another policy does not count: 《中华人民共和国预算法实施条例》
    cites the regulation, not also the 预算法 whose title it contains.
    """
    haystack = normalise_reference(text)
    spans = [
        (start, start + len(key), policy.id)
        for policy in policies
        for key in policy.reference_keys()
        if len(key) >= MIN_KEY_LENGTH
        for start in _occurrences(haystack, key)
        if not _runs_into_a_word(haystack, key, start + len(key))
    ]
    cited = {
        owner
        for start, end, owner in spans
        if not any(
            other != owner and outer_start <= start and end <= outer_end and outer_end - outer_start > end - start
            for outer_start, outer_end, other in spans
        )
    }
    return [policy for policy in policies if policy.id in cited]


# A short law name (档案法, 代表法, 教育法) followed by one of these is part of another word: 档案法规, 代表法律,
# 教育法治. 法规定 stays a citation (依照档案法规定).
_WORD_AFTER_FA = re.compile(r"[律治人院官学制务庭宝]|规(?!定)")
SHORT_NAME_LENGTH = 4


def _runs_into_a_word(haystack: str, key: str, end: int) -> bool:
    """Whether a short key ending in 法 continues, at ``end``, into a longer word (法律, 法规, 法治…)."""
    return len(key) <= SHORT_NAME_LENGTH and key.endswith("法") and bool(_WORD_AFTER_FA.match(haystack, end))


def _occurrences(haystack: str, key: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``key`` in ``haystack``."""
    starts: list[int] = []
    index = haystack.find(key)
    while index != -1:
        starts.append(index)
        index = haystack.find(key, index + 1)
    return starts
