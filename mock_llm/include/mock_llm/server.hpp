#pragma once
// Server: the mock DeepSeek chat-completions server, on its own thread with its own io_context.
// All public members are thread-safe. Lifetime: start() binds and runs; stop() (or the destructor)
// closes every connection and joins the thread.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mock_llm/journal.hpp"
#include "mock_llm/profile.hpp"
#include "mock_llm/server_config.hpp"
#include "mock_llm/stats.hpp"
#include "support/expected.hpp"

namespace mock_llm {

class Server {
  public:
    // Validates the config, binds, listens and starts the thread. Error text names what failed
    // (an invalid field, or the address that could not be bound and why).
    static support::Expected<std::unique_ptr<Server>, std::string> start(ServerConfig config);

    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // The bound port (the kernel's choice when the config asked for 0).
    std::uint16_t port() const;
    const std::string& host() const;

    // A consistent snapshot; never waits for the server thread.
    Stats stats() const;
    // Accepted connections not yet forgotten, each holding at most one socket (a session ends
    // a moment after its client leaves, once it notices). Never waits for the server thread.
    std::size_t open_connections() const;
    // Zeroes the counters (max_in_flight restarts from the current in_flight) and the journal,
    // forgets how often each body was seen and the scripts' counts, refills the buckets and
    // restarts the scripts' clock, so the fault pattern starts over.
    void reset();
    // Replaces the profile, as POST /_mock/profile does: its scripts, occurrences, buckets and
    // clock start afresh; requests in service keep their slots. The error names the field.
    support::Expected<void, std::string> set_profile(Profile profile);
    // The profile in force.
    Profile profile() const;
    // The journal's records, oldest first.
    std::vector<JournalRecord> journal() const;
    // Closes the acceptor and all connections, joins the thread. Idempotent.
    void stop();

  private:
    struct Impl;
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace mock_llm
