"""Issue 24, helper q16c (red team rt13 #7): a question asking each of one real and one absent project (分别, 各是)
answers the real one, cited, and says the other is not in the corpus; a comparison of the two stays refused.

Real corpus, real parser, no model; gold from the raw declaration JSON.
"""

from decimal import Decimal

import pytest
from qa_support import DECLS, ask, yuan

OPS_2023 = next(d for d in DECLS if d["header"]["name"] == "信息化运维项目" and d["header"]["year"] == 2023)


@pytest.mark.parametrize(
    "question",
    [
        "2023年信息化运维项目和区教育局校园安保项目的项目资金总额分别是多少？",
        "信息化运维项目与某区河道保洁项目2023年的资金总额各是多少",
    ],
)
def test_the_real_side_is_answered_and_the_absent_side_said_absent(question):
    answer = ask(question)
    assert "语料库中没有" in answer.text, answer.text
    assert yuan(Decimal(OPS_2023["funding"]["total"])) in answer.text, answer.text
    assert not answer.refused
    compared = ask("2023年信息化运维项目比区教育局校园安保项目多多少钱？")  # a comparison has no answer
    assert compared.refused and compared.figure is None
