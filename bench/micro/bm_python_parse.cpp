// Micro-benchmarks of the analysis front end: tokenizing and parsing Python test files. The
// corpus is synthesized in memory (pytest functions and classes, fixtures, parametrize,
// unittest cases, docstrings, f-strings, comments), so runs need no files and are repeatable.
// The rule phase's budget is >= 50 MB/s for read + parse + rules; parsing must leave room.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "qa/analysis/parsed_file.hpp"
#include "qa/analysis/tokenizer.hpp"
#include "qa/analysis/utf8.hpp"

namespace {

// One module of about 6 KB; `seed` varies names and counts so modules differ.
void append_module(std::string& out, int seed) {
    const std::string n = std::to_string(seed);
    out += "\"\"\"Tests for the orders service, module " + n + ".\"\"\"\n";
    out +=
        "import json\nimport time\nfrom unittest import mock\n\nimport pytest\n\n"
        "from app.orders import (Order, OrderError,\n    make_order, total_of)\n\n\n";
    out +=
        "@pytest.fixture\ndef client(tmp_path, monkeypatch):\n"
        "    \"\"\"A client bound to a throwaway database.\"\"\"\n"
        "    monkeypatch.setenv('DB_PATH', str(tmp_path / 'db.sqlite'))\n"
        "    with make_client(tmp_path) as c:  # closed after the test\n"
        "        yield c\n\n\n";
    out +=
        "def build_payload(count, *, currency='EUR'):\n"
        "    return {'items': [{'sku': f'SKU-{i:04d}', 'qty': i % 3 + 1} for i in range(count)],\n"
        "            'currency': currency}\n\n\n";
    for (int i = 0; i < 4 + seed % 3; ++i) {
        const std::string t = n + "_" + std::to_string(i);
        out +=
            "@pytest.mark.parametrize('count, expected', [\n    (1, 10),\n    (2, 20),\n"
            "    (" +
            std::to_string(i + 3) + ", " + std::to_string(10 * (i + 3)) + "),\n])\n";
        out += "def test_total_" + t +
               "(client, count, expected):\n"
               "    payload = build_payload(count)\n"
               "    response = client.post('/orders', data=json.dumps(payload))\n"
               "    assert response.status_code == 201, response.text\n"
               "    body = response.json()\n"
               "    # The total is computed server-side, in cents.\n"
               "    assert body['total'] == expected * 100\n"
               "    assert total_of(body[\"items\"]) == expected, f\"{body!r} for {count}\"\n\n\n";
        out += "def test_rejects_bad_order_" + t +
               "(client):\n"
               "    with pytest.raises(OrderError, match=r\"invalid \\w+\"):\n"
               "        make_order(client, sku=None, qty=-1)\n\n\n";
    }
    out +=
        "class TestOrderLifecycle" + n +
        ":\n"
        "    \"\"\"Create, pay, ship and cancel.\"\"\"\n\n"
        "    @pytest.fixture(autouse=True)\n    def setup(self, client):\n"
        "        self.client = client\n        self.order = make_order(client, sku='A', qty=1)\n\n"
        "    def test_pay(self):\n        result = self.client.pay(self.order.id, amount=10.5)\n"
        "        assert result.ok\n        assert result.order.state == 'paid'\n\n"
        "    @pytest.mark.skip(reason=\"shipping is mocked elsewhere\")\n"
        "    def test_ship(self):\n        time.sleep(0.01)\n        assert True\n\n"
        "    async def test_cancel_async(self):\n"
        "        for attempt in range(3):\n            try:\n"
        "                await self.client.cancel(self.order.id)\n                break\n"
        "            except TimeoutError:\n                continue\n"
        "        else:\n            pytest.fail('never cancelled')\n"
        "        assert self.order.state in {'cancelled', 'refunded'}\n\n\n";
    out += "class LegacyOrderTests" + n +
           "(unittest.TestCase):\n"
           "    def setUp(self):\n        self.order = Order(sku='B', qty=2)\n\n"
           "    def test_quantity(self):\n        self.assertEqual(self.order.qty, 2)\n"
           "        self.assertTrue(self.order.qty > 0)\n\n"
           "    @mock.patch('app.orders.now', return_value=0)\n"
           "    def test_timestamp(self, now):\n        self.order.touch()\n"
           "        now.assert_called_once_with()\n"
           "        if self.order.updated_at is not None:\n"
           "            self.assertEqual(self.order.updated_at, 0)\n\n\n";
}

// About `megabytes` MB of test modules in one buffer.
std::string make_corpus(int megabytes) {
    std::string corpus;
    const std::size_t target = static_cast<std::size_t>(megabytes) * 1024 * 1024;
    corpus.reserve(target + 8192);
    for (int seed = 0; corpus.size() < target; ++seed)
        append_module(corpus, seed);
    return corpus;
}

// The same corpus as separate modules, the way the rule phase meets it: file after file.
const std::vector<std::string>& modules() {
    static const std::vector<std::string> files = [] {
        std::vector<std::string> out;
        std::size_t total = 0;
        for (int seed = 0; total < 4u * 1024 * 1024; ++seed) {
            out.emplace_back();
            append_module(out.back(), seed);
            total += out.back().size();
        }
        return out;
    }();
    return files;
}

const std::string& corpus() {
    static const std::string text = make_corpus(4);
    return text;
}

void BM_Tokenize(benchmark::State& state) {
    const std::string& source = corpus();
    qa::TokenizedSource tokens;
    qa::Diagnostics diagnostics;
    for (auto _ : state) {
        diagnostics.items.clear();
        qa::tokenize(source, tokens, diagnostics);
        benchmark::DoNotOptimize(tokens.tokens.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * source.size()));
    state.counters["tokens"] = static_cast<double>(tokens.tokens.size());
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

// Tokenize + statement tree + calls/comparisons + discovery, reusing one ParsedFile as a worker
// that parses file after file would.
void BM_ParseReused(benchmark::State& state) {
    qa::ParsedFile file;
    file.source = corpus();
    for (auto _ : state) {
        qa::reparse(file);
        benchmark::DoNotOptimize(file.functions.data());
    }
    if (!file.diagnostics.empty())
        state.SkipWithError("the synthesized corpus should parse cleanly");
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file.source.size()));
    state.counters["statements"] = static_cast<double>(file.statements.size());
    state.counters["functions"] = static_cast<double>(file.functions.size());
    state.counters["calls"] = static_cast<double>(file.calls.size());
}
BENCHMARK(BM_ParseReused)->Unit(benchmark::kMillisecond);

