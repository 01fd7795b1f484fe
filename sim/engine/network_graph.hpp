// R-NET-1: hosts, license servers and routers form an undirected graph; a host
// reaches a server when a path of up links and online nodes joins them.
// Built on Boost.Graph; reachability is recomputed lazily after a change.
#pragma once
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace calsim::detail {

class network_graph {
 public:
  // `full_mesh`: no `network` in the scenario, every node reaches every node
  // (only node online state matters then).
  network_graph(std::size_t node_count, const std::vector<std::pair<std::size_t, std::size_t>>& links,
                bool full_mesh);
  ~network_graph();
  network_graph(network_graph&&) noexcept;
  network_graph& operator=(network_graph&&) noexcept;

  // Returns false when a and b have no link between them (nothing changes).
  bool set_link_up(std::size_t a, std::size_t b, bool up);
  void set_node_online(std::size_t node, bool online);
  bool node_online(std::size_t node) const;

  // Both nodes online and joined by a path of up links through online nodes.
  bool reachable(std::size_t a, std::size_t b) const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace calsim::detail
