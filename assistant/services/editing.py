"""A person's edit of any field of a stored draft, by field path: the brief's header, funding, dates and lists
(实施计划, 项目构成, 政策依据), the 立项依据 entries, 制度保障, the section texts and each indicator cell.

A path is English (``header.start_date``, ``funding.total``, ``plan.2.work``, ``section.necessity``,
``indicator.4.value``) or Chinese (``开始日期``, ``资金.总额``, ``实施计划.2.内容``, ``项目构成.3.金额``, ``必要性``,
``指标.4.指标值``; a section whose name is also a list's, 项目构成, as ``正文.项目构成``); a YAML patch maps paths to values
(nested mappings are read as dotted paths). Every problem is an `InputError` in Chinese naming the field and the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from assistant.domain.brief import Brief, describe_brief_error
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.domain.policy import PolicyReference, find_policy
from assistant.domain.refs import BRIEF_REF
from assistant.domain.syntax import NoAliasLoader, describe_yaml_error
from assistant.domain.text import visible, visible_data
from assistant.drafting.models import BasisEntry, Draft, DraftIndicator, DraftSafeguard, DraftSection
from assistant.errors import InputError, printable
from assistant.store.fields import (
    COLUMN_LABELS,
    FUNDING_FIELDS,
    HEADER_FIELDS,
    INDICATOR_TABLE_LABEL,
    LIST_FIELDS,
    field_label,
    field_texts,
)

HUMAN_WRITTEN = "人工填写"  # ``generated_by`` of a section a person wrote
ROW_FIELDS: dict[str, dict[str, str]] = {
    "plan": {"period": "时间", "work": "内容"},
    "composition": {"part": "名称", "detail": "内容", "amount": "金额"},
    "safeguards": {"category": "制度类别", "document": "文件名称", "measures": "具体措施"},
}
_SECTION_NAMES = {
    **{kind.label: kind.value for kind in SectionKind if kind is not SectionKind.BASIS},
    "概况": "overview",
    "必要性": "necessity",
    "总目标": "goal_total",
    "年度目标": "goal_annual",
}
_TOP = {
    **{label: f"header.{key}" for key, label in HEADER_FIELDS.items()},
    "立项依据": "basis",
    "资金": "funding",
    "表头": "header",
    "正文": "section",
    **{label: f"section.{kind}" for label, kind in _SECTION_NAMES.items()},
    # after the sections: 项目构成 is both a section's name and the brief's list; the list (项目构成.3.金额) wins,
    # the section stays reachable as 正文.项目构成
    **{label: key for key, label in LIST_FIELDS.items()},
    "指标": "indicator",
    "绩效指标": "indicator",
}
_FUNDING_ALIASES = {label: key for key, label in FUNDING_FIELDS.items()}
INDICATOR_CELLS = COLUMN_LABELS  # the store's labels of an indicator row's cells
_INDICATOR_ALIASES = {
    **{label: key for key, label in INDICATOR_CELLS.items()},
    "一级": "level1",
    "二级": "level2",
    "名称": "name",
    "值": "value",
}
MAX_EDITS = 500
_TITLED = re.compile(r"《([^《》]+)》")


@dataclass(frozen=True)
class FieldEdit:
    """One field's new value: a text (a blank clears an optional field) or, for a list field, a list."""

    path: str
    value: Any


def field_paths_help() -> str:
    """The paths a person may edit, in Chinese, for a hint."""
    header = "、".join(f"header.{k}（{v}）" for k, v in HEADER_FIELDS.items())
    funding = "、".join(f"funding.{k}（{v}）" for k, v in FUNDING_FIELDS.items())
    return (
        f"可修改：{header}；{funding}；plan.N.period/work（实施计划第 N 行）、composition.N.part/detail/amount"
        "（项目构成第 N 行）、plan、composition、policies、basis（立项依据）、safeguards（制度保障）整表；"
        "section.overview/necessity/goal_total/goal_annual（正文）；indicator.N.name/value/level1/level2（指标表第 N 行"
        "的三级指标、指标值、一级、二级）；也可写中文名，如 开始日期、资金.总额、实施计划.2.时间、"
        "项目构成.3.金额、指标.4.指标值"
    )


def normalise_path(raw: str) -> str:
    """``资金.总额`` → ``funding.total``; ``实施计划.2.内容`` → ``plan.2.work``; unknown paths are an `InputError`."""
    parts = [p.strip() for p in str(raw).strip().split(".") if p.strip()]
    if not parts:
        raise InputError("字段名为空", hint=field_paths_help())
    head = _TOP.get(parts[0], parts[0])
    parts = head.split(".") + parts[1:]
    path = _checked(parts, raw)
    return path


