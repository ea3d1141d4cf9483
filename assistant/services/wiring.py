"""`build_services`: the one place that turns settings into the services the shells call.

Nothing heavy happens here: the corpus, the index, the model server and the draft store are each
opened on first use, and `Services.close` stops whatever was started.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.services.scope import CorpusScope
from assistant.settings import LLMProvider, Settings

if TYPE_CHECKING:  # chromadb and the embedding model, langchain, SQLAlchemy, python-docx, openpyxl: loaded where used
    from assistant.llm.runtime import LLMRuntime
    from assistant.retrieval.finder import LazyFinder
    from assistant.services.corpus import CorpusService
    from assistant.services.cycle import CycleService
    from assistant.services.drafting import DraftingService
    from assistant.services.export import ExportService
    from assistant.services.qa import QAService
    from assistant.services.review import ReviewService
    from assistant.services.search import SearchService
    from assistant.services.subjects import SubjectService
    from assistant.services.suggest import SuggestService
    from assistant.services.users import UserService
    from assistant.services.workspace import WorkspaceService
    from assistant.store import DraftStore


def _silent(_: str) -> None:
    return None


class Services:
    """The services over one settings object; each is built on first use and shared afterwards."""

    def __init__(self, settings: Settings, *, on_progress: Callable[[str], None] = _silent) -> None:
        self.settings = settings
        self.scope = CorpusScope(settings.corpus.corpus_dir)
        self.on_progress = on_progress

    @cached_property
    def author(self) -> str:
        """Who the command line's and the default workspace's drafts belong to: the configured user or the login."""
        return self.settings.store.user or _login()

    @cached_property
    def runtime(self) -> LLMRuntime:
        from assistant.llm.runtime import LLMRuntime

        return LLMRuntime(self.settings)

    @cached_property
    def store(self) -> DraftStore:
        from assistant.store import DraftStore

        return DraftStore(self.settings.store_url())

    @cached_property
    def search(self) -> SearchService:
        from assistant.services.search import SearchService

        return SearchService(self.settings, self.scope, on_progress=self.on_progress)

    def finder(self) -> LazyFinder:
        """The search service as the engines take it: opened (and the index built or updated) on the first search."""
        from assistant.retrieval.finder import LazyFinder

        return LazyFinder(lambda: self.search)

    @cached_property
    def corpus(self) -> CorpusService:
        from assistant.services.corpus import CorpusService

        return CorpusService(self.scope)

    @cached_property
    def suggest(self) -> SuggestService:
        from assistant.services.suggest import SuggestService

        return SuggestService(self.scope, self.runtime)

    @cached_property
    def review(self) -> ReviewService:
        from assistant.services.review import ReviewService

        return ReviewService(self.scope)

    @cached_property
    def export(self) -> ExportService:
        from assistant.services.export import ExportService

        return ExportService(self.scope)

    @cached_property
    def subjects(self) -> SubjectService:
        """What check and export name: a file, a folder, a draft id or a corpus id (the store opened only for a draft)."""
        from assistant.services.subjects import SubjectService

        return SubjectService(self.scope, lambda: self.store)

    @cached_property
    def qa(self) -> QAService:
        from assistant.services.qa import QAService

        return QAService(self.scope, self.runtime, open_search=lambda: self.search)

    @cached_property
    def drafting(self) -> DraftingService:
        from assistant.services.drafting import DraftingService

        return DraftingService(
            self.settings, self.scope, self.runtime, self.store, author=self.author, open_finder=lambda: self.search
        )

    @cached_property
    def users(self) -> UserService:
        from assistant.services.users import UserService

        return UserService(self.store)

    @cached_property
    def rules_runtime(self) -> LLMRuntime:
        """A runtime with no model: drafting by rules when the model is down or not wanted."""
        from assistant.llm.runtime import LLMRuntime

        return LLMRuntime(
            self.settings.model_copy(
                update={"llm": self.settings.llm.model_copy(update={"provider": LLMProvider.NONE})}
            )
        )

    def workspace(
        self, user: str | None = None, *, rules_only: bool = False, every_owner: bool = False
    ) -> WorkspaceService:
        """The drafts facade acting for ``user`` (default the configured author): only that user's drafts, or
        every owner's with ``every_owner`` (the command line); ``rules_only`` drafts and regenerates without the model."""
        from assistant.services.drafting import DraftingService
        from assistant.services.workspace import WorkspaceService  # python-docx and openpyxl load with it

        author = user or self.author
        if author == self.author and not rules_only:
            return WorkspaceService(self.drafting, every_owner=every_owner)
        runtime = self.rules_runtime if rules_only else self.runtime
        drafting = DraftingService(
            self.settings, self.scope, runtime, self.store, author=author, open_finder=lambda: self.search
        )
        return WorkspaceService(drafting, every_owner=every_owner)

    def cycle(self, user: str | None = None) -> CycleService:
        """Monitoring tables and self-evaluations acting for ``user`` (default the configured author)."""
        from assistant.services.cycle import CycleService

        return CycleService(self.scope, self.store, author=user or self.author)

    def close(self) -> None:
        """Stop the model server and close the store and index, where they were started."""
        opened = self.__dict__
        if "runtime" in opened:
            opened["runtime"].close()
        if "store" in opened:
            opened["store"].close()
        if "search" in opened:
            opened["search"].close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _login() -> str:
    """The command line's owner: ``本机:<login name>``. The ``:`` is refused in web user names
    (`assistant.services.users.normalise_name`), so no web user, ``root`` included, inherits these drafts by name."""
    from assistant.services.users import LOCAL_PREFIX  # the store (SQLAlchemy) loads with it

    try:
        return f"{LOCAL_PREFIX}{getpass.getuser()}"
    except (KeyError, OSError):
        return f"{LOCAL_PREFIX}local"


def build_services(
    settings: Settings, *, llm_override: LLMProvider | None = None, on_progress: Callable[[str], None] = _silent
) -> Services:
    """Services over ``settings``; ``llm_override`` picks another model provider on a copy of the settings."""
    if llm_override is not None:
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"provider": llm_override})})
    return Services(settings, on_progress=on_progress)
