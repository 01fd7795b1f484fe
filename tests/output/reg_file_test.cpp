// registry/<node>.reg: regedit's export format, parsed back (round trip).
#include <gtest/gtest.h>

#include "calsim/output.hpp"
#include "core/utf.hpp"
#include "synthetic_run.hpp"

namespace calsim {
namespace {

// The file's text as UTF-8 (after the BOM).
std::string text_of(const std::string& bytes) {
  std::u16string u;
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2)
    u.push_back(static_cast<char16_t>(static_cast<unsigned char>(bytes[i]) |
                                      (static_cast<unsigned char>(bytes[i + 1]) << 8)));
  return detail::utf16_to_utf8(u);
}

bool same_value(const reg_value& a, const reg_value& b) {
  return a.type == b.type && a.name == b.name && a.dword == b.dword && a.text == b.text && a.bytes == b.bytes &&
         a.strings == b.strings;
}

TEST(RegFile, utf16le_with_bom_and_crlf) {
  const scenario s = test::synthetic_scenario();
  const run_result r = test::synthetic_result(s);
  for (const auto& node : r.registry) {
    const std::string bytes = format_reg_file(node);
    ASSERT_GE(bytes.size(), 4u);
    EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(bytes[1]), 0xFE);
    EXPECT_EQ(bytes.size() % 2, 0u);
    const std::string text = text_of(bytes);
    EXPECT_EQ(text.rfind("Windows Registry Editor Version 5.00\r\n\r\n[", 0), 0u);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        ASSERT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
      }
    }
    EXPECT_TRUE(text.ends_with("\r\n\r\n"));
  }
}

TEST(RegFile, value_forms_as_regedit_writes_them) {
  const scenario s = test::synthetic_scenario();
  const run_result r = test::synthetic_result(s);
  const std::string host = text_of(format_reg_file(r.registry[0]));
  EXPECT_NE(host.find("[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\Licensing Core]\r\n"
                      "\"LicensingMode\"=dword:00000005\r\n\"Big\"=dword:deadbeef\r\n\r\n"),
            std::string::npos);
  EXPECT_NE(host.find("\"L$RTMTIMEBOMB_1320153D-8DA3-4e8e-B27B-0D888223A588\"=hex:01,26,4b,70,95,ba,df,\\\r\n"
                      "  04\r\n"),
            std::string::npos);
  // "LS1" NUL, "ls2.contoso.com" NUL, final NUL, all UTF-16 LE.
  EXPECT_NE(host.find("\"SpecifiedLicenseServers\"=hex(7):4c,00,53,00,31,00,00,00,6c,00,73,00,32,00,2e,\\\r\n"
                      "  00,63,00,6f,00,6e,00,74,00,6f,00,73,00,6f,00,2e,00,63,00,6f,00,6d,00,00,00,\\\r\n"
                      "  00,00\r\n"),
            std::string::npos)
      << host;
  EXPECT_NE(host.find("\"LicenseServers\"=\"LS1,LS2\"\r\n"), std::string::npos);
  EXPECT_NE(host.find("@=\"default \\\"quoted\\\" C:\\\\path\"\r\n"), std::string::npos);
  const std::string client = text_of(format_reg_file(r.registry[1]));
  EXPECT_NE(client.find("\"Empty\"=hex(7):00,00\r\n"), std::string::npos);
}

TEST(RegFile, long_hex_wraps_at_regedit_width) {
  const scenario s = test::synthetic_scenario();
  const run_result r = test::synthetic_result(s);
  const std::string text = text_of(format_reg_file(r.registry[1]));
  std::size_t continued = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find("\r\n", pos);
    const std::string line = text.substr(pos, end - pos);
    pos = end + 2;
    EXPECT_LE(line.size(), 80u) << line;
    if (line.ends_with("\\")) {
      ++continued;
      EXPECT_GE(line.size(), 77u) << line;  // wrapped only when full
    }
    if (line.starts_with("  ")) {
      EXPECT_EQ(line.find_first_not_of(' '), 2u);
      if (line.ends_with("\\")) {
        EXPECT_EQ(line.size(), 78u) << line;  // 25 bytes a line
      }
    }
  }
  EXPECT_GT(continued, 10u);  // the 300-byte ClientLicense
}

TEST(RegFile, round_trips_through_the_parser) {
  const scenario s = test::synthetic_scenario();
  const run_result r = test::synthetic_result(s);
  for (const auto& node : r.registry) {
    const auto keys = parse_reg_file(format_reg_file(node));
    ASSERT_EQ(keys.size(), node.keys.size()) << node.node;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      EXPECT_EQ(keys[k].path, node.keys[k].path);
      ASSERT_EQ(keys[k].values.size(), node.keys[k].values.size());
      for (std::size_t v = 0; v < keys[k].values.size(); ++v)
        EXPECT_TRUE(same_value(keys[k].values[v], node.keys[k].values[v]))
            << node.node << " " << keys[k].path << " value " << node.keys[k].values[v].name;
    }
  }
}

TEST(RegFile, parser_rejects_what_regedit_would_not_write) {
  EXPECT_THROW(parse_reg_file("Windows Registry Editor Version 5.00\r\n"), output_error);  // no BOM
  node_registry n{"x", {{"HKEY_LOCAL_MACHINE\\A", {test::reg_dword("v", 1)}}}};
  std::string ok = format_reg_file(n);
  EXPECT_NO_THROW(parse_reg_file(ok));
  std::string odd = ok.substr(0, ok.size() - 1);
  EXPECT_THROW(parse_reg_file(odd), output_error);
}

}  // namespace
}  // namespace calsim
