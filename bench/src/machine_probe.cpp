#include "bench/machine_probe.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <system_error>
#include <thread>
#include <vector>

#include "bench/report.hpp"

namespace bench {
namespace {

// steady_clock is CLOCK_MONOTONIC, the timerfd's clock: their times compare directly.
using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kGap{1};  // each wait, as short as a scaled run's latencies
constexpr int kGiveUpMs = 1000;               // a wake-up later than this is a failure

class OwnedFd {
  public:
    explicit OwnedFd(int fd) : fd_(fd) {}
    ~OwnedFd() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    OwnedFd(const OwnedFd&) = delete;
    OwnedFd& operator=(const OwnedFd&) = delete;
    int get() const noexcept { return fd_; }

  private:
    int fd_;
};

std::string probe_failure(const char* call) {
    return std::string("probing the machine's wake-ups: ") + call + ": " + std::strerror(errno);
}

double as_micros(Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

// The nearest-rank percentile `q` (0..1) of `values` (not empty).
double nearest_rank(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

// Blocks in epoll_wait for `epoll`'s next event; false when none came in time (or it failed).
bool wait_one_event(int epoll) {
    epoll_event event{};
    for (;;) {
        const int ready = ::epoll_wait(epoll, &event, 1, kGiveUpMs);
        if (ready == 1)
            return true;
        if (ready < 0 && errno == EINTR)
            continue;
        return false;
    }
}

// `epoll` watches `fd` for reading; false (errno set) when it could not.
bool watch_readable(int epoll, int fd) {
    epoll_event interest{};
    interest.events = EPOLLIN;
    return ::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &interest) == 0;
}

void drain_counter(int fd) {
    std::uint64_t count = 0;
    (void)!::read(fd, &count, sizeof count);
}

// Timer lateness: `samples` waits of kGap on a timerfd, each from its expiry to this thread
// running after epoll_wait.
qa::Expected<std::vector<double>, std::string> timer_lateness(int samples) {
    const OwnedFd epoll(::epoll_create1(EPOLL_CLOEXEC));
    const OwnedFd timer(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
    if (epoll.get() < 0 || timer.get() < 0)
        return qa::Unexpected(probe_failure(epoll.get() < 0 ? "epoll_create1" : "timerfd_create"));
    if (!watch_readable(epoll.get(), timer.get()))
        return qa::Unexpected(probe_failure("epoll_ctl"));
    std::vector<double> late;
    for (int i = 0; i < samples; ++i) {
        const auto due = Clock::now() + kGap;
        const auto since_epoch = due.time_since_epoch();
        const auto whole = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
        itimerspec spec{};
        spec.it_value.tv_sec = whole.count();
        spec.it_value.tv_nsec =
            std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - whole).count();
        if (::timerfd_settime(timer.get(), TFD_TIMER_ABSTIME, &spec, nullptr) != 0)
            return qa::Unexpected(probe_failure("timerfd_settime"));
        if (!wait_one_event(epoll.get()))
            return qa::Unexpected(
                std::string("probing the machine's wake-ups: a 1 ms timer had "
                            "not fired after a second"));
        late.push_back(as_micros(Clock::now() - due));
        drain_counter(timer.get());
    }
    return late;
}

// Cross-thread wake-ups: a helper thread (on `waker_cpu` when given) writes to an eventfd every
// kGap; this thread, blocked in epoll_wait, measures from the write to running. The two go in
// lock step (the helper waits for each sample to be taken), so no write is ever folded into
// another.
qa::Expected<std::vector<double>, std::string> wake_delays(std::optional<int> waker_cpu,
                                                           int samples) {
    const OwnedFd epoll(::epoll_create1(EPOLL_CLOEXEC));
    const OwnedFd event(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (epoll.get() < 0 || event.get() < 0)
        return qa::Unexpected(probe_failure(epoll.get() < 0 ? "epoll_create1" : "eventfd"));
    if (!watch_readable(epoll.get(), event.get()))
        return qa::Unexpected(probe_failure("epoll_ctl"));

    std::atomic<Clock::rep> written{0};  // when the helper wrote, as a count since the epoch
    std::atomic<int> taken{0};           // samples taken; samples + 1 stops the helper early
    std::thread waker;
    try {
        waker = std::thread([&] {
            if (waker_cpu) {
                cpu_set_t only;
                CPU_ZERO(&only);
                CPU_SET(*waker_cpu, &only);
                (void)pthread_setaffinity_np(pthread_self(), sizeof only, &only);
            }
            for (int i = 0; i < samples; ++i) {
                std::this_thread::sleep_for(kGap);
                written.store(Clock::now().time_since_epoch().count());
                const std::uint64_t one = 1;
                (void)!::write(event.get(), &one, sizeof one);
                // Wait until this thread's write has been measured (or the probe gave up).
                for (int seen = taken.load(); seen == i; seen = taken.load())
                    taken.wait(seen);
                if (taken.load() > samples)
                    return;
            }
        });
    } catch (const std::system_error& e) {
        return qa::Unexpected(std::string("probing the machine's wake-ups: starting a thread: ") +
                              e.what());
    }
    std::vector<double> delays;
    bool arrived = true;
    for (int i = 0; i < samples && arrived; ++i) {
        arrived = wait_one_event(epoll.get());
        if (arrived) {
            delays.push_back(
                as_micros(Clock::now().time_since_epoch() - Clock::duration(written.load())));
            drain_counter(event.get());
        }
        taken.store(arrived ? i + 1 : samples + 1);
        taken.notify_one();
    }
    waker.join();
    if (!arrived)
        return qa::Unexpected(
            std::string("probing the machine's wake-ups: a thread's wake-up "
                        "had not arrived after a second"));
    return delays;
}

nlohmann::json p50_p90_json(double p50, double p90) {
    return {{"p50", p50}, {"p90", p90}};
}

std::optional<double> probe_figure_at(const nlohmann::json& object, const char* key,
                                      const char* p) {
    const auto found = object.find(key);
    if (found == object.end() || !found->is_object())
        return std::nullopt;
    const auto value = found->find(p);
    if (value == found->end() || !value->is_number())
        return std::nullopt;
    const double number = value->get<double>();
    if (!std::isfinite(number) || number < 0)
        return std::nullopt;
    return number;
}

// "1.5 times as slowly", "2.0 times as fast" between two medians, or nothing when they are
// close.
std::optional<std::string> median_difference(const char* what, double baseline_us, double run_us) {
    constexpr double kFactor = 1.5;
    constexpr double kMinimumUs = 20;
    const double low = std::min(baseline_us, run_us);
    const double high = std::max(baseline_us, run_us);
    if (high - low < kMinimumUs || high < kFactor * low)
        return std::nullopt;
    return std::string(what) + ": " + fixed(run_us, 0) + " us in the run, " +
           fixed(baseline_us, 0) + " us in the baseline (" +
           (run_us > baseline_us ? "slower" : "faster") + ")";
}

}  // namespace

qa::Expected<MachineProbe, std::string> probe_machine_blocking(std::optional<int> waker_cpu,
                                                               int samples) {
    samples = std::max(samples, 1);
    auto late = timer_lateness(samples);
    if (!late)
        return qa::Unexpected(std::move(late).error());
    auto delays = wake_delays(waker_cpu, samples);
    if (!delays)
        return qa::Unexpected(std::move(delays).error());
    MachineProbe probe;
    probe.samples = samples;
    probe.timer_late_p50_us = nearest_rank(*late, 0.5);
    probe.timer_late_p90_us = nearest_rank(*late, 0.9);
    probe.wake_p50_us = nearest_rank(*delays, 0.5);
    probe.wake_p90_us = nearest_rank(*delays, 0.9);
    return probe;
}

nlohmann::json to_json(const MachineProbe& probe) {
    return {
        {"samples", probe.samples},
        {"timer_late_us", p50_p90_json(probe.timer_late_p50_us, probe.timer_late_p90_us)},
        {"wake_us", p50_p90_json(probe.wake_p50_us, probe.wake_p90_us)},
        {"method",
         "measured before the runs: timer_late_us, a 1 ms timerfd wait from expiry to the "
         "waiting thread running; wake_us, an eventfd write on another thread (on the embedded "
         "mock's CPU when pinned) to the client's thread running after epoll_wait"},
    };
}

std::optional<MachineProbe> machine_probe_of(const nlohmann::json& summary) {
    if (!summary.is_object())
        return std::nullopt;
    const auto machine = summary.find("machine");
    if (machine == summary.end() || !machine->is_object())
        return std::nullopt;
    const auto samples = machine->find("samples");
    const auto late50 = probe_figure_at(*machine, "timer_late_us", "p50");
    const auto late90 = probe_figure_at(*machine, "timer_late_us", "p90");
    const auto wake50 = probe_figure_at(*machine, "wake_us", "p50");
    const auto wake90 = probe_figure_at(*machine, "wake_us", "p90");
    if (samples == machine->end() || !samples->is_number_integer() || samples->get<int>() < 1 ||
        !late50 || !late90 || !wake50 || !wake90)
        return std::nullopt;
    return MachineProbe{samples->get<int>(), *late50, *late90, *wake50, *wake90};
}

std::string describe(const MachineProbe& probe) {
    return "a 1 ms timer ran " + fixed(probe.timer_late_p50_us, 0) + " us late, a woken thread " +
           fixed(probe.wake_p50_us, 0) + " us after the wake-up (medians of " +
           std::to_string(probe.samples) + "; 90th percentiles " +
           fixed(probe.timer_late_p90_us, 0) + " and " + fixed(probe.wake_p90_us, 0) + " us)";
}

std::optional<std::string> machine_difference(const MachineProbe& baseline,
                                              const MachineProbe& run) {
    const auto timers = median_difference("a 1 ms timer's lateness", baseline.timer_late_p50_us,
                                          run.timer_late_p50_us);
    const auto wakes =
        median_difference("a woken thread's delay", baseline.wake_p50_us, run.wake_p50_us);
    if (!timers && !wakes)
        return std::nullopt;
    std::string line =
        "the machines woke threads at different speeds (medians; each wave of a "
        "closed loop pays it, whatever the code): ";
    if (timers)
        line += *timers;
    if (timers && wakes)
        line += "; ";
    if (wakes)
        line += *wakes;
    return line;
}

}  // namespace bench
