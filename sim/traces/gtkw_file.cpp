#include <cmath>
#include <filesystem>
#include <stdexcept>

#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/traces/gtkw_file.hpp>

namespace cnnsched {

namespace {

// Trace flags of the .gtkw format ("@<hex>" lines apply to the signals after them).
constexpr unsigned kDec = 0x4;
constexpr unsigned kBin = 0x8;
constexpr unsigned kRightJustify = 0x20;
constexpr unsigned kSigned = 0x400;
constexpr unsigned kBlank = 0x200;  // a comment line
constexpr unsigned kAnalogStep = 0x8000;
constexpr unsigned kAnalogBlankStretch = 0x20000;  // extra height rows of an analog trace

std::string flags(unsigned f) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "@%x", f);
  return buf;
}

}  // namespace

std::string gtkwave_name(const TracedSignal& signal) {
  std::string name = "SystemC." + signal.name;
  if (signal.width > 1) name += "[" + std::to_string(signal.width - 1) + ":0]";
  return name;
}

void write_gtkw(const std::string& path, const std::string& vcd_path,
                const std::vector<TracedSignal>& signals, Time end_ps) {
  OutputFile file(path);
  std::ostream& out = file.stream();
  namespace fs = std::filesystem;
  out << "[*] GTKWave save file written by cnnsched\n";
  out << "[dumpfile] \"" << fs::absolute(vcd_path).string() << "\"\n";
  out << "[savefile] \"" << fs::absolute(path).string() << "\"\n";
  out << "[timestart] 0\n";
  if (end_ps > 0) {
    // GTKWave 3.3 shows zoom level z at about 2^(2-z) time units across its
    // default wave pane (measured by opening the written files under Xvfb):
    // this level fits [0, end_ps] into the view.
    out << "*" << 2.0 - std::log2(static_cast<double>(end_ps)) << " -1 -1\n";
  }
  out << "[size] 1400 700\n";
  out << "[pos] -1 -1\n";
  out << "[treeopen] SystemC.\n";
  out << "[sst_width] 250\n";
  out << "[signals_width] 320\n";
  out << "[sst_expanded] 1\n";
  out << "[sst_vpaned_height] 200\n";
  for (const TracedSignal& s : signals) {
    if (s.analog) {
      out << flags(kAnalogStep | kDec | kRightJustify) << "\n" << gtkwave_name(s) << "\n";
      out << flags(kAnalogBlankStretch) << "\n";
      for (int i = 0; i < 6; ++i) out << "-\n";
      continue;
    }
    if (s.width == 1) {
      const std::string module = s.name.substr(0, s.name.rfind('.'));
      out << flags(kBlank) << "\n-" << module.substr(module.rfind('.') + 1) << "\n";  // a label per PE
      out << flags(kBin | kRightJustify) << "\n" << gtkwave_name(s) << "\n";
    } else {
      out << flags(kDec | kSigned | kRightJustify) << "\n" << gtkwave_name(s) << "\n";  // -1 = idle
    }
  }
  file.commit();
}

}  // namespace cnnsched
