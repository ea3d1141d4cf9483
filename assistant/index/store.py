"""chromadb clients and collections that can only ever embed with our function.

chromadb silently falls back to its default embedding function (an ONNX model it downloads on first
use) whenever a collection is opened without one. Every collection here is opened through
`get_collection`, which passes our function explicitly and refuses a collection whose stored
configuration names another function, model or distance.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.errors import ChromaError, NotFoundError

from assistant.errors import AssistantError, CorpusError
from assistant.index.embeddings import LangChainEmbeddings, ProjectEmbeddingFunction
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_chroma import Chroma

SPACE = "cosine"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,510}[A-Za-z0-9]$")
_REBUILD_HINT = "删除该集合（或换一个 ASSISTANT_INDEX__COLLECTION_PREFIX）后重新建立索引"


def client_settings() -> chromadb.Settings:
    return chromadb.Settings(anonymized_telemetry=False)


_DAMAGE = re.compile(r"code: (11|26)\b|not a database|malformed|corrupt", re.IGNORECASE)


class IndexDamaged(CorpusError):
    """The embedded index under ``data_dir/chroma`` cannot be opened because its files are damaged."""


def open_client(settings: Settings) -> ClientAPI:
    """The embedded PersistentClient under ``data_dir/chroma``, or a server when ``chroma_host`` is set.

    Raises `IndexDamaged` (Chinese, naming ``assistant index build``) when the embedded store's database is damaged.
    """
    index = settings.index
    if index.chroma_host is None:
        path = settings.data_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        try:
            return chromadb.PersistentClient(path=str(path), settings=client_settings())
        except ChromaError as error:
            if not _DAMAGE.search(str(error)):
                raise
            raise IndexDamaged(
                f"检索索引已损坏（{path}：其中的 chroma.sqlite3 无法按数据库读取），无法检索",
                hint="请运行 `assistant index build` 重建索引（它会把损坏的索引移到一旁后重新建立，约需一两分钟）",
            ) from error
    try:
        return chromadb.HttpClient(host=index.chroma_host, port=index.chroma_port, settings=client_settings())
    except ValueError as error:
        raise AssistantError(
            f"连不上 Chroma 服务 {index.chroma_host}:{index.chroma_port}：{error}",
            hint="先启动 `chroma run --path <目录> --port <端口>`，或不设 ASSISTANT_INDEX__CHROMA_HOST 以使用内置索引",
        ) from error


def move_aside(settings: Settings) -> Path:
    """Rename the damaged embedded index ``data_dir/chroma`` to ``chroma.damaged-<UTC time>`` (kept, not deleted)
    and forget chromadb's cached client for the path, so that the next `open_client` starts an empty index."""
    path = settings.data_dir / "chroma"
    target = path.with_name(f"chroma.damaged-{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}")
    path.rename(target)
    SharedSystemClient.clear_system_cache()
    return target


def collection_name(prefix: str, suffix: str) -> str:
    """``<prefix>_<suffix>``, checked against chromadb's rule (ASCII letters, digits, . _ -; 3-512 chars)."""
    name = f"{prefix}_{suffix}"
    if not _NAME.fullmatch(name) or ".." in name:
        raise AssistantError(
            f"索引集合名称不合法：{name!r}",
            hint="ASSISTANT_INDEX__COLLECTION_PREFIX 只能用英文字母、数字、点、下划线和连字符",
        )
    return name


def get_collection(client: ClientAPI, name: str, embedding_function: ProjectEmbeddingFunction) -> Collection:
    """Create or open ``name`` with our embedding function and cosine distance; refuse anything else."""
    existing = _peek(client, name)
    if existing is not None:
        check_configuration(existing.configuration_json, embedding_function, name)
    collection = client.get_or_create_collection(
        name,
        embedding_function=cast(Any, embedding_function),  # chromadb's generic EmbeddingFunction[...] is invariant
        configuration=cast(Any, {"hnsw": {"space": SPACE}}),
    )
    check_configuration(collection.configuration_json, embedding_function, name)
    if collection._embedding_function is not embedding_function:
        raise CorpusError(f"索引集合 {name} 没有使用本项目的嵌入函数", hint=_REBUILD_HINT)
    return collection


def _peek(client: ClientAPI, name: str) -> Collection | None:
    """The stored collection without any embedding function attached (None: chromadb attaches nothing)."""
    try:
        return client.get_collection(name, embedding_function=None)
    except (NotFoundError, ValueError):
        return None


def check_configuration(
    configuration: Mapping[str, Any], embedding_function: ProjectEmbeddingFunction, name: str
) -> None:
    """Raise CorpusError unless the stored config names our function, the same model and cosine distance."""
    stored = configuration.get("embedding_function") or {}
    stored_name = stored.get("name") if stored.get("type") == "known" else None
    if stored_name != embedding_function.name():
        raise CorpusError(
            f"索引集合 {name} 由其他程序创建（嵌入函数：{stored_name or stored.get('type') or '无'}），不能使用",
            hint=_REBUILD_HINT,
        )
    stored_model = (stored.get("config") or {}).get("model")
    if stored_model != embedding_function.model_id():
        raise CorpusError(
            f"索引集合 {name} 用嵌入模型 {stored_model} 建立，而当前设置是 {embedding_function.model_id()}",
            hint=_REBUILD_HINT,
        )
    if _space(configuration) != SPACE:
        raise CorpusError(f"索引集合 {name} 的距离不是余弦距离", hint=_REBUILD_HINT)


def _space(configuration: Mapping[str, Any]) -> str | None:
    for index in ("hnsw", "spann"):
        settings = configuration.get(index)
        if settings and settings.get("space"):
            return str(settings["space"])
    return None


def langchain_store(client: ClientAPI, name: str, embedding_function: ProjectEmbeddingFunction) -> Chroma:
    """A LangChain vector store over a collection that chromadb created with our configuration.

    langchain-chroma would create the collection itself with a legacy embedding config, so it is created
    (or checked) here first; LangChain then embeds through the same function, passing vectors explicitly.
    """
    from langchain_chroma import Chroma

    get_collection(client, name, embedding_function)
    return Chroma(client=client, collection_name=name, embedding_function=LangChainEmbeddings(embedding_function))
