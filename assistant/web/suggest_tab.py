"""指标推荐: suggestions for the brief on the 起草 page, each with its evidence and a chart of past values;
chosen rows are added to the open draft."""

from __future__ import annotations

import gradio as gr

from assistant.services.results import DraftConflict, IndicatorSuggestion, SuggestionSet, provenance
from assistant.web import render
from assistant.web.brief_form import read_form
from assistant.web.charts import value_chart
from assistant.web.context import WebContext, need_base, need_draft
from assistant.web.draft_view import DraftView, Typed
from assistant.web.errors import guarded
from assistant.web.safe import text as md

HEADERS = ["序号", "一级指标", "二级指标", "三级指标", "建议值", "取值依据", "来源", "先例数"]


def _rows(found: SuggestionSet) -> list[list[str]]:
    return [
        [
            str(n),
            s.level1.value,
            s.level2.value,
            s.name,
            s.value.value,
            s.value.ground.value,
            provenance(s),
            str(len(s.evidence)),
        ]
        for n, s in enumerate(found.suggestions, start=1)
    ]


def _summary(found: SuggestionSet) -> str:
    kinds = "、".join(found.kinds) or "未识别"
    precedents = (
        "；".join(
            f"{md(p.project_name, inline=True)}（{p.year or ''}，相似度 {p.similarity:.2f}）"
            for p in found.precedents[:3]
        )
        or "无"
    )
    missing = [c.requirement for c in found.coverage if not c.covered]
    cover = "齐全" if not missing else "缺少 " + "、".join(missing)
    name, kinds, cover = md(found.brief_name, inline=True), md(kinds, inline=True), md(cover, inline=True)
    notes = "".join(f"\n- 说明：{md(note, inline=True)}" for note in found.notes)
    return f"**{name}**（{found.year}）· 项目类别：{kinds} · 相似先例：{precedents} · 必备类别：{cover}{notes}"


def _label(n: int, s: IndicatorSuggestion) -> str:
    return f"{n}. {s.name}（{s.value.value}）"


def build_suggest_tab(ctx: WebContext, view: DraftView) -> None:
    with gr.Row():
        run = gr.Button("按“起草”页的简报推荐指标", variant="primary", elem_id="suggest-run", scale=1)
        summary = gr.Markdown("", elem_id="suggest-summary")
    found_state = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            table = gr.Dataframe(
                headers=HEADERS,
                type="array",
                interactive=False,
                wrap=True,
                column_count=len(HEADERS),
                label="推荐指标（点选一行查看依据）",
                elem_id="suggest-table",
            )
            chosen = gr.CheckboxGroup(choices=[], label="勾选要加入草稿的指标", elem_id="suggest-chosen")
            add = gr.Button("加入当前草稿的指标表", elem_id="suggest-add")
        with gr.Column(scale=2):
            evidence = gr.Markdown("点选一行，这里显示其取值来源与先例。", elem_id="suggest-evidence")
            chart = gr.Plot(show_label=False)

    @guarded
    def suggest(*values: object) -> list:
        found = ctx.services.suggest.suggest(read_form(*values))
        choices = [(_label(n, s), n - 1) for n, s in enumerate(found.suggestions, start=1)]
        return [found, _summary(found), _rows(found), gr.CheckboxGroup(choices=choices, value=[])]

    @guarded
    def select(found: SuggestionSet | None, evt: gr.SelectData) -> list:
        if found is None:
            return ["", None]
        s = found.suggestions[evt.index[0]]
        notes = "".join(f"\n- 说明：{md(note, inline=True)}" for note in s.notes)
        return [render.evidence_panel(s.value, s.evidence, name=s.name) + notes, value_chart(s.value, name=s.name)]

    @guarded
    def add_rows(
        request: gr.Request,
        draft_id: int | None,
        base: int | None,
        found: SuggestionSet | None,
        picked: list[int],
        overview: Typed = None,
        necessity: Typed = None,
        goal_total: Typed = None,
        goal_annual: Typed = None,
    ) -> dict:
        if found is None or not picked:
            raise gr.Error("请先推荐指标，并勾选要加入的指标", title="无法完成")
        ws = ctx.workspace(request)
        view.keep_unsaved(ws, draft_id, base, (overview, necessity, goal_total, goal_annual), "加入推荐指标")
        subset = found.model_copy(update={"suggestions": [found.suggestions[i] for i in sorted(picked)]})
        try:
            saved = ws.add_suggestions(need_draft(draft_id), subset, base=need_base(base))
        except DraftConflict as exc:
            return view.conflict_shown(exc)
        return view.render(
            ws, saved.info.draft_id, saved.info.number, note="已把所选推荐指标中表里还没有的加入指标表（存为新版本）。"
        )

    run.click(suggest, view.form.inputs(), [found_state, summary, table, chosen], api_name="suggest")
    table.select(select, [found_state], [evidence, chart])
    add.click(
        add_rows,
        [ctx.draft_id, ctx.base, found_state, chosen, *view.typed()],
        view.outputs(),
        api_name="add_suggestions",
    )
