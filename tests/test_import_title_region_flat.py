"""nu10 item 6: a run-together page of another region's 绩效目标表 (鄂州, the user's page) whose units are blank: its
title names the place, so it is not called a Shanghai 市级表; 立项依据 stops where the cost table's header starts
(the table is kept in a note, not swallowed). The user's page, and a variant with another city and figures."""

from pathlib import Path

from assistant.cli.render import layout_label
from assistant.domain.model import SectionKind
from assistant.ingest.text_export import parse_file

PAGE = Path(__file__).resolve().parent / "fixtures" / "newuser" / "nu10" / "ezhou_mubiao.txt"


def _variant(tmp_path: Path) -> Path:
    text = PAGE.read_text(encoding="utf-8")
    for old, new in (
        ("鄂州", "黄冈"),
        ("滨湖大胆办公大楼运行保障", "象山政务中心物业保障"),
        ("市机关事务服务中心三定方案", "市政务服务中心职能配置规定"),
        ("2280次", "1500次"),
    ):
        text = text.replace(old, new)
    path = tmp_path / "huanggang.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _read(path: Path):
    (decl,) = parse_file(path).declarations
    basis = next(s.text for s in decl.sections if s.kind is SectionKind.BASIS)
    return decl, basis


def test_the_users_page_is_another_regions_form_with_its_own_basis():
    decl, basis = _read(PAGE)
    assert "鄂州市" in layout_label(decl) and "不是上海" in layout_label(decl)
    assert basis == "市机关事务服务中心三定方案"
    assert any(n.fragment and n.fragment.startswith("项目预算成本构成") for n in decl.parse_notes)


def test_a_variant_city_and_basis(tmp_path):
    decl, basis = _read(_variant(tmp_path))
    assert "黄冈市" in layout_label(decl)
    assert basis == "市政务服务中心职能配置规定"
    assert decl.header.name == "象山政务中心物业保障"


def test_the_import_preview_gives_checks_value_findings(tmp_path, monkeypatch):
    from cli_support import cli_env
    from cli_support import ok as _ok

    cli_env(tmp_path, monkeypatch)
    shown = _ok(["import", str(PAGE)]).output
    assert "VAL-IMPOSSIBLE" in shown and "292%" in shown
    variant = _variant(tmp_path)
    variant.write_text(variant.read_text(encoding="utf-8").replace("292%", "185%"), encoding="utf-8")
    shown = _ok(["import", str(variant)]).output
    assert "VAL-IMPOSSIBLE" in shown and "185%" in shown
