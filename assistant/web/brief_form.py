"""The brief as a form: one input per field of `Brief`, read back into a `Brief` with Chinese errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gradio as gr
from pydantic import ValidationError

from assistant.domain.brief import (
    Brief,
    BriefFunding,
    allowed_fields,
    brief_error_text,
    brief_field_label,
    describe_brief_error,
    load_brief,
)
from assistant.domain.project_types import ProjectType
from assistant.errors import InputError

SCALARS = (
    ("name", "项目名称"),
    ("year", "年度"),
    ("department", "主管部门"),
    ("implementer", "实施单位"),
    ("nature", "项目性质"),
    ("category", "项目类别"),
    ("fund_use", "资金用途"),
    ("project_type", "项目类型"),
    ("start_date", "开始日期"),
    ("end_date", "结束日期"),
)
FUNDING = (
    ("total", "总额"),
    ("fiscal", "财政资金"),
    ("other", "其他资金"),
    ("annual", "年度申请"),
    ("carryover", "上年结转资金"),
)
AUTO_TYPE = "（自动识别）"


@dataclass
class BriefForm:
    """The form's inputs, in the order `inputs` lists them."""

    scalars: dict[str, gr.components.Component]
    funding: dict[str, gr.Textbox]
    content: gr.Textbox
    policies: gr.Textbox
    plan: gr.Dataframe
    composition: gr.Dataframe

    def inputs(self) -> list[gr.components.Component]:
        return [
            *self.scalars.values(),
            *self.funding.values(),
            self.content,
            self.policies,
            self.plan,
            self.composition,
        ]


def build_form() -> BriefForm:
    scalars: dict[str, gr.components.Component] = {}
    with gr.Row():
        scalars["name"] = gr.Textbox(label="项目名称", scale=3, elem_id="brief-name")
        scalars["year"] = gr.Textbox(label="年度", scale=1, placeholder="如 2027")
        for key, label in SCALARS[2:4]:
            scalars[key] = gr.Textbox(label=label, scale=2)
    with gr.Row():
        for key, label in SCALARS[4:7]:
            scalars[key] = gr.Textbox(label=label)
        types = [AUTO_TYPE, *(t.value for t in ProjectType)]
        scalars["project_type"] = gr.Dropdown(types, value=AUTO_TYPE, label="项目类型")
        scalars["start_date"] = gr.Textbox(label="开始日期", placeholder="2027-01-01", elem_id="brief-start-date")
        scalars["end_date"] = gr.Textbox(label="结束日期", placeholder="2027-12-31")
    with gr.Row():
        funding = {
            key: gr.Textbox(label=f"资金·{label}（元）", elem_id=f"brief-funding-{key}") for key, label in FUNDING
        }
    with gr.Row():
        content = gr.Textbox(label="主要内容", lines=4, scale=3)
        policies = gr.Textbox(label="政策依据（每行一项）", lines=4, scale=2)
    with gr.Row():
        plan = gr.Dataframe(headers=["时间", "内容"], type="array", label="实施计划", interactive=True, column_count=2)
        composition = gr.Dataframe(
            headers=["名称", "内容", "金额（元）"], type="array", label="项目构成", interactive=True, column_count=3
        )
    return BriefForm(scalars, funding, content, policies, plan, composition)


def read_form(*values: object) -> Brief:
    """The form's values (in `BriefForm.inputs` order) as a `Brief`; `InputError` names the field that is wrong."""
    try:
        return Brief.model_validate(_form_data(values))
    except ValidationError as exc:
        raise InputError(f"简报有误：{describe_brief_error(exc, _FORM_TEXT)}", hint="请改正标出的字段后重试") from exc


# The form sends an input left empty as a field not given: it is empty (不能为空), not missing (缺少该字段).
_FORM_TEXT = {"missing": "不能为空"}


def form_checks(leading: int = 0):
    """A Gradio ``validator`` for an event whose inputs are ``leading`` others (the draft's id and version) and then
    the form's: the field that is wrong shows what is wrong on itself, in Chinese, and nothing runs; the outputs
    (the brief, the draft) are left as they were, not marked as failed."""

    def validate(*values: object) -> list[dict]:
        problems = {i: p for i, p in form_problems(values[leading:]).items() if i in _TEXT_INPUTS}
        fields = [problems.get(i) for i in range(len(values) - leading)]
        return [gr.validate(True, "")] * leading + [gr.validate(p is None, p or "") for p in fields]

    return validate


