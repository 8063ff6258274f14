// GoogleTest entry point for suites that elaborate SystemC modules. SystemC can
// elaborate only once per process, so CTest runs every test of such a suite in
// its own process (gtest_discover_tests); a test builds its modules and calls
// sc_start() itself.
#include <gtest/gtest.h>
#include <systemc>

int sc_main(int argc, char* argv[]) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