// File after file, one reused ParsedFile: the per-file working set stays in cache.
void BM_ParseFiles(benchmark::State& state) {
    qa::ParsedFile file;
    std::size_t bytes = 0;
    for (auto _ : state) {
        for (const std::string& module : modules()) {
            file.source.assign(module);  // as a reader fills its buffer
            qa::reparse(file);
            benchmark::DoNotOptimize(file.functions.data());
            bytes += module.size();
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
    state.counters["files"] = static_cast<double>(modules().size());
}
BENCHMARK(BM_ParseFiles)->Unit(benchmark::kMillisecond);

// The same with a fresh ParsedFile each time (every vector allocated and grown again), the
// cost of parse_python_source on a file read into a new string.
void BM_ParseFresh(benchmark::State& state) {
    const std::string& source = corpus();
    for (auto _ : state) {
        state.PauseTiming();
        std::string copy = source;
        state.ResumeTiming();
        auto file = qa::parse_python_source(std::move(copy));
        benchmark::DoNotOptimize(file.functions.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * source.size()));
}
BENCHMARK(BM_ParseFresh)->Unit(benchmark::kMillisecond);

void BM_ValidateUtf8(benchmark::State& state) {
    const std::string& source = corpus();
    for (auto _ : state)
        benchmark::DoNotOptimize(qa::find_invalid_utf8(source));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * source.size()));
}
BENCHMARK(BM_ValidateUtf8)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
