def test_u(self):
	self.assertEqual(b"\x00" r"\d" """
multi""", 1)  \
	    # c