def _checked(parts: list[str], raw: str) -> str:
    head, rest = parts[0], parts[1:]
    if head == "header" and len(rest) == 1:
        key = {v: k for k, v in HEADER_FIELDS.items()}.get(rest[0], rest[0])
        if key in HEADER_FIELDS:
            return f"header.{key}"
    if head == "funding" and len(rest) == 1:
        key = _FUNDING_ALIASES.get(rest[0], rest[0])
        if key in FUNDING_FIELDS:
            return f"funding.{key}"
    if head == "section" and len(rest) == 1:
        kind = _SECTION_NAMES.get(rest[0], rest[0])
        if kind in {k.value for k in SectionKind if k is not SectionKind.BASIS}:
            return f"section.{kind}"
    if head in (*LIST_FIELDS, "basis") and not rest:
        return head
    if head in ROW_FIELDS and rest and rest[0].isdigit() and int(rest[0]) >= 1:
        if len(rest) == 1:
            return f"{head}.{int(rest[0])}"
        if len(rest) == 2:
            key = {v: k for k, v in ROW_FIELDS[head].items()}.get(rest[1], rest[1])
            if key in ROW_FIELDS[head]:
                return f"{head}.{int(rest[0])}.{key}"
    if head == "indicator" and len(rest) == 2 and rest[0].isdigit() and int(rest[0]) >= 1:
        key = _INDICATOR_ALIASES.get(rest[1], rest[1])
        if key in INDICATOR_CELLS:
            return f"indicator.{int(rest[0])}.{key}"
    raise InputError(f"没有字段“{raw}”", hint=field_paths_help())


def parse_patch(text: str, *, source: str) -> list[FieldEdit]:
    """A YAML (or JSON) patch: a mapping of field paths to values; nested mappings are dotted paths."""
    try:
        data = yaml.load(text, Loader=NoAliasLoader)
    except yaml.YAMLError as exc:
        raise InputError(
            f"修改文件 {source} 不是合法的 YAML：{describe_yaml_error(exc)}",
            hint="每行写“字段: 值”，如 开始日期: 2028-01-01",
        ) from None
    if not isinstance(data, dict) or not data:
        raise InputError(f"修改文件 {source} 应是“字段: 值”的映射", hint=field_paths_help())
    edits = [FieldEdit(normalise_path(path), value) for path, value in _flatten(data, "")]
    if len(edits) > MAX_EDITS:
        raise InputError(f"修改文件 {source} 有 {len(edits)} 处修改，超过 {MAX_EDITS} 处", hint="请分几次修改")
    return edits


def _flatten(data: Mapping[Any, Any], prefix: str) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        top = _TOP.get(str(key), str(key)) if not prefix else None
        is_row = prefix.split(".")[0] in (*ROW_FIELDS, "实施计划", "项目构成", "制度保障") and str(key).isdigit()
        if isinstance(value, dict) and not is_row and top not in (*LIST_FIELDS, "basis"):
            found.extend(_flatten(value, path))
        else:
            found.append((path, value))
    return found


def read_cli_value(path: str, text: str) -> Any:
    """A value given on the command line: YAML for a list or a row (``[...]``, ``{...}``), else the text as written."""
    whole_list = path in (*LIST_FIELDS, "basis") or (path.count(".") == 1 and path.split(".")[0] in ROW_FIELDS)
    if whole_list and text.strip()[:1] in "[{":
        try:
            return yaml.load(text, Loader=NoAliasLoader)
        except yaml.YAMLError as exc:
            raise InputError(
                f"“{field_label(path)}”的值不是合法的 YAML 列表：{describe_yaml_error(exc)}",
                hint="如 '[{时间: 1月, 内容: 启动}]'",
            ) from None
    return text


def apply_edits(draft: Draft, edits: Sequence[FieldEdit], policies: Sequence[PolicyReference]) -> Draft:
    """``draft`` with every edit applied; the brief is validated as a whole (dates in order, amounts…)."""
    data = draft.brief.model_dump()
    brief_touched = False
    update: dict[str, Any] = {}
    texts: dict[SectionKind, str] = {}
    for given in edits:  # invisible characters removed first: =1\u200b2(份) is the 12 it shows, not a text
        edit = FieldEdit(normalise_path(given.path), visible_data(given.value))
        head = edit.path.split(".")[0]
        if head == "section":
            texts[SectionKind(edit.path.split(".")[1])] = _one_line(edit, multiline=True)
        elif head == "basis":
            update["basis"] = _basis(edit.value, policies)
        elif head == "safeguards":
            update["safeguards"] = _safeguards(edit)
        elif head == "indicator":
            update["indicators"] = _set_indicator(update.get("indicators", draft.indicators), edit)
        else:
            _set_brief(data, edit)
            brief_touched = True
    if brief_touched:
        update["brief"] = _brief(data)
    return with_person_text(draft.model_copy(update=update), texts)


