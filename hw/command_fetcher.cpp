#include <algorithm>
#include <stdexcept>

#include <cnnsched/hw/command_fetcher.hpp>
#include <cnnsched/hw/tlm_payload.hpp>

namespace cnnsched {

CommandFetcher::CommandFetcher(sc_core::sc_module_name name, AcceleratorRegisters& registers,
                               const CommandListExpect& expect, std::uint32_t max_burst_bytes,
                               std::uint32_t max_bytes, RunFn run)
    : sc_core::sc_module(name),
      socket("socket"),
      regs_(registers),
      expect_(expect),
      max_burst_(max_burst_bytes),
      max_bytes_(max_bytes),
      run_(std::move(run)) {
  if (max_burst_ == 0) throw std::invalid_argument("command fetcher: max_burst_bytes must be > 0");
  SC_THREAD(serve);
}

void CommandFetcher::serve() {
  for (;;) {
    sc_core::wait(regs_.start_event());
    const std::uint32_t code = execute();
    if (code == 0)
      regs_.report_done();
    else
      regs_.report_error(code);
  }
}

std::uint32_t CommandFetcher::execute() {
  const std::uint32_t size = regs_.command_size();
  if (size > max_bytes_) return kErrorListTooLarge;  // before allocating what the host asked for
  if (!fetch(regs_.command_address(), size)) return kErrorFetchFailed;
  CommandList list;
  try {
    list = decode_command_list(bytes_, expect_);
  } catch (const CommandListError& e) {
    return static_cast<std::uint32_t>(e.code());
  }
  ++runs_;
  return run_ ? run_(list) : 0;
}

bool CommandFetcher::fetch(std::uint64_t address, std::uint32_t size) {
  bytes_.assign(size, 0);
  for (std::uint32_t done = 0; done < size;) {
    const std::uint32_t n = std::min(max_burst_, size - done);
    prepare_payload(trans_, tlm::TLM_READ_COMMAND, address + done, bytes_.data() + done, n);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(trans_, delay);
    if (!trans_.is_response_ok()) return false;
    sc_core::wait(delay);
    done += n;
  }
  return true;
}

}  // namespace cnnsched
