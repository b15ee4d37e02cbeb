// Conformance of mock-llm with a real third-party client: the official OpenAI Node SDK (pinned in
// package-lock.json). Each test starts its own mock-llm on a free loopback port.
//
// Run by ctest (tests/conformance/CMakeLists.txt) as:
//   MOCK_LLM_BINARY=build/bin/mock-llm node --test conformance.test.mjs
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';

const binary = process.env.MOCK_LLM_BINARY;
assert.ok(binary, 'MOCK_LLM_BINARY must name the mock-llm binary');

// Starts mock-llm with `flags` on port 0; resolves to {client, stop} once it is listening.
async function startMock(flags = [], clientOptions = {}) {
  const child = spawn(binary, ['--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mock-llm did not start: ${output}`)), 10000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /^listening on (\S+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`mock-llm exited with ${code}: ${output}`)));
  });
  const client = new OpenAI({
    baseURL: `http://${address}`,
    apiKey: 'sk-conformance-test-key',
    maxRetries: 0,
    timeout: 10000,
    ...clientOptions,
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  };
  return { client, address, stop };
}

const prompt = [
  { role: 'system', content: 'You review Python tests and answer in JSON.' },
  { role: 'user', content: 'def test_x():\n    assert f() == 1\n' },
];

test('a completion parses into the SDK types', async () => {
  const mock = await startMock();
  try {
    const answer = await mock.client.chat.completions.create({
      model: 'deepseek-chat',
      messages: prompt,
    });
    assert.equal(answer.object, 'chat.completion');
    assert.equal(answer.model, 'deepseek-chat');
    assert.match(answer.id, /^[0-9a-f-]{36}$/);
    assert.equal(answer.choices.length, 1);
    assert.equal(answer.choices[0].message.role, 'assistant');
    assert.equal(typeof answer.choices[0].message.content, 'string');
    assert.ok(answer.choices[0].message.content.length > 0);
    assert.equal(answer.choices[0].finish_reason, 'stop');
    const usage = answer.usage;
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
  } finally {
    await mock.stop();
  }
});

test('JSON-mode content parses as JSON', async () => {
  const mock = await startMock();
  try {
    const answer = await mock.client.chat.completions.create({
      model: 'deepseek-chat',
      messages: prompt,
      response_format: { type: 'json_object' },
    });
    const content = JSON.parse(answer.choices[0].message.content);
    assert.equal(typeof content, 'object');
  } finally {
    await mock.stop();
  }
});

test('a streamed completion parses chunk by chunk and matches the whole answer', async () => {
  const mock = await startMock();
  try {
    const whole = await mock.client.chat.completions.create({
      model: 'deepseek-chat',
      messages: prompt,
    });
    const stream = await mock.client.chat.completions.create({
      model: 'deepseek-chat',
      messages: prompt,
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let role;
    let finish;
    let usage;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      assert.equal(chunk.object, 'chat.completion.chunk');
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        if (choice.delta.role) role = choice.delta.role;
        if (choice.delta.content) content += choice.delta.content;
        if (choice.finish_reason) finish = choice.finish_reason;
      }
    }
    assert.ok(chunks > 2, `expected several chunks, got ${chunks}`);
    assert.equal(role, 'assistant');
    assert.equal(finish, 'stop');
    assert.equal(content, whole.choices[0].message.content);
    assert.deepEqual(usage, whole.usage);
  } finally {
    await mock.stop();
  }
});

// Each status the mock is told to answer (x-mock-fault) surfaces as the SDK's matching class.
for (const [status, errorClass] of [
  [400, OpenAI.BadRequestError],
  [401, OpenAI.AuthenticationError],
  [402, OpenAI.APIError],
  [422, OpenAI.UnprocessableEntityError],
]) {
  test(`a ${status} answer surfaces as ${errorClass.name} with the server's message`, async () => {
    const mock = await startMock([], { maxRetries: 2 });
    try {
      await assert.rejects(
        mock.client.chat.completions.create(
          { model: 'deepseek-chat', messages: prompt },
          { headers: { 'x-mock-fault': `status=${status}` } },
        ),
        (error) => {
          assert.ok(error instanceof errorClass, `${error.constructor.name} for ${status}`);
          assert.equal(error.status, status);
          assert.equal(typeof error.error?.message, 'string');
          assert.ok(error.error.message.length > 0);
          return true;
        },
      );
    } finally {
      await mock.stop();
    }
  });
}

test('a 429 with retry-after-ms makes the SDK wait at least that long before its retry', async () => {
  const mock = await startMock([], { maxRetries: 1 });
  try {
    const started = performance.now();
    await assert.rejects(
      mock.client.chat.completions.create(
        { model: 'deepseek-chat', messages: prompt },
        { headers: { 'x-mock-fault': 'status=429;retry_after_ms=400' } },
      ),
      (error) => error instanceof OpenAI.RateLimitError && error.status === 429,
    );
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 400, `the SDK retried after ${elapsed} ms, before the 400 ms it was told`);
    // The server saw the first attempt and the retry.
    const stats = await (await fetch(`http://${mock.address}/_mock/stats`)).json();
    assert.equal(stats.requests_total, 2);
    assert.equal(stats.by_status['429'], 2);
  } finally {
    await mock.stop();
  }
});

test('a scripted 429 with retry_after_ms is retried by the SDK after that long, and succeeds', async () => {
  // The first request is answered 429 with retry_after_ms 300, every later one normally.
  const dir = await mkdtemp(join(tmpdir(), 'mock-llm-conformance-'));
  const profile = join(dir, 'profile.json');
  await writeFile(
    profile,
    JSON.stringify({
      scripts: [{ key: 'global', first: 1, fault: { status: 429, retry_after_ms: 300 } }],
    }),
  );
  const mock = await startMock(['--profile', profile], { maxRetries: 2 });
  try {
    const answer = await mock.client.chat.completions.create({
      model: 'deepseek-chat',
      messages: prompt,
    });
    assert.equal(answer.object, 'chat.completion');
    // The journal: the refused attempt, then the retry at least 300 ms after it. Measured from
    // the refused attempt's arrival, which surely precedes the SDK's receipt of the 429: its
    // end_us is read after the write returns, and a busy machine can deschedule the mock between
    // the two, so the SDK may hold the answer before end_us (296 ms "after" it, seen under ASan).
    const journal = await (await fetch(`http://${mock.address}/_mock/journal`)).json();
    assert.equal(journal.records.length, 2);
    const [first, retry] = journal.records;
    assert.equal(first.status, 429);
    assert.equal(first.fault, '429');
    assert.equal(first.fault_source, 'script');
    assert.equal(first.retry_count, 0);
    assert.equal(retry.status, 200);
    assert.equal(retry.fault, null);
    assert.equal(retry.retry_count, 1);
    assert.equal(retry.body_hash, first.body_hash);
    const gapMs = (retry.arrival_us - first.arrival_us) / 1000;
    assert.ok(first.end_us >= first.arrival_us && retry.arrival_us >= first.end_us);
    assert.ok(gapMs >= 300, `the SDK retried ${gapMs} ms after the 429, before the 300 ms it was told`);
  } finally {
    await mock.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
