"""What the shells render and hand back: the typed results of the services, and the few pure helpers that
name and format them, re-exported so that `assistant.cli` and `assistant.web` import `assistant.services`
and `assistant.domain` only (tests/test_architecture.py holds them to it).

A shell that needs another engine type adds it here; it does not import the engine.
"""

from assistant.corpus.stats import CorpusStats, CountRow
from assistant.corpus.store import Corpus
from assistant.cycle.findings import Finding as CycleFinding
from assistant.cycle.findings import Severity as CycleSeverity
from assistant.cycle.monitoring import Light, MonitoringReport, elapsed_share, monitor
from assistant.cycle.numbers import fmt, number_of, target_of
from assistant.cycle.rules import RULES as CYCLE_RULES
from assistant.cycle.rules import WEIGHTS_SOURCE, thresholds
from assistant.cycle.scoring import rule_text
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
from assistant.store.cycle import FormConflict, FormKind, FormSummary, StoredForm
from assistant.store.fields import ROLLOVER_TARGET, field_label, field_texts, indicator_path, section_path
from assistant.suggest.models import Evidence, IndicatorSuggestion, SuggestionSet, ValueProposal, provenance

__all__ = [
    "IMPORT_FORMATS",
    "provenance",
    "CYCLE_RULES",
    "INDICATOR_TABLE",
    "ROLLOVER_TARGET",
    "RULES_MODEL",
    "WEIGHTS_SOURCE",
    "Answer",
    "Conversation",
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
    "fmt",
    "indicator_path",
    "monitor",
    "number_of",
    "redact",
    "rule_text",
    "section_path",
    "target_of",
    "thresholds",
]
