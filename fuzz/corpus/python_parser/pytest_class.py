import pytest


class TestX:
    @pytest.mark.parametrize("a", [1, 2])
    def test_a(self, a, tmp_path):
        with open(tmp_path / "f") as f:
            assert f.read() == f"{a!r:>{3}}"


async def test_b():
    try:
        x = [i for i in range(3) if i]
    except Exception:
        pass
