#pragma once
// The accelerator's memory-mapped control registers: an LT TLM-2.0 target a
// host CPU programs over the bus, and an interrupt line.
//
// Register map (32-bit registers; offsets local to the block, as the router
// delivers them: it maps [base(), base() + kRegisterBlockBytes) to [0, size)):
//   0x00 CTRL        W  bit 0 START: starts a run (ignored while busy); reads 0
//   0x04 STATUS      R  bit 0 BUSY, bit 1 DONE, bit 2 ERROR
//   0x08 IRQ_ENABLE  RW bit 0 DONE, bit 1 ERROR (other bits read 0)
//   0x0C IRQ_STATUS  RW bit 0 DONE, bit 1 ERROR, write 1 to clear
//   0x10 CMD_ADDR_LO RW low 32 bits of the command list's DRAM address
//   0x14 CMD_ADDR_HI RW high 32 bits
//   0x18 CMD_SIZE    RW bytes of the command list
//   0x1C ERROR_CODE  R  why the last run failed (0: it did not)
//   0x20 MAKESPAN_LO R  low 32 bits of the last run's makespan, in cycles of
//   0x24 MAKESPAN_HI R  high 32 bits    the accelerator's clock (see below)
//   0x28 TASKS_DONE  R  tasks the last run finished
//   0x2C DRAM_RD_LO  R  low 32 bits of the bytes the last run read from DRAM
//   0x30 DRAM_RD_HI  R  high 32 bits
//   0x34 DRAM_WR_LO  R  low 32 bits of the bytes the last run wrote to DRAM
//   0x38 DRAM_WR_HI  R  high 32 bits
//   0x3C ENERGY_LO   R  low 32 bits of the last run's energy, whole pJ (rounded)
//   0x40 ENERGY_HI   R  high 32 bits
//
// The counters are what the accelerator reports at the end of a run
// (report_counters, before report_done/report_error); a START clears them.
// A 64-bit counter is read as LO then HI; both halves stay until the next
// START, so the pair is consistent whenever the run is not busy.
// The block does not know a clock: the Accelerator reports cycles of its
// interconnect clock (Platform::interconnect.cycle_ps), the makespan rounded
// up to whole cycles, or picoseconds when that cycle is not positive. A run
// that ends in ERROR reports makespan 0 and the tasks that did finish.
//
// Every access is one aligned 32-bit word in host byte order, no byte
// enables: an offset outside the map or unaligned is
// TLM_ADDRESS_ERROR_RESPONSE, another length or streaming width
// TLM_BURST_ERROR_RESPONSE, byte enables TLM_BYTE_ENABLE_ERROR_RESPONSE, a
// write to a read-only register TLM_COMMAND_ERROR_RESPONSE (the register is
// unchanged). A served access adds access_latency to the delay; nothing waits.
//
// The interrupt line `irq` is high while (IRQ_STATUS & IRQ_ENABLE) != 0
// (level-triggered). Register state changes when b_transport is called; the
// line and the start event follow at the annotated time (sc_time_stamp() +
// delay), report_done/report_error's effects one delta cycle later.
// No DMI: every access has side effects or must be seen.
#include <cstdint>
#include <functional>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace cnnsched {

namespace reg {
constexpr std::uint64_t kCtrl = 0x00;
constexpr std::uint64_t kStatus = 0x04;
constexpr std::uint64_t kIrqEnable = 0x08;
constexpr std::uint64_t kIrqStatus = 0x0C;
constexpr std::uint64_t kCmdAddrLo = 0x10;
constexpr std::uint64_t kCmdAddrHi = 0x14;
constexpr std::uint64_t kCmdSize = 0x18;
constexpr std::uint64_t kErrorCode = 0x1C;
constexpr std::uint64_t kMakespanLo = 0x20;
constexpr std::uint64_t kMakespanHi = 0x24;
constexpr std::uint64_t kTasksDone = 0x28;
constexpr std::uint64_t kDramReadLo = 0x2C;
constexpr std::uint64_t kDramReadHi = 0x30;
constexpr std::uint64_t kDramWriteLo = 0x34;
constexpr std::uint64_t kDramWriteHi = 0x38;
constexpr std::uint64_t kEnergyLo = 0x3C;
constexpr std::uint64_t kEnergyHi = 0x40;

constexpr std::uint32_t kCtrlStart = 1u << 0;
constexpr std::uint32_t kStatusBusy = 1u << 0;
constexpr std::uint32_t kStatusDone = 1u << 1;
constexpr std::uint32_t kStatusError = 1u << 2;
constexpr std::uint32_t kIrqDone = 1u << 0;
constexpr std::uint32_t kIrqError = 1u << 1;
}  // namespace reg

