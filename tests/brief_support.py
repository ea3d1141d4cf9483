"""The legal-aid brief the instruction-in-a-brief tests write their sentences into (red team 2026-12-07): the
fields from 年度 to 结束日期 are the same in every such test; the name, the 主要内容 lines and what follows vary."""

LEGAL_AID_FIELDS = """年度: 2027
主管部门: 上海市闵行区司法局
实施单位: 上海市闵行区法律援助中心
项目性质: 其他经常性项目
项目类别: 其他运转类
资金: {总额: 860000, 财政资金: 860000, 其他资金: 0, 年度申请: 860000, 上年结转资金: 0}
开始日期: 2027-01-01
结束日期: 2027-12-31
"""


def legal_aid_brief(name: str, content: list[str], rest: str = "") -> str:
    """A brief's YAML text: 项目名称 ``name``, the fields above, 主要内容 of the ``content`` lines, then ``rest`` (YAML
    written as is: 实施计划, 项目构成)."""
    lines = "\n".join(f"  {line}" for line in content)
    return f"项目名称: {name}\n{LEGAL_AID_FIELDS}主要内容: |-\n{lines}\n{rest}"
