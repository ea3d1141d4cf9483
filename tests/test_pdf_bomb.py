"""A PDF whose streams inflate past the budget is refused in Chinese without inflating them (red team rt6
finding 2). Reads run in a child process under a 1.5 GB address-space limit and a time limit."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import zlib
from pathlib import Path

_TEXT = b"BT /F1 12 Tf 50 800 Td (xiangmu mingcheng test) Tj ET\n"
_READ = """
import json, sys
from assistant.errors import InputError
from assistant.office.read_pdf import pdf_rows
try:
    rows = pdf_rows(open(sys.argv[1], "rb").read(), "hostile.pdf")
    print(json.dumps({"rows": len(rows.rows)}))
except InputError as exc:
    print(json.dumps({"error": str(exc), "hint": exc.hint}, ensure_ascii=False))
"""


def _deflate_spaces(head: bytes, spaces: int) -> bytes:
    """zlib of ``head`` + ``spaces`` blanks, made in 1 MB pieces so the test never holds the inflated text."""
    packer = zlib.compressobj(9)
    out = [packer.compress(head)]
    piece = b" " * (1 << 20)
    for _ in range(spaces >> 20):
        out.append(packer.compress(piece))
    out.append(packer.flush())
    return b"".join(out)


def _pdf(path: Path, stream: bytes, filters: str) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters.encode()) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(body)
    return path


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))


def _read(path: Path) -> dict[str, object]:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(path)],
        capture_output=True,
        text=True,
        timeout=90,
        preexec_fn=_limit,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_double_flate_bomb_is_refused_as_too_large(tmp_path: Path) -> None:
    once = _deflate_spaces(_TEXT, 260 << 20)  # 260 MB of text after both layers, a few KB on disk
    path = _pdf(tmp_path / "bomb.pdf", zlib.compress(once, 9), "[/FlateDecode /FlateDecode]")
    assert path.stat().st_size < 100_000
    result = _read(path)
    assert "hostile.pdf" in str(result.get("error")) and "超过 200 MB" in str(result["error"]), result
    assert "提取页面" in str(result["hint"])


def test_a_pdf_within_the_budget_still_reads(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "ok.pdf", _deflate_spaces(_TEXT, 2 << 20), "/FlateDecode")
    assert _read(path) == {"rows": 1}
