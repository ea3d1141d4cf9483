"""What the shells render and hand back: the typed results of the services, and the few pure helpers that
name and format them, re-exported so that `assistant.cli` and `assistant.web` import `assistant.services`
and `assistant.domain` only (tests/test_architecture.py holds them to it).

A shell that needs another engine type adds it here; it does not import the engine.

The names load on first use (PEP 562 ``__getattr__``): `assistant ask` imports this module for `Answer` and must
not load the drafting chain, the store or the model client with it (tests/test_qa_lazy.py). Type checkers read
the imports under ``TYPE_CHECKING``; tests/test_architecture.py checks that they and ``_EXPORTS`` agree.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.corpus.stats import CorpusStats, CountRow
    from assistant.corpus.store import BuildReport, Corpus
    from assistant.cycle.findings import Finding as CycleFinding
    from assistant.cycle.findings import Severity as CycleSeverity
    from assistant.cycle.monitoring import Light, MonitoringReport, elapsed_share, monitor
    from assistant.cycle.numbers import fmt, number_of, target_of
    from assistant.cycle.rules import RULES as CYCLE_RULES
    from assistant.cycle.rules import WEIGHTS_SOURCE, thresholds
    from assistant.cycle.scoring import rule_text
    from assistant.cycle.units import read_actual
    from assistant.drafting.chain import DraftEvent, failed_sections
    from assistant.drafting.models import RULES_MODEL, Draft, DraftIndicator, NoteKind
    from assistant.index.documents import SearchMode
    from assistant.llm.redact import redact
    from assistant.llm.runtime import LLMRuntime
    from assistant.office.formats import IMPORT_FORMATS
    from assistant.qa.conversation import Conversation
    from assistant.qa.models import Answer
    from assistant.retrieval.models import DocKind, SearchResult
    from assistant.review.models import Finding, ReviewReport, Rule, Severity
    from assistant.store import (
        INDICATOR_TABLE,
        DraftConflict,
        DraftNotFound,
        DraftSummary,
        FieldChange,
        Proposal,
        StoredVersion,
        VersionInfo,
    )
    from assistant.store.changes import version_changes
    from assistant.store.cycle import FormConflict, FormKind, FormSummary, StoredForm
    from assistant.store.errors import unreachable
    from assistant.store.fields import ROLLOVER_TARGET, field_label, field_texts, indicator_path, section_path
    from assistant.suggest.models import (
        HUMAN_BASIS,
        Evidence,
        IndicatorSuggestion,
        SuggestionSet,
        ValueProposal,
        provenance,
    )

_EXPORTS: dict[str, tuple[str, str]] = {
    "Answer": ("assistant.qa.models", "Answer"),
    "Conversation": ("assistant.qa.conversation", "Conversation"),
    "BuildReport": ("assistant.corpus.store", "BuildReport"),
    "Corpus": ("assistant.corpus.store", "Corpus"),
    "CorpusStats": ("assistant.corpus.stats", "CorpusStats"),
    "CountRow": ("assistant.corpus.stats", "CountRow"),
    "CYCLE_RULES": ("assistant.cycle.rules", "RULES"),
    "CycleFinding": ("assistant.cycle.findings", "Finding"),
    "CycleSeverity": ("assistant.cycle.findings", "Severity"),
    "DocKind": ("assistant.retrieval.models", "DocKind"),
    "Draft": ("assistant.drafting.models", "Draft"),
    "DraftConflict": ("assistant.store", "DraftConflict"),
    "DraftEvent": ("assistant.drafting.chain", "DraftEvent"),
    "DraftIndicator": ("assistant.drafting.models", "DraftIndicator"),
    "DraftNotFound": ("assistant.store", "DraftNotFound"),
    "DraftSummary": ("assistant.store", "DraftSummary"),
    "elapsed_share": ("assistant.cycle.monitoring", "elapsed_share"),
    "Evidence": ("assistant.suggest.models", "Evidence"),
    "HUMAN_BASIS": ("assistant.suggest.models", "HUMAN_BASIS"),
    "failed_sections": ("assistant.drafting.chain", "failed_sections"),
    "field_label": ("assistant.store.fields", "field_label"),
    "unreachable": ("assistant.store.errors", "unreachable"),
    "field_texts": ("assistant.store.fields", "field_texts"),
    "version_changes": ("assistant.store.changes", "version_changes"),
    "FieldChange": ("assistant.store", "FieldChange"),
    "Finding": ("assistant.review.models", "Finding"),
    "fmt": ("assistant.cycle.numbers", "fmt"),
    "FormConflict": ("assistant.store.cycle", "FormConflict"),
    "FormKind": ("assistant.store.cycle", "FormKind"),
    "FormSummary": ("assistant.store.cycle", "FormSummary"),
    "IMPORT_FORMATS": ("assistant.office.formats", "IMPORT_FORMATS"),
    "indicator_path": ("assistant.store.fields", "indicator_path"),
    "INDICATOR_TABLE": ("assistant.store", "INDICATOR_TABLE"),
    "IndicatorSuggestion": ("assistant.suggest.models", "IndicatorSuggestion"),
    "Light": ("assistant.cycle.monitoring", "Light"),
    "LLMRuntime": ("assistant.llm.runtime", "LLMRuntime"),
    "monitor": ("assistant.cycle.monitoring", "monitor"),
    "MonitoringReport": ("assistant.cycle.monitoring", "MonitoringReport"),
    "NoteKind": ("assistant.drafting.models", "NoteKind"),
    "number_of": ("assistant.cycle.numbers", "number_of"),
    "read_actual": ("assistant.cycle.units", "read_actual"),
    "Proposal": ("assistant.store", "Proposal"),
    "provenance": ("assistant.suggest.models", "provenance"),
    "redact": ("assistant.llm.redact", "redact"),
    "ReviewReport": ("assistant.review.models", "ReviewReport"),
    "ROLLOVER_TARGET": ("assistant.store.fields", "ROLLOVER_TARGET"),
    "Rule": ("assistant.review.models", "Rule"),
    "rule_text": ("assistant.cycle.scoring", "rule_text"),
    "RULES_MODEL": ("assistant.drafting.models", "RULES_MODEL"),
    "SearchMode": ("assistant.index.documents", "SearchMode"),
    "SearchResult": ("assistant.retrieval.models", "SearchResult"),
    "section_path": ("assistant.store.fields", "section_path"),
    "Severity": ("assistant.review.models", "Severity"),
    "StoredForm": ("assistant.store.cycle", "StoredForm"),
    "StoredVersion": ("assistant.store", "StoredVersion"),
    "SuggestionSet": ("assistant.suggest.models", "SuggestionSet"),
    "target_of": ("assistant.cycle.numbers", "target_of"),
    "thresholds": ("assistant.cycle.rules", "thresholds"),
    "ValueProposal": ("assistant.suggest.models", "ValueProposal"),
    "VersionInfo": ("assistant.store", "VersionInfo"),
    "WEIGHTS_SOURCE": ("assistant.cycle.rules", "WEIGHTS_SOURCE"),
}


def __getattr__(name: str) -> Any:
    """The exported ``name``, imported from its engine module on first use; AttributeError for any other."""
    try:
        module, attr = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


__all__ = [
    "HUMAN_BASIS",
    "IMPORT_FORMATS",
    "provenance",
    "unreachable",
    "CYCLE_RULES",
    "INDICATOR_TABLE",
    "ROLLOVER_TARGET",
    "RULES_MODEL",
    "WEIGHTS_SOURCE",
    "Answer",
    "Conversation",
    "BuildReport",
    "Corpus",
    "CorpusStats",
    "CountRow",
    "CycleFinding",
    "CycleSeverity",
    "DocKind",
    "Draft",
    "DraftConflict",
    "DraftEvent",
    "DraftIndicator",
    "DraftNotFound",
    "DraftSummary",
    "Evidence",
    "FieldChange",
    "Finding",
    "FormConflict",
    "FormKind",
    "FormSummary",
    "IndicatorSuggestion",
    "LLMRuntime",
    "Light",
    "MonitoringReport",
    "NoteKind",
    "Proposal",
    "ReviewReport",
    "Rule",
    "SearchMode",
    "SearchResult",
    "Severity",
    "StoredForm",
    "StoredVersion",
    "SuggestionSet",
    "ValueProposal",
    "VersionInfo",
    "elapsed_share",
    "failed_sections",
    "field_label",
    "field_texts",
    "version_changes",
    "fmt",
    "indicator_path",
    "monitor",
    "number_of",
    "read_actual",
    "redact",
    "rule_text",
    "section_path",
    "target_of",
    "thresholds",
]
