"""What characters a person's edit may hold (red team 2026-12-07 03h, finding 8): no control characters (C0 but tab,
line feed and carriage return; DEL and C1), no Unicode non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF), no lone
surrogates and no bidirectional overrides (which make text read differently from how it is stored). A form is text
for people and for Excel/Word, where such a character prints as a box or a symbol (␛) or reorders a line; the edit is
refused with the field and the position named, never silently changed (a person's text is theirs to fix). A
changed field longer than a brief's field may be (``LONG_TEXT``) is refused the same way."""

from __future__ import annotations

import re

from assistant.domain.brief_fields import LONG_TEXT
from assistant.drafting.models import Draft
from assistant.errors import InputError
from assistant.store.fields import field_label, field_texts

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)


def refuse_control_characters(before: Draft, after: Draft) -> None:
    """`InputError` (Chinese) naming the first changed field of ``after`` that holds a forbidden character; fields
    unchanged since ``before`` are not judged (an older version holding one can still be edited elsewhere)."""
    old = field_texts(before)
    for path, text in field_texts(after).items():
        if text == old.get(path):
            continue
        _refuse_too_long(path, text)
        bad = FORBIDDEN.search(text)
        if bad is not None:
            raise InputError(
                f"「{field_label(path)}」第 {bad.start() + 1} 个字符是不可见的控制字符（U+{ord(bad[0]):04X}），未保存",
                hint="删除这个字符后再保存；从其他文件复制来的文字，可先粘贴到记事本等纯文本编辑器再复制。",
            )


def _refuse_too_long(path: str, text: str) -> None:
    """A changed field over the brief's limit for one text (``LONG_TEXT``; a list field: each of its lines) is
    refused naming the field (red team rt14 F3: a 2,000,000-character 项目概况 was stored and re-reviewed on every
    save); the limit is far above any real form (the corpus's longest section has 2,668 characters)."""
    is_list = "." not in path
    longest = max(text.split("\n"), key=len) if is_list else text
    if len(longest) > LONG_TEXT:
        what = "其中一项" if is_list else ""
        raise InputError(
            f"「{field_label(path)}」{what}有 {len(longest):,} 字，超过每项 {LONG_TEXT:,} 字的上限，未保存",
            hint=f"请精简到 {LONG_TEXT:,} 字以内再保存；附件材料不必写入申报表正文。",
        )
