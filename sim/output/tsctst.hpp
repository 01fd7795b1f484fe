// tsctst/<client>.txt: what the Windows Server 2003 Resource Kit tool TSCTST
// (Terminal Server Client License Dump Tool) prints with /A on a client, one
// block per license in its MSLicensing store (README, "tsctst").
#pragma once
#include <string>

#include "calsim/run.hpp"

namespace calsim::detail {

std::string tsctst_text(const client_store_snapshot& store);

}  // namespace calsim::detail
