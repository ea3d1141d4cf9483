"""Review as the shells use it: check a file (corpus JSON, draft JSON or text export) or the whole corpus.

Reading the input lives here, not in `assistant.review`: a draft JSON needs the drafting model, and
the review engine must not depend on drafting (drafting depends on review).
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from assistant.corpus.folder import HINT, why_not_readable
from assistant.domain.model import Declaration
from assistant.drafting.as_declaration import to_declaration
from assistant.drafting.models import Draft
from assistant.errors import InputError, describe_validation_error
from assistant.ingest.text_export import ParseResult, parse_file
from assistant.office.formats import IMPORT_FORMATS
from assistant.office.importer import import_office, is_office_file
from assistant.review.catalogue import RULES
from assistant.review.checks_library import RULE as LIBRARY_RULE
from assistant.review.engine import review, review_all
from assistant.review.models import Finding, ReviewReport, Rule
from assistant.services.scope import CorpusScope
from assistant.store.files import draft_from_payload, is_draft_payload, read_json_object

_SELF_EVALUATION = re.compile(r"绩效自评表|绩效自评报告")
_DECLARATION = re.compile(r"绩效目标申报表|绩效目标表|目标申报")


class ReviewService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def check_declarations(self, declarations: list[Declaration]) -> list[ReviewReport]:
        """One report per declaration read (a file, a folder, a draft or a corpus entry) against the current corpus."""
        context = self.scope.current().review_context
        return [review(decl, context) for decl in declarations]

    def check_declaration(self, decl: Declaration) -> ReviewReport:
        """One declaration already read (e.g. an upload being previewed) against the current corpus."""
        return review(decl, self.scope.current().review_context)

    def unverified_policies(self, draft: Draft) -> list[Finding]:
        """Review's findings on the policies ``draft`` claims from the policy library that the library does not hold
        as written (an imported draft JSON may name an invented one)."""
        report = self.check_declaration(to_declaration(draft))
        return [f for f in report.findings if f.rule_id == LIBRARY_RULE]

    def self_evaluation_rows(self, path: Path) -> int:
        """How many indicator rows ``path`` holds read as a 项目支出绩效自评表 (so `import` can say the file is one and
        point to `selfeval import`), over every 自评表 the file holds; 0 when it is not one or cannot be read."""
        from assistant.ingest.selfeval_files import read_self_evaluation_forms

        try:
            head = path.read_bytes()[:6000].decode("utf-8", errors="ignore")
            if not _SELF_EVALUATION.search(head) or _DECLARATION.search(head):
                return 0  # only a text whose title says 自评表 (and no 目标申报表) is one
            forms = read_self_evaluation_forms(path)  # a page may hold several (普陀): every form's rows count
        except (InputError, OSError):
            return 0
        return sum(len(evaluation.rows) for evaluation, _ in forms)

    def rules(self) -> list[Rule]:
        """The rule catalogue (`assistant rules`)."""
        return list(RULES)

    def read(self, path: Path) -> list[Declaration]:
        """What a file reads as (`assistant import` previews it), without reviewing it."""
        return load_subjects(path)

    def check_corpus(self) -> list[ReviewReport]:
        return review_all(self.scope.current().corpus.declarations)


def load_subjects(path: Path) -> list[Declaration]:
    """The declarations in ``path``: a corpus JSON, a draft JSON (``shenbao-draft/1``), a ``.txt`` export or page copy,
    a saved page, a Word/Excel form (old .xls/.doc/.wps included) or a text PDF."""
    if path.is_dir():
        raise InputError(f"{path} 是一个目录，不是文件", hint=f"请给出目录中的一个申报表文件（{IMPORT_FORMATS}）")
    if not path.is_file():
        if path.exists() or path.is_symlink():  # a pipe, a device, a broken link: never opened
            raise InputError(f"无法读取 {path}：{why_not_readable(path)}", hint=HINT)
        raise InputError(f"找不到文件：{path}", hint="请检查路径")
    if is_office_file(path):
        return _with_file_notes(import_office(path))
    if path.suffix.lower() != ".json":
        return _with_file_notes(parse_file(path))
    data = read_json_object(path)
    if is_draft_payload(data):
        return [to_declaration(draft_from_payload(data, source=path.name))]
    try:
        return [Declaration.model_validate(data, strict=False)]
    except RecursionError:
        raise InputError(
            f"{path.name} 的 JSON 嵌套层数过深，不是申报表", hint="请提供 assistant corpus build 生成的语料 JSON"
        ) from None
    except ValidationError as exc:
        raise InputError(
            f"{path.name} 不是可识别的申报表 JSON：{describe_validation_error(exc)}",
            hint="请提供 assistant corpus build 生成的语料 JSON、assistant draft 生成的草稿 JSON，或 .txt 文本导出",
        ) from exc


def _with_file_notes(result: ParseResult) -> list[Declaration]:
    """Notes on the file itself (encoding, text before the first title) travel with its first declaration."""
    if not result.notes or not result.declarations:
        return result.declarations
    first = result.declarations[0]
    return [first.model_copy(update={"parse_notes": [*result.notes, *first.parse_notes]}), *result.declarations[1:]]
