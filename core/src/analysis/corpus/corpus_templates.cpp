// Placeholders: {name} the test's name; {p} "self, " in a method, else nothing (before other
// parameters); {p0} "self" in a method, else nothing (the only parameter); {d} "order",
// {ds} "orders", {C} "Order", {D} "ORDER", {svc} the service fixture, {sku} a product code,
// {v} a small number, {v2} = 10 x {v}, {v3} = 100 x {v}, {kind} a product kind.
#include "corpus_templates.hpp"

#include <array>

namespace qa::detail {

namespace {

using enum TemplateKind;

constexpr std::array kPytest{
    // Uncertain: each fires at least one uncertain rule.
    TestTemplate{uncertain, "conditional-logic",
                 "def {name}({p0}):\n"
                 "    {d} = make_{d}(kind=\"{kind}\")\n"
                 "    if {d}.is_discounted():\n"
                 "        assert {d}.price({v}) == {v2}\n"
                 "    else:\n"
                 "        assert {d}.price({v}) == {v3}\n"},
    TestTemplate{uncertain, "conditional-logic",
                 "@pytest.mark.parametrize(\"quantity\", [1, 2, {v}])\n"
                 "def {name}({p}quantity):\n"
                 "    {d} = make_{d}(quantity=quantity)\n"
                 "    for line in {d}.lines:\n"
                 "        assert line.quantity == quantity\n"},
    TestTemplate{uncertain, "mystery-guest",
                 "def {name}({p0}):\n"
                 "    with open(\"exports/{ds}_{v}.json\") as handle:\n"
                 "        data = json.load(handle)\n"
                 "    assert data[\"{ds}\"][0][\"id\"] == {v}\n"},
    TestTemplate{uncertain, "mystery-guest",
                 "def {name}({p0}):\n"
                 "    region = os.environ.get(\"{D}_REGION\", \"eu\")\n"
                 "    assert make_{d}(region=region).region == region\n"},
    TestTemplate{uncertain, "eager-test",
                 "def {name}({p}{svc}):\n"
                 "    {d} = {svc}.create(sku=\"{sku}\", quantity={v})\n"
                 "    {svc}.reserve({d})\n"
                 "    {svc}.pay({d}, amount={v2})\n"
                 "    {svc}.ship({d})\n"
                 "    assert {svc}.status({d}) == \"shipped\"\n"},
    TestTemplate{uncertain, "assertion-roulette",
                 "def {name}({p0}):\n"
                 "    {d} = make_{d}(id={v})\n"
                 "    assert {d}.id == {v}\n"
                 "    assert {d}.currency == \"EUR\"\n"
                 "    assert {d}.lines == []\n"
                 "    assert {d}.total() == 0\n"
                 "    assert {d}.created_at is not None\n"},
    TestTemplate{uncertain, "helper-may-assert",
                 "def {name}({p}{svc}):\n"
                 "    {d} = {svc}.create(sku=\"{sku}\")\n"
                 "    check_{d}_invariants({d})\n"},

    // Certain: only certain rules fire.
    TestTemplate{certain, "empty-test",
                 "def {name}({p0}):\n"
                 "    \"\"\"Covers the {kind} {d} once the pricing rules land.\"\"\"\n"
                 "    pass\n"},
    TestTemplate{certain, "no-assertion",
                 "def {name}({p}{svc}):\n"
                 "    {d} = make_{d}(id={v})\n"
                 "    {svc}.save({d})\n"},
    TestTemplate{certain, "tautological-assert",
                 "def {name}({p0}):\n"
                 "    {d} = make_{d}()\n"
                 "    assert {d}.currency == \"EUR\"\n"
                 "    assert True\n"},
    TestTemplate{certain, "bare-comparison",
                 "def {name}({p0}):\n"
                 "    {d} = make_{d}(quantity={v})\n"
                 "    {d}.total() == {v3}\n"
                 "    assert {d}.quantity == {v}\n"},
    TestTemplate{certain, "duplicate-assert",
                 "def {name}({p0}):\n"
                 "    {d} = make_{d}(quantity={v})\n"
                 "    assert {d}.quantity == {v}\n"
                 "    assert {d}.quantity == {v}\n"},
    TestTemplate{certain, "constant-false-assert",
                 "def {name}({p0}):\n"
                 "    make_{d}(kind=\"{kind}\")\n"
                 "    assert False, \"refunds of {kind} {ds} are not supported yet\"\n"},
    TestTemplate{certain, "assert-in-except",
                 "def {name}({p0}):\n"
                 "    try:\n"
                 "        make_{d}(quantity=-{v})\n"
                 "    except ValueError as error:\n"
                 "        assert \"quantity\" in str(error)\n"},
    TestTemplate{certain, "swallowed-exception",
                 "def {name}({p}{svc}):\n"
                 "    {d} = {svc}.create(sku=\"{sku}\")\n"
                 "    {svc}.cancel({d})\n"
                 "    try:\n"
                 "        {svc}.cancel({d})\n"
                 "    except Exception:\n"
                 "        pass\n"
                 "    assert {d}.cancelled\n"},
    TestTemplate{certain, "raises-too-broad",
                 "def {name}({p0}):\n"
                 "    with pytest.raises(Exception):\n"
                 "        make_{d}(quantity=-{v})\n"},
    TestTemplate{certain, "raises-without-match",
                 "def {name}({p0}):\n"
                 "    with pytest.raises({C}Error):\n"
                 "        make_{d}(currency=\"XXX\")\n"},
    TestTemplate{certain, "multi-statement-raises",
                 "def {name}({p0}):\n"
                 "    with pytest.raises(ValueError, match=\"quantity\"):\n"
                 "        {d} = make_{d}()\n"
                 "        {d}.set_quantity(-{v})\n"},
    TestTemplate{certain, "sleepy-test",
                 "def {name}({p0}):\n"
                 "    {d} = make_{d}(ttl=1)\n"
                 "    time.sleep({v})\n"
                 "    assert {d}.expired()\n"},
    TestTemplate{certain, "skip-without-reason",
                 "@pytest.mark.skip\n"
                 "def {name}({p0}):\n"
                 "    assert make_{d}(kind=\"{kind}\").price(1) == {v2}\n"},
    TestTemplate{certain, "print-in-test",
                 "def {name}({p0}):\n"
                 "    {d} = make_{d}(id={v})\n"
                 "    print({d})\n"
                 "    assert {d}.id == {v}\n"},
    TestTemplate{certain, "suboptimal-assert",
                 "def {name}({p0}):\n"
                 "    {d} = make_{d}(paid=True)\n"
                 "    assert {d}.paid == True\n"},

    // Clean: no rule fires.
    TestTemplate{clean, "",
                 "def {name}({p0}):\n"
                 "    {d} = make_{d}(id={v})\n"
                 "    assert {d}.id == {v}\n"},
    TestTemplate{clean, "",
                 "@pytest.mark.parametrize(\"quantity, expected\", [(1, {v2}), (2, {v3}), "
                 "(3, {v3}0)])\n"
                 "def {name}({p}quantity, expected):\n"
                 "    assert make_{d}(quantity=quantity).price() == expected\n"},
    TestTemplate{clean, "",
                 "def {name}({p0}):\n"
                 "    with pytest.raises(ValueError, match=\"quantity\"):\n"
                 "        make_{d}(quantity=-{v})\n"},
    TestTemplate{clean, "",
                 "def {name}({p}tmp_path):\n"
                 "    path = tmp_path / \"{ds}.json\"\n"
                 "    path.write_text(json.dumps([{\"id\": {v}}]))\n"
                 "    assert json.loads(path.read_text())[0][\"id\"] == {v}\n"},
    TestTemplate{clean, "",
                 "def {name}({p}monkeypatch):\n"
                 "    monkeypatch.setenv(\"{D}_REGION\", \"us\")\n"
                 "    assert make_{d}().region == \"us\"\n"},
    TestTemplate{clean, "",
                 "@mock.patch(\"shop.{ds}.notify\")\n"
                 "def {name}({p}notify):\n"
                 "    make_{d}(id={v}).confirm()\n"
                 "    notify.assert_called_once_with({v})\n"},
    TestTemplate{clean, "",
                 "def {name}({p}{svc}):\n"
                 "    {d} = {svc}.create(sku=\"{sku}\", quantity={v})\n"
                 "    assert {svc}.get({d}.id).quantity == {v}, \"stored quantity\"\n"},
};

constexpr std::array kUnittest{
    TestTemplate{uncertain, "conditional-logic",
                 "def {name}(self):\n"
                 "    for line in self.{d}.lines:\n"
                 "        self.assertGreater(line.price, 0)\n"},
    TestTemplate{uncertain, "mystery-guest",
                 "def {name}(self):\n"
                 "    with open(\"fixtures/{ds}.csv\") as handle:\n"
                 "        rows = handle.readlines()\n"
                 "    self.assertEqual(len(rows), {v})\n"},
    TestTemplate{uncertain, "helper-may-assert",
                 "def {name}(self):\n"
                 "    self.{d}.recalculate()\n"
                 "    verify_{d}_totals(self.{d})\n"},
    TestTemplate{certain, "suboptimal-assert",
                 "def {name}(self):\n"
                 "    self.assertTrue(self.{d}.quantity == {v})\n"},
    TestTemplate{certain, "suboptimal-assert",
                 "def {name}(self):\n"
                 "    self.assertEqual(self.{d}.discount, None)\n"},
    TestTemplate{certain, "no-assertion",
                 "def {name}(self):\n"
                 "    self.{d}.recalculate()\n"},
    TestTemplate{certain, "raises-too-broad",
                 "def {name}(self):\n"
                 "    with self.assertRaises(Exception):\n"
                 "        self.{d}.set_quantity(-{v})\n"},
    TestTemplate{clean, "",
                 "def {name}(self):\n"
                 "    self.assertEqual(self.{d}.quantity, {v})\n"},
    TestTemplate{clean, "",
                 "def {name}(self):\n"
                 "    with self.assertRaises(ValueError):\n"
                 "        self.{d}.set_quantity(-{v})\n"},
    TestTemplate{clean, "",
                 "def {name}(self):\n"
                 "    self.assertIn(self.{d}.currency, (\"EUR\", \"USD\"))\n"},
};

}  // namespace

std::span<const TestTemplate> pytest_templates() {
    return kPytest;
}

std::span<const TestTemplate> unittest_templates() {
    return kUnittest;
}

}  // namespace qa::detail