def _set_indicator(rows: Sequence[DraftIndicator], edit: FieldEdit) -> list[DraftIndicator]:
    """``rows`` with one cell of row N rewritten as the person wrote it (the same rules as the page's row editor:
    a 二级 inside its 一级, a non-blank name, any value text); a row given another 一级/二级 moves to that block."""
    from assistant.services.derived import group_key, place_in_group
    from assistant.services.workspace import IndicatorInput, indicator_row

    _, number, key = edit.path.split(".")
    position, text = int(number), _one_line(edit)
    if position > len(rows):
        raise InputError(
            f"指标表没有第 {position} 行（共 {len(rows)} 行）", hint="行号见 assistant drafts show 的指标表"
        )
    old = rows[position - 1]
    level1 = _level(Level1, text, "一级指标") if key == "level1" else old.level1
    level2 = _level(Level2, text, "二级指标") if key == "level2" else old.level2
    name = text if key == "name" else old.name
    value = text if key == "value" else old.value.value
    new = indicator_row(IndicatorInput(level1=level1, level2=level2, name=name, qualitative=value), old)
    table = list(rows)
    if group_key(new) == group_key(old):
        table[position - 1] = new
        return table
    del table[position - 1]
    return place_in_group(table, new)


_L = TypeVar("_L", Level1, Level2)


def _level(kind: type[_L], text: str, label: str) -> _L:
    try:
        return kind(text)
    except ValueError:
        allowed = "、".join(level.value for level in kind)
        raise InputError(f"{label}“{text}”不是框架中的类别", hint=f"可选：{allowed}") from None


def _brief(data: dict[str, Any]) -> Brief:
    try:
        return Brief.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"修改后的简报有误：{describe_brief_error(exc)}", hint="请改正该字段的值后重试") from None


def _set_brief(data: dict[str, Any], edit: FieldEdit) -> None:
    parts = edit.path.split(".")
    head = parts[0]
    if head == "header":
        data[parts[1]] = _blank_none(_one_line(edit, multiline=parts[1] == "content"), parts[1])
    elif head == "funding":
        data["funding"][parts[1]] = _blank_none(_one_line(edit), parts[1])
    elif head == "policies":
        data["policies"] = [str(v).strip().strip("《》") or str(v) for v in _as_list(edit) if str(v).strip()]
    elif len(parts) == 1:
        data[head] = [_row(head, item, n) for n, item in enumerate(_as_list(edit), start=1)]
    else:
        _set_row(data[head], head, parts, edit)


def _set_row(rows: list[dict[str, Any]], head: str, parts: list[str], edit: FieldEdit) -> None:
    n = int(parts[1])
    if n > len(rows) + 1:
        raise InputError(
            f"{LIST_FIELDS[head]}只有 {len(rows)} 行，没有第 {n} 行", hint=f"新增一行请用第 {len(rows) + 1} 行"
        )
    if len(parts) == 2:
        if edit.value is None or (isinstance(edit.value, str) and not edit.value.strip()):
            if n <= len(rows):
                del rows[n - 1]
            return
        row = _row(head, edit.value, n)
        rows[n - 1 : n] = [row]
        return
    if n == len(rows) + 1:
        rows.append(dict.fromkeys(ROW_FIELDS[head], None))
    rows[n - 1][parts[2]] = _blank_none(_one_line(edit, multiline=parts[2] in ("work", "detail")), parts[2])


def _row(head: str, item: Any, n: int) -> dict[str, Any]:
    """A list row from a mapping (English or Chinese keys) or a text ``时间｜内容``."""
    keys = ROW_FIELDS[head]
    if isinstance(item, str):
        cells = [c.strip() for c in item.replace("|", "｜").split("｜")]
        if len(cells) == 1 and head in ("plan", "composition"):
            shape = "｜".join(keys.values())
            raise InputError(
                f"{LIST_FIELDS[head]}第 {n} 行“{printable(item.strip())[:40]}”只有一栏：{LIST_FIELDS[head]}应是列表，"
                f"每项写作“{shape}”",
                hint=f"YAML 中写作：{LIST_FIELDS[head]}: 后换行，每项一行，如 - {shape}",
            )
        item = dict(zip(keys, cells, strict=False))
    if not isinstance(item, dict):
        raise InputError(f"{LIST_FIELDS[head]}第 {n} 行应是“{'｜'.join(keys.values())}”", hint="每行一项")
    aliases = {v: k for k, v in keys.items()}
    row = {aliases.get(str(k), str(k)): v for k, v in item.items()}
    unknown = [k for k in row if k not in keys]
    if unknown:
        raise InputError(
            f"{LIST_FIELDS[head]}第 {n} 行没有“{'、'.join(unknown)}”一栏", hint=f"可用：{'、'.join(keys.values())}"
        )
    return {k: (None if row.get(k) in (None, "") else str(row[k])) for k in keys}


