"""Which policies a draft may rely on, and how a policy the user names is written.

A library policy is a candidate for 立项依据 (and for the material every section's prompt shows) only
when its subject is the project's (`assistant.review.subject.fits`): the user's own policies come
first and always stay; the rest of the library is scanned, so a brief drafted without the index (rules,
``--llm none``) gets the same candidates as one drafted with it. A policy is read by its title and, where
the library gives one, its one-line ``scope``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from assistant.domain.brief import Brief
from assistant.domain.policy import PolicyReference
from assistant.review.subject import Project, fits, text_bigrams, title_subject, with_long_forms


def brief_project(brief: Brief) -> Project:
    """The brief's own words (name, content, plan, parts), without the policies it names."""
    parts = [brief.name, brief.content]
    parts += [f"{step.period}：{step.work}" for step in brief.plan]
    parts += [f"{line.part}：{line.detail or ''}" for line in brief.composition]
    return Project(name=brief.name, text=with_long_forms("\n".join(p for p in parts if p)))


def policy_scope(policy: object) -> str | None:
    """The policy's one-line scope where the library gives one (an optional field of newer entries)."""
    scope = getattr(policy, "scope", None)
    return scope if isinstance(scope, str) and scope.strip() else None


def policy_fits(project: Project, policy: PolicyReference) -> bool:
    return fits(project, policy.title, policy_scope(policy))


def _strength(project: Project, policy: PolicyReference) -> int:
    """How much of the policy's subject the project says: more specific matches first."""
    return len(text_bigrams(" ".join(title_subject(policy.title))) & project.has_bigrams())


def fitting_policies(project: Project, policies: Sequence[PolicyReference]) -> list[PolicyReference]:
    """The library's policies whose subject is the project's, the most specific match first."""
    found = [p for p in policies if policy_fits(project, p)]
    return sorted(found, key=lambda p: (-_strength(project, p), p.id))


# -- a policy as the user wrote it: 《题名》（文号） ----------------------------------------------------------

_IN_MARKS = re.compile(r"《([^《》]+)》")
# A standard's number (GB/T 22239-2019, DA/T 31—2017) or a document number (沪府办发〔2023〕16号) at the end.
_NUMBER_AT_END = re.compile(
    r"[（(\[【\s]*("
    r"[A-Z]{1,4}(?:/[A-Z])?\s*\d+(?:\.\d+)*\s*[-‐‑–—―]\s*\d{4}"
    r"|[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*(?:第)?\d+\s*号"
    r")\s*[）)\]】]?\s*$"
)
_DASH = re.compile(r"\s*[-‐‑–—―]\s*")
_YEAR_BRACKETS = re.compile(r"[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*")


# A 文号 written before the title: 机关代字〔年份〕序号号
_NUMBER_FIRST = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,12}\s*[〔\[［（]\s*\d{4}\s*[〕\]］）]\s*第?\s*\d{1,5}\s*号")


def split_reference(written: str) -> tuple[str, str | None]:
    """``written`` as (title without 《》, document number or None): ``纸质档案数字化规范（DA/T 31—2017``
    → (``纸质档案数字化规范``, ``DA/T 31-2017``); ``《档案法》`` → (``档案法``, None). Nothing is invented:
    a number is only what the user wrote after the title."""
    text = unicodedata.normalize("NFKC", written).strip()
    text = text.replace("(", "（").replace(")", "）") if "《" in text else text
    marked = _IN_MARKS.search(text)
    if marked:
        title, rest = marked.group(1), text[marked.end() :]
        number = _number(rest.strip(" （）()[]【】，,。"))
        before = text[: marked.start()].strip(" （）()[]【】，,。：:")
        if number is None and _NUMBER_FIRST.fullmatch(before):  # 沪财绩〔2024〕5号《…办法》: the number first
            number = _number(before)
        return title.strip(), number
    found = _NUMBER_AT_END.search(text)
    if found and found.start() > 0:
        return _clean_title(text[: found.start()]), _number(found.group(1))
    return _clean_title(text), None


def _clean_title(text: str) -> str:
    return text.strip().strip("《》〈〉“”\"' （(【[").rstrip("）)】]").strip()


def _number(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if re.search(r"\d{4}\s*[〕\]］)）】]", text):  # a document number: the year in 〔〕
        return _YEAR_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", re.sub(r"\s+", "", text))
    return _DASH.sub("-", re.sub(r"\s+", " ", text))