def form_problems(values: tuple[object, ...]) -> dict[int, str]:
    """Which of the form's inputs (by position in `BriefForm.inputs`) pydantic rejects, and why, in Chinese; a problem
    no single input holds (the funding's sum) is the first funding field's."""
    try:
        Brief.model_validate(_form_data(values))
    except ValidationError as exc:
        found: dict[int, list[str]] = {}
        for error in exc.errors():
            text = brief_error_text(error, _FORM_TEXT)
            if error["type"] == "missing" and error["loc"]:  # 项目名称不能为空: which field, on the field itself
                text = brief_field_label(error["loc"][-1]) + text
            found.setdefault(_input_of(error["loc"]), []).append(_where(error["loc"]) + text)
        return {i: "；".join(texts) for i, texts in found.items()}
    return {}


_AFTER_FUNDING = ("content", "policies", "plan", "composition")
# The inputs that show a validation message on themselves (text boxes); a problem in a table (实施计划, 项目构成) or the
# type's list is left to the handler, whose error names the row.
_TEXT_INPUTS = frozenset(
    i for i in range(len(SCALARS) + len(FUNDING) + 2) if i != [k for k, _ in SCALARS].index("project_type")
)


# A missing field's error is located by its alias (项目名称), any other by its name (name).
_KEY_OF = {
    field.alias: name for model in (Brief, BriefFunding) for name, field in model.model_fields.items() if field.alias
}


def _input_of(loc: tuple[int | str, ...]) -> int:
    loc = tuple(_KEY_OF.get(part, part) if isinstance(part, str) else part for part in loc)
    n = len(SCALARS)
    head = loc[0] if loc else "funding"
    keys = [key for key, _ in SCALARS]
    if head in keys:
        return keys.index(str(head))
    if head == "funding":
        funding = [key for key, _ in FUNDING]
        return n + (funding.index(str(loc[1])) if len(loc) > 1 and loc[1] in funding else 0)
    if head in _AFTER_FUNDING:
        return n + len(FUNDING) + _AFTER_FUNDING.index(str(head))
    return n  # a problem of the whole brief: shown on the first funding field (the sums)


def _where(loc: tuple[int | str, ...]) -> str:
    """``第2行：`` for a table's row (实施计划, 项目构成), else nothing: the field itself says where."""
    return f"第{loc[1] + 1}行：" if len(loc) > 1 and isinstance(loc[1], int) else ""


def _form_data(values: tuple[object, ...]) -> dict[str, object]:
    n, m = len(SCALARS), len(FUNDING)
    data: dict[str, object] = {key: _text(v) for (key, _), v in zip(SCALARS, values[:n], strict=True)}
    if data["project_type"] == AUTO_TYPE:
        data["project_type"] = None
    data["funding"] = {key: _text(v) for (key, _), v in zip(FUNDING, values[n : n + m], strict=True)}
    content, policies, plan, composition = values[n + m :]
    data["content"] = _text(content) or ""
    data["policies"] = [line.strip() for line in str(policies or "").splitlines() if line.strip()]
    data["plan"] = [{"period": r[0], "work": r[1]} for r in _rows(plan)]
    data["composition"] = [{"part": r[0], "detail": r[1] or None, "amount": r[2]} for r in _rows(composition)]
    return {k: v for k, v in data.items() if v is not None}


def _text(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _rows(table: object) -> list[list[str]]:
    """Non-blank rows of a table input, each cell as text."""
    rows = table if isinstance(table, list) else []
    cleaned = [["" if c is None else str(c).strip() for c in row] for row in rows]
    return [r for r in cleaned if any(r)]


def form_values(brief: Brief) -> list[object]:
    """The form's values for ``brief`` (in `BriefForm.inputs` order)."""
    scalars = [_shown(getattr(brief, key)) for key, _ in SCALARS]
    scalars[SCALARS.index(("project_type", "项目类型"))] = brief.project_type or AUTO_TYPE
    funding = [_shown(getattr(brief.funding, key)) for key, _ in FUNDING]
    plan = [[s.period, s.work] for s in brief.plan] or [["", ""]]
    composition = [[c.part, c.detail or "", str(c.amount)] for c in brief.composition] or [["", "", ""]]
    return [*scalars, *funding, brief.content, "\n".join(brief.policies), plan, composition]


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def import_brief(path: str | None) -> Brief:
    if not path:
        raise InputError("没有收到简报文件", hint="请选择一个 YAML 或 JSON 简报文件")
    if Path(path).suffix.lower() not in {".yaml", ".yml", ".json"}:
        raise InputError(f"“{Path(path).name}”不是 YAML 或 JSON 简报", hint=allowed_fields())
    return load_brief(Path(path))