constexpr std::uint64_t kRegisterBlockBytes = 0x44;

// A run's counters as the registers show them (MAKESPAN, TASKS_DONE, DRAM_RD, DRAM_WR, ENERGY).
struct RunCounters {
  std::uint64_t makespan = 0;
  std::uint32_t tasks_done = 0;
  std::uint64_t dram_bytes_read = 0;
  std::uint64_t dram_bytes_written = 0;
  std::uint64_t energy_pj = 0;
  bool operator==(const RunCounters& o) const {
    return makespan == o.makespan && tasks_done == o.tasks_done && dram_bytes_read == o.dram_bytes_read &&
           dram_bytes_written == o.dram_bytes_written && energy_pj == o.energy_pj;
  }
};

class AcceleratorRegisters : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<AcceleratorRegisters> socket;
  sc_core::sc_signal<bool> irq;  // the only writer is an internal method

  SC_HAS_PROCESS(AcceleratorRegisters);
  // `base` is where the platform maps the block (see Router::map).
  AcceleratorRegisters(sc_core::sc_module_name name, std::uint64_t base,
                       const sc_core::sc_time& access_latency = sc_core::SC_ZERO_TIME);

  std::uint64_t base() const { return base_; }
  std::uint64_t size() const { return kRegisterBlockBytes; }

  // The accelerator side. Notified when the host sets CTRL.START while idle.
  const sc_core::sc_event& start_event() const { return start_; }
  // Also called on a start, inside the host's b_transport: it must not wait.
  void on_start(std::function<void()> callback) { on_start_ = std::move(callback); }
  std::uint64_t command_address() const { return (std::uint64_t{cmd_addr_hi_} << 32) | cmd_addr_lo_; }
  std::uint32_t command_size() const { return cmd_size_; }
  bool busy() const { return (status_ & reg::kStatusBusy) != 0; }
  // End the run: STATUS DONE (or ERROR with ERROR_CODE = code), the matching
  // IRQ_STATUS bit set, the line raised if that bit is enabled.
  void report_done();
  void report_error(std::uint32_t code);
  // The run's counters (MAKESPAN_LO/HI, TASKS_DONE); call before report_done/error.
  void report_counters(std::uint64_t makespan, std::uint32_t tasks_done);
  void report_counters(const RunCounters& counters) { counters_ = counters; }
  const RunCounters& counters() const { return counters_; }

  // The value a host read of `offset` returns (for tests and traces).
  std::uint32_t peek(std::uint64_t offset) const;

 private:
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
  tlm::tlm_response_status check(const tlm::tlm_generic_payload& trans) const;
  void write(std::uint64_t offset, std::uint32_t value, const sc_core::sc_time& delay);
  void start(const sc_core::sc_time& delay);
  void finish(std::uint32_t status_bit, std::uint32_t irq_bit);
  void update_irq();

  std::uint64_t base_;
  sc_core::sc_time latency_;
  std::uint32_t status_ = 0;
  std::uint32_t irq_enable_ = 0;
  std::uint32_t irq_status_ = 0;
  std::uint32_t cmd_addr_lo_ = 0;
  std::uint32_t cmd_addr_hi_ = 0;
  std::uint32_t cmd_size_ = 0;
  std::uint32_t error_code_ = 0;
  RunCounters counters_;
  std::function<void()> on_start_;
  sc_core::sc_event start_;
  sc_core::sc_event irq_changed_;
};

}  // namespace cnnsched
