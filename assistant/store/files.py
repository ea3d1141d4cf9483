"""Read a draft JSON file (``shenbao-draft/1``, as `assistant draft -o` writes it) with a Chinese error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.domain.syntax import describe_json_error
from assistant.drafting.models import DRAFT_FORMAT, Draft
from assistant.errors import InputError, describe_validation_error


def is_draft_payload(data: object) -> bool:
    return isinstance(data, dict) and str(data.get("format", "")).startswith("shenbao-draft")


# A declaration's or draft's JSON is under 100 KB (the corpus's largest is 24 KB); far larger is not one, and
# reading it whole would hold the process (a 2 GB file took the memory of the machine).
MAX_JSON_BYTES = 20 * 1024 * 1024


def read_json_object(path: Path) -> dict[str, Any]:
    """The top-level object of a JSON file; a missing file, a file over ``MAX_JSON_BYTES`` (refused before it is
    read), bad JSON or a non-object is an `InputError`."""
    if not path.is_file():
        raise InputError(f"找不到文件：{path}", hint="请检查路径")
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise InputError(
            f"文件 {path.name} 有 {size / 1024 / 1024:.1f} MB，远超一份申报表或草稿 JSON 的合理大小"
            f"（{MAX_JSON_BYTES // 1024 // 1024} MB），未读取",
            hint="请确认文件：申报表或草稿的 JSON 通常不到 100 KB",
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path.name} 不是合法的 JSON，{describe_json_error(exc)}", hint="请检查该处的括号、引号和逗号"
        ) from exc
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name} 不是 UTF-8 编码的文本，不是 JSON 文件", hint="请提供 UTF-8 编码的 JSON 文件"
        ) from exc
    except RecursionError:
        raise InputError(
            f"{path.name} 的 JSON 嵌套层数过深，不是申报表或草稿",
            hint="请提供 assistant corpus build 或 assistant draft 生成的 JSON",
        ) from None
    if not isinstance(data, dict):
        raise InputError(f"{path.name} 的顶层不是对象", hint="应为一份申报表或草稿的 JSON")
    return data


def draft_from_payload(data: dict[str, Any], *, source: str) -> Draft:
    if not is_draft_payload(data):
        raise InputError(
            f'{source} 不是草稿文件（缺少 "format": "{DRAFT_FORMAT}"）',
            hint="请提供 assistant draft -o 保存的草稿 JSON",
        )
    if data["format"] != DRAFT_FORMAT:
        raise InputError(
            f"{source} 的草稿格式是“{data['format']}”，本程序只能读取“{DRAFT_FORMAT}”",
            hint="该文件可能来自其他版本的申报助手；请用生成它的版本导出为本格式，或用 assistant draft 重新生成",
        )
    try:
        return Draft.model_validate(data, strict=False)
    except ValidationError as exc:
        raise InputError(
            f"{source} 不是完整的草稿：{describe_validation_error(exc)}", hint="请用 assistant draft 重新生成"
        ) from exc


def read_draft_file(path: Path) -> Draft:
    return draft_from_payload(read_json_object(path), source=path.name)
