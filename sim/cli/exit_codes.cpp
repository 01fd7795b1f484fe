#include "cli/exit_codes.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "calsim/errors.hpp"
#include "calsim/output.hpp"

namespace calsim::detail {

int report_error(std::exception_ptr error, std::ostream& err) {
  try {
    std::rethrow_exception(error);
  } catch (const scenario_error& e) {
    for (const auto& d : e.problems) err << format_diagnostic(d) << '\n';
    err << e.problems.size() << (e.problems.size() == 1 ? " problem" : " problems")
        << " found; nothing was run\n";
    return static_cast<int>(exit_code::usage);
  } catch (const option_error& e) {
    std::string flag = "--" + e.parameter;  // the library's parameter is the option's name
    for (char& ch : flag)
      if (ch == '_') ch = '-';
    err << "calsim: " << flag << ": " << e.what() << '\n';
    return static_cast<int>(exit_code::usage);
  } catch (const usage_error& e) {
    err << "calsim: " << e.what() << '\n';
    return static_cast<int>(exit_code::usage);
  } catch (const invariant_error& e) {
    err << "calsim: " << e.what() << "\n(rule or invariant: " << e.rule << ")\n";
    return static_cast<int>(exit_code::internal);
  } catch (const output_error& e) {
    err << "calsim: cannot write the outputs: " << e.what() << '\n';
    return static_cast<int>(exit_code::usage);
  } catch (const CLI::Error& e) {
    err << "calsim: " << e.what() << '\n';
    return static_cast<int>(exit_code::usage);
  } catch (const out_of_memory& e) {
    err << "calsim: " << e.what() << " (exit 3; a smaller scenario, fewer replications or --threads 1 need less)\n";
    return static_cast<int>(exit_code::internal);
  } catch (const std::bad_alloc&) {
    err << "calsim: out of memory\n";
    return static_cast<int>(exit_code::internal);
  } catch (const std::exception& e) {
    err << "calsim: internal error (a bug in calsim): " << e.what() << '\n';
    return static_cast<int>(exit_code::internal);
  }
}

}  // namespace calsim::detail
