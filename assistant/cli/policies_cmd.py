"""``assistant policies``: the policy library (立项依据 candidates) with where each entry's facts came from."""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import unquote

import typer

from assistant.cli import render
from assistant.cli.wiring import open_services
from assistant.domain.policy import PolicyReference, normalise_reference

JsonFlag = Annotated[bool, typer.Option("--json", help="输出 JSON，供程序读取。")]
SearchOption = Annotated[
    str | None,
    typer.Option("--search", metavar="词", help="只列出题名、文号、别名、发文机关或适用范围中含有该词的条目。"),
]


def policies(as_json: JsonFlag = False, search: SearchOption = None) -> None:
    """列出政策库：题名、文号、发文机关、日期、适用范围和核实来源。"""
    with open_services() as services:
        library = services.scope.current().policies
    shown = [policy for policy in library if search is None or matches(policy, search)]
    if as_json:
        typer.echo(json.dumps([policy.model_dump(mode="json") for policy in shown], ensure_ascii=False, indent=2))
        return
    if not shown:
        typer.echo(f"政策库（共 {len(library)} 条）中没有含“{search}”的条目。")
        return
    heading = f"政策库（{len(shown)} 条" + (f"，含“{search}”，共 {len(library)} 条）" if search else "）")
    out = render.console()
    out.print(render.plain(heading), style="bold")
    for number, policy in enumerate(shown, start=1):
        out.print()
        out.print(render.plain(entry_text(number, policy)))


def entry_text(number: int, policy: PolicyReference) -> str:
    """One entry as lines a reviewer can read: what it is, when, what it governs, where it was checked."""
    lines = [
        f"{number}. {policy.citation()}　[{policy.id}]",
        f"   发文机关：{policy.issuer or '（未注明）'}　类别：{policy.kind.value}　效力：{policy.status.value}",
        f"   日期：{dates_text(policy)}",
        f"   适用范围：{policy.subject()}",
    ]
    addresses = [unquote(source) for source in policy.sources] or [
        "（未找到公开网址）种子申报表 " + "、".join(policy.cited_in) if policy.cited_in else "（无网址，见核实说明）"
    ]
    lines += [f"   来源：{addresses[0]}", *(f"         {address}" for address in addresses[1:])]
    lines.append(f"   核实说明：{policy.source_note}")
    return "\n".join(lines)


def matches(policy: PolicyReference, word: str) -> bool:
    """Whether ``word`` (normalised like a reference) occurs in the entry's title, number, aliases, issuer or scope."""
    key = normalise_reference(word)
    fields = [policy.title, policy.doc_number, *policy.aliases, policy.issuer, policy.scope]
    return bool(key) and any(key in normalise_reference(field) for field in fields if field)


def dates_text(policy: PolicyReference) -> str:
    """``1987-09-05 通过；2020-06-20 修订``, or the bare year, or 未注明."""
    if policy.dates:
        return "；".join(f"{d.date} {d.event}" for d in policy.dates)
    return f"{policy.year}年" if policy.year else "（未注明）"
