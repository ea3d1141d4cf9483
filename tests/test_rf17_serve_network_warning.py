"""rt14 F6: ``serve --host`` on an address others can reach, without ``--login``, warns in Chinese that every draft is
readable and editable from the network and how to add --login; loopback or login on: no warning."""

from __future__ import annotations

import pytest

from assistant.cli.serve_cmd import network_warning


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "shenbao.example.gov.cn"])
def test_a_network_address_without_login_is_warned_of(host: str) -> None:
    warning = network_warning(host, login=False)
    assert warning is not None and host in warning
    assert "所有草稿" in warning and "--login" in warning and "assistant users add" in warning


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_is_not_warned_of(host: str) -> None:
    assert network_warning(host, login=False) is None


def test_login_on_is_not_warned_of() -> None:
    assert network_warning("0.0.0.0", login=True) is None
