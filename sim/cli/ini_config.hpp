#pragma once
// Options from an INI file (lenet_experiment --config): every key must be a
// long option of `options`; "config" and "help" are refused. Any problem, a
// boost::program_options one included, is an InputError naming the file.
#include <boost/program_options.hpp>
#include <set>
#include <string>

namespace cnnsched {

// Stores the INI text's options into vm (values already in vm win) and
// returns the keys it gave.
std::set<std::string> store_ini_options(const std::string& text, const std::string& source,
                                        const boost::program_options::options_description& options,
                                        boost::program_options::variables_map& vm);

}  // namespace cnnsched
