#pragma once
// An initiator thread's time inside one job, temporally decoupled by the
// TLM-2.0 global quantum (tlm::tlm_global_quantum, set by the SoC or by
// the platform's "quantum_ns").
//
// Quantum 0 (the default) keeps the exact lock-step behaviour: every
// transport's delay is waited for at once (nothing is waited for a zero delay),
// so results equal a model without decoupling bit for bit. With a quantum q > 0
// the thread runs ahead of sc_time_stamp() by up to q: each transport is
// called with the thread's local offset as its delay (so targets see the true
// arrival time), the returned delay becomes the new offset, and the thread
// synchronises only when the offset reaches the quantum and at the job's end,
// so job start and finish times are always synchronised.
#include <systemc>
#include <tlm_utils/tlm_quantumkeeper.h>

namespace cnnsched {

class LocalTime {
 public:
  // Starts a job at the current simulation time; reads the global quantum.
  void begin() {
    decoupled_ = tlm::tlm_global_quantum::instance().get() > sc_core::SC_ZERO_TIME;
    if (decoupled_) keeper_.reset();  // lock-step needs no keeper (and saves its sc_time arithmetic)
  }
  // The delay to pass to b_transport: the local offset (zero when not decoupled).
  sc_core::sc_time transport_delay() const {
    return decoupled_ ? keeper_.get_local_time() : sc_core::SC_ZERO_TIME;
  }
  // After a transport returned `delay` (which started at transport_delay()).
  void after_transport(const sc_core::sc_time& delay) {
    if (!decoupled_) return wait_now(delay);
    keeper_.set(delay);
    if (keeper_.need_sync()) keeper_.sync();
  }
  // Time spent inside the initiator (e.g. computing).
  void spend(const sc_core::sc_time& t) {
    if (!decoupled_) return wait_now(t);
    keeper_.inc(t);
    if (keeper_.need_sync()) keeper_.sync();
  }
  // Catches up with the local time; sc_time_stamp() is then the job's true time.
  void end() {
    if (!decoupled_) return;
    if (keeper_.get_local_time() > sc_core::SC_ZERO_TIME) keeper_.sync();
    keeper_.reset();
  }
  bool decoupled() const { return decoupled_; }

 private:
  static void wait_now(const sc_core::sc_time& t) {
    if (t > sc_core::SC_ZERO_TIME) sc_core::wait(t);
  }
  tlm_utils::tlm_quantumkeeper keeper_;
  bool decoupled_ = false;
};

}  // namespace cnnsched
