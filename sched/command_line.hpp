#pragma once
// Command-line checks shared by every executable, the scheduling-only ones too.
#include <boost/program_options/parsers.hpp>

namespace cnnsched {

// Throws InputError for a positional argument: boost::program_options keeps
// them aside without a word when no positional option is declared.
void refuse_positional(const boost::program_options::parsed_options& parsed);

}  // namespace cnnsched
