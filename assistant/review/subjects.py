"""What ``assistant check`` can read: a corpus JSON, a draft JSON, or a seed-style text export."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from assistant.corpus.store import Corpus
from assistant.domain.model import Declaration
from assistant.errors import AssistantError, InputError, describe_validation_error
from assistant.ingest.text_export import parse_file
from assistant.review.checks_relevance import ReviewContext

def load_subjects(path: Path) -> list[Declaration]:
    if not path.is_file():
        raise InputError(f"找不到文件：{path}", hint="请检查路径")
    if path.suffix.lower() == ".json":
        return [_from_json(path)]
    result = parse_file(path)
    if not result.notes or not result.declarations:
        return result.declarations
    # Notes on the file itself (encoding, text before the first title) travel with its first declaration.
    first = result.declarations[0]
    return [first.model_copy(update={"parse_notes": [*result.notes, *first.parse_notes]}), *result.declarations[1:]]


def _from_json(path: Path) -> Declaration:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name} 不是合法的 JSON：{exc}", hint="请检查文件内容，或提供 .txt 文本导出") from exc
    except RecursionError:
        raise InputError(f"{path.name} 的 JSON 嵌套层数过深，不是申报表或草稿", hint="请提供 assistant corpus build 或 assistant draft 生成的 JSON，或 .txt 文本导出") from None
    if not isinstance(data, dict):
        raise InputError(f"{path.name} 的顶层不是对象", hint="应为一份申报表或草稿的 JSON")
    if str(data.get("format", "")).startswith("shenbao-draft"):
        return _draft(data, path)
    try:
        return Declaration.model_validate(data, strict=False)
    except RecursionError:
        raise InputError(f"{path.name} 的 JSON 嵌套层数过深，不是申报表", hint="请提供 assistant corpus build 生成的语料 JSON") from None
    except ValidationError as exc:
        raise InputError(
            f"{path.name} 不是可识别的申报表 JSON：{describe_validation_error(exc)}",
            hint="请提供 assistant corpus build 生成的语料 JSON、assistant draft 生成的草稿 JSON，或 .txt 文本导出",
        ) from exc


def _draft(data: dict, path: Path) -> Declaration:
    from assistant.drafting.chain import to_declaration  # drafting depends on review: import late
    from assistant.drafting.models import Draft

    try:
        return to_declaration(Draft.model_validate(data, strict=False))
    except ValidationError as exc:
        raise InputError(f"{path.name} 不是完整的草稿：{describe_validation_error(exc)}", hint="请用 assistant draft 重新生成") from exc


def reference_context(corpus_dir: Path) -> ReviewContext:
    """The built corpus as the set of known projects; empty when there is no corpus yet."""
    try:
        return ReviewContext.from_declarations(Corpus.load(corpus_dir).declarations)
    except AssistantError:
        return ReviewContext()