def _safeguards(edit: FieldEdit) -> list[DraftSafeguard]:
    rows = []
    for n, item in enumerate(_as_list(edit), start=1):
        row = _row("safeguards", item, n)
        if not (row["category"] and row["document"]):
            raise InputError(f"制度保障第 {n} 行缺少制度类别或文件名称", hint="每行写“制度类别｜文件名称｜具体措施”")
        rows.append(DraftSafeguard(category=row["category"], document=row["document"], measures=row["measures"] or ""))
    return rows


def _basis(value: Any, policies: Sequence[PolicyReference]) -> list[BasisEntry]:
    """Entries by policy-library id, title or document number (resolved against the library), else the person's own."""
    items = value if isinstance(value, list) else [] if value in (None, "") else str(value).splitlines()
    by_id = {p.id: p for p in policies}
    entries: list[BasisEntry] = []
    for item in items:
        text = str(item.get("title", "") if isinstance(item, dict) else item).strip()
        titled = _TITLED.search(text)
        if titled:
            text = titled.group(1).strip()
        text = text.strip("《》").strip()
        if not text:
            continue
        found = by_id.get(text) or find_policy(policies, text)
        entry = (
            BasisEntry(title=found.title, doc_number=found.doc_number, policy_id=found.id)
            if found is not None
            else BasisEntry(title=text, user_supplied=True)
        )
        if entry not in entries:
            entries.append(entry)
    return entries


def with_person_text(draft: Draft, texts: dict[SectionKind, str]) -> Draft:
    """``draft`` with the section texts a person wrote. A changed section is the person's now: written by
    `HUMAN_WRITTEN`, citing the brief and only those policies whose 《title》 the text still names (a precedent's
    or a dropped policy's citation would claim a source the text no longer uses), and the notes on the machine's
    text of that section are dropped; an unchanged text keeps all. A section the draft lacked goes where it belongs.
    Invisible format characters (zero-width space…) are removed from the person's texts first."""
    texts = {kind: visible(text) if isinstance(text, str) else text for kind, text in texts.items()}
    changed = {kind for kind, text in texts.items() if (s := draft.section(kind)) is None or s.text != text}
    sections = [_persons(s, texts[s.kind]) if s.kind in changed else s for s in draft.sections]
    have = {s.kind for s in draft.sections}
    added = [_persons(None, text, kind) for kind, text in texts.items() if kind not in have and text.strip()]
    if added:  # otherwise the order stays as it was
        order = list(SectionKind)
        sections = sorted([*sections, *added], key=lambda s: order.index(s.kind))
    notes = [n for n in draft.notes if n.section not in changed]
    return draft.model_copy(update={"sections": sections, "notes": notes})


def _persons(section: DraftSection | None, text: str, kind: SectionKind | None = None) -> DraftSection:
    kept = [
        c
        for c in (section.citations if section else [])
        if c.ref == BRIEF_REF.ref or (c.ref.startswith("policy:") and _title(c.project) in text)
    ]
    citations = kept if any(c.ref == BRIEF_REF.ref for c in kept) else [BRIEF_REF, *kept]
    return DraftSection(
        kind=section.kind if section else kind, text=text, citations=citations, generated_by=HUMAN_WRITTEN
    )


def _title(label: str) -> str:
    """《题名》（文号） → 题名 (a text names a policy by its title)."""
    found = re.search(r"《([^》]+)》", label)
    return found[1] if found else label


def _as_list(edit: FieldEdit) -> list[Any]:
    value = edit.value
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    if not isinstance(value, list):
        raise InputError(f"“{field_label(edit.path)}”应是列表（每行一项）", hint="YAML 中每行以“- ”开头")
    return value


def _one_line(edit: FieldEdit, *, multiline: bool = False) -> str:
    value = edit.value
    if isinstance(value, (list, dict)):
        raise InputError(f"“{field_label(edit.path)}”应是一个值，而不是列表", hint=field_paths_help())
    if isinstance(value, date):
        return value.isoformat()
    text = "" if value is None else str(value)
    return text if multiline else text.strip()


def _blank_none(text: str, key: str) -> str | None:
    if key in ("name", "year", "content"):
        return text
    return text if text.strip() else None


def changed_labels(before: Draft, after: Draft) -> list[str]:
    """The Chinese names of the fields that differ, in reading order (for the history's 部分 column)."""
    old, new = field_texts(before), field_texts(after)
    paths = [p for p in new if old.get(p) != new.get(p)] + [p for p in old if p not in new]
    labels = []
    for path in paths:
        label = INDICATOR_TABLE_LABEL if path.startswith("indicator.") else field_label(path)
        if label not in labels:
            labels.append(label)
    return labels
