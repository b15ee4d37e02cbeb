"""Weak tests: certain issues for the rules, one uncertain test for the LLM."""
import time

from shop.cart import Cart


def test_add_runs():
    Cart().add("apple")


def test_total_after_wait():
    cart = Cart()
    time.sleep(1)
    assert cart.total() == 0


def test_totals_by_kind():
    cart = Cart()
    for kind in ("apple", "pear"):
        cart.add(kind)
        assert cart.count(kind) == 1
