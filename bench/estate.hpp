// A generated estate for the model benchmarks and `scripts/estate.sh`:
// n persistent office PCs connecting on workdays to session hosts of 2,000
// clients each, one license server with a pool big enough for all of them.
#pragma once
#include <cstdint>
#include <string>

namespace calsim::bench {

inline std::string estate_json(std::int64_t clients, int days) {
  const std::int64_t hosts = clients / 2000 + 1;
  std::string host_list, host_names;
  for (std::int64_t h = 1; h <= hosts; ++h) {
    const std::string name = "RDSH" + std::to_string(h);
    host_list += std::string(h > 1 ? "," : "") + R"({"name":")" + name +
                 R"(","version":2019,"domain":"corp.example","installed":"2025-11-01","licensing_mode":2,"license_servers":["LS1"]})";
    host_names += std::string(h > 1 ? "," : "") + "\"" + name + "\"";
  }
  return R"({"calsim":1,"name":"estate-)" + std::to_string(clients) +
         R"(","description":"generated estate","rules":"ws2012","seed":7,"start":"2026-01-05","days":)" +
         std::to_string(days) +
         R"(,"license_servers":[{"name":"LS1","version":2019,"activated":true,"domain":"corp.example","key_packs":[{"id":"DEV","type":"per_device","version":2019,"count":)" +
         std::to_string(clients + clients / 10 + 10) + R"(,"kind":"volume"}]}],"session_hosts":[)" + host_list +
         R"(],"clients":[{"group":"office","count":)" + std::to_string(clients) +
         R"(,"name":"PC-{n:06}","kind":"persistent","hosts":[)" + host_names +
         R"(],"schedule":{"days":"workdays","at":["09:00"],"jitter_minutes":30,"attendance":0.95}}]})";
}

}  // namespace calsim::bench
