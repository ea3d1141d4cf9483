"""Red-team finding on the page's charts: an indicator name is a chart's title or tick label, and matplotlib reads
text between two ``$`` as TeX. A name such as ``成本$\\foo$控制`` (a careless paste, or a hostile form) made the
figure fail when Gradio drew it, outside any handler's Chinese message; with ``$x^2$`` the name was shown altered.
The charts now draw every name as its characters. Real matplotlib, the figure rendered to PNG as Gradio does."""

from __future__ import annotations

import io

import pytest

from assistant.domain.values import parse_value
from assistant.suggest.models import Ground, SeenValue, ValueProposal
from assistant.web.charts import value_chart
from assistant.web.cycle_chart import target_chart

NAMES = ["成本$\\foo$控制率", "单价$x^2$元", "$$", "预算$\\frac{1}{$执行"]


def _drawn(fig) -> list[str]:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")
    texts = [fig.axes[0].get_title()]
    texts += [t.get_text() for t in fig.axes[0].get_xticklabels() + fig.axes[0].get_yticklabels()]
    return texts


@pytest.mark.parametrize("name", NAMES)
def test_a_value_chart_draws_a_name_with_dollars(name):
    value = ValueProposal(
        value="≥90(%)",
        kind=parse_value("≥90(%)").kind,
        ground=Ground.HISTORY,
        basis="往年申报表",
        seen=[SeenValue(value="≥90(%)", declarations=["2023-003-01"]), SeenValue(value="$5$", declarations=["a"])],
    )
    fig = value_chart(value, name=name)
    assert fig is not None
    texts = _drawn(fig)
    assert any(t.startswith(name) for t in texts), texts


@pytest.mark.parametrize("name", NAMES)
def test_a_target_chart_draws_a_name_with_dollars(name):
    fig = target_chart([(name, "≥90(%)", parse_value("≥90(%)"), "95")], title=f"{name}的完成进度")
    assert fig is not None
    texts = _drawn(fig)
    assert name[:13] in "".join(texts), texts
