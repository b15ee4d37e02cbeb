"""Tests that the rules find nothing wrong with and nothing uncertain about."""
import pytest

from shop.cart import Cart


@pytest.fixture
def cart():
    return Cart()


def test_new_cart_is_empty(cart):
    assert len(cart) == 0


def test_add_counts_items(cart):
    cart.add("apple", quantity=2)
    assert cart.count("apple") == 2


def test_negative_quantity_is_refused(cart):
    with pytest.raises(ValueError, match="quantity"):
        cart.add("apple", quantity=-1)
