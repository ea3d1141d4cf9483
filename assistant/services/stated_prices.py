"""A price the text states, computed again after a funding edit.

    restate_prices(text, before, after) -> str      the rules' or a model's text, each price that priced the whole of
                                                    the old money (26家 × 6万元/家 = 156万元) written again from the new
                                                    money over the same quantity (130万元 ÷ 26家 = 5万元/家)
    stale_prices(draft, before) -> list[str]        where a text (a person's) still prices the old money, for the
                                                    saved message: never changed, only said

Only a price whose term is the whole project's money is recomputed: with several priced items the new money's split
is the person's to decide, and review's COST-STATED-SUM says where the stated sum now exceeds it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from assistant.domain.brief import BriefFunding as Funding
from assistant.drafting.models import Draft
from assistant.review.checks_stated_costs import StatedTerm, stated_terms

_WAN = Decimal(10000)
_WRITTEN = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<wan>万?)元")


def _moneys(funding: Funding) -> list[Decimal]:
    """The amounts a stated price may add up to: the year's request and the total (as review reads them)."""
    return [m for m in (funding.annual, funding.total) if m is not None and m > 0]


def _priced(term: StatedTerm, funding: Funding) -> Decimal | None:
    """The amount of ``funding`` that ``term`` prices whole (26家 × 6万元/家 = the 156万元 total), else None."""
    return next((m for m in _moneys(funding) if abs(term.amount - m) < 1), None)


def _follows(before: Funding, after: Funding, old: Decimal) -> Decimal | None:
    """The new amount of the field that held ``old`` (the year's request or the total), where it changed."""
    for was, now in ((before.annual, after.annual), (before.total, after.total)):
        if was == old and now is not None and now > 0 and now != old:
            return now
    return None


def restate_prices(text: str, before: Funding, after: Funding) -> str:
    """``text`` with each price that priced the whole of ``before``'s money written again from ``after``'s."""
    for term in stated_terms(text):
        old = _priced(term, before)
        new = _follows(before, after, old) if old is not None else None
        if new is None:
            continue
        text = _rewritten(text, term, new / (term.count * term.months))
    return text


def _rewritten(text: str, term: StatedTerm, price: Decimal) -> str:
    """``text`` with ``term``'s price as written (6万元 in 每家每年6万元) replaced by ``price`` (元) in the same unit."""
    written = _WRITTEN.search(term.price.words)
    if written is None or term.price.words not in term.sentence:
        return text
    scale = _WAN if written["wan"] else Decimal(1)
    shown = _plain((price / scale).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    about = "约" if price / scale != Decimal(shown) and "约" not in term.price.words[: written.start()] else ""
    words = term.price.words
    new_words = f"{words[: written.start()]}{about}{shown}{written['wan']}元{words[written.end() :]}"
    sentence = term.sentence.replace(words, new_words, 1)
    return text.replace(term.sentence, sentence, 1)


def stale_prices(draft: Draft, before: Funding) -> list[str]:
    """For the saved message: each text of ``draft`` (the brief's 主要内容, each section) whose stated price still prices
    ``before``'s money whole after the money changed (a person's text, or one locked: the rules never change it)."""
    after = draft.brief.funding
    texts = [("简报主要内容", draft.brief.content), *((s.kind.label, s.text) for s in draft.sections)]
    notes = []
    for label, text in texts:
        for term in stated_terms(text or ""):
            old = _priced(term, before)
            new = _follows(before, after, old) if old is not None else None
            if old is not None and new is not None:
                notes.append(
                    f"{label}写明的“{term.shown}”合计{_wan(old)}，是修改前的项目资金；"
                    f"现为{_wan(new)}，{label}为人工撰写或已锁定，未改动，请核对单价"
                )
    return notes


def _wan(amount: Decimal) -> str:
    return f"{_plain(amount / _WAN)}万元" if amount >= _WAN else f"{_plain(amount)}元"


def _plain(number: Decimal) -> str:
    text = f"{number.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
