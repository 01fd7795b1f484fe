// R-NET-1: hosts, license servers and routers form an undirected graph; a host
// reaches a server when a path of up links and online nodes joins them.
// Built on Boost.Graph: connected components of the graph filtered to up links
// and online nodes, recomputed lazily on the first reachable() after a change
// (a change that sets a flag to its current value is no change), so repeated
// queries between changes are O(1). Every node starts online, every link up.
// Node ids out of range throw std::out_of_range (set_link_up returns false).
// Not thread-safe: reachable() may refresh the cached components.
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

  // Returns false when a and b have no link between them (nothing changes);
  // parallel links between a and b change together.
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
