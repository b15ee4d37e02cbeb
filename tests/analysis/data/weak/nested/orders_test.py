import unittest


class TestOrders(unittest.TestCase):
    def test_status(self):
        self.assertEqual(make_order().status, True)
