"""The real hand-filled Shanghai form with crafted XML put first in its body: the hostile .docx files of the red-team
tests (a very wide row, tables nested past the XML parser's depth) built from a real file, not kept as binaries."""

import zipfile
from pathlib import Path

FORM = Path(__file__).resolve().parent / "fixtures" / "office" / "hand_filled_shanghai.docx"


def docx_with_front(path: Path, front: str) -> Path:
    """``path``: the form with ``front`` (WordprocessingML elements, e.g. a ``<w:tbl>``) before everything in its body."""
    with zipfile.ZipFile(FORM) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    body = parts["word/document.xml"].decode()
    parts["word/document.xml"] = body.replace("<w:body>", "<w:body>" + front, 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path
