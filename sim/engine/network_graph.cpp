// R-NET-1 reachability on Boost.Graph: an undirected adjacency_list whose edges
// carry a link id; a filtered_graph hides down links and offline nodes, and
// connected_components on it is recomputed only after a change.
#include "engine/network_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <stdexcept>

namespace calsim::detail {

namespace {

struct link_prop {
  std::size_t id = 0;  // index into link_up
};

using graph_t = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, link_prop>;
using edge_t = boost::graph_traits<graph_t>::edge_descriptor;
using vertex_t = boost::graph_traits<graph_t>::vertex_descriptor;

struct up_link {
  const graph_t* g = nullptr;
  const std::vector<char>* up = nullptr;
  bool operator()(const edge_t& e) const { return (*up)[(*g)[e].id] != 0; }
};

struct online_node {
  const std::vector<char>* online = nullptr;
  bool operator()(const vertex_t& v) const { return (*online)[v] != 0; }
};

}  // namespace

struct network_graph::impl {
  bool full_mesh = false;
  graph_t g;
  std::vector<char> link_up;  // by link id; all up at the start
  std::vector<char> online;   // by node; all online at the start
  // Lazily recomputed: component of every online node (others are stale).
  mutable std::vector<int> component;
  mutable bool dirty = true;

  void check_node(std::size_t node) const {
    if (node >= online.size()) throw std::out_of_range("network_graph: node out of range");
  }

  void recompute() const {
    const boost::filtered_graph<graph_t, up_link, online_node> view(g, up_link{&g, &link_up},
                                                                   online_node{&online});
    component.assign(online.size(), -1);
    if (!component.empty()) boost::connected_components(view, component.data());
    dirty = false;
  }
};

network_graph::network_graph(std::size_t node_count,
                             const std::vector<std::pair<std::size_t, std::size_t>>& links, bool full_mesh)
    : impl_(std::make_unique<impl>()) {
  impl_->full_mesh = full_mesh;
  impl_->online.assign(node_count, 1);
  impl_->g = graph_t(node_count);
  if (full_mesh) return;  // links play no part
  for (const auto& [a, b] : links) {
    if (a >= node_count || b >= node_count) throw std::out_of_range("network_graph: link endpoint out of range");
    boost::add_edge(a, b, link_prop{impl_->link_up.size()}, impl_->g);
    impl_->link_up.push_back(1);
  }
}

network_graph::~network_graph() = default;
network_graph::network_graph(network_graph&&) noexcept = default;
network_graph& network_graph::operator=(network_graph&&) noexcept = default;

bool network_graph::set_link_up(std::size_t a, std::size_t b, bool up) {
  impl& m = *impl_;
  if (m.full_mesh || a >= m.online.size() || b >= m.online.size()) return false;
  bool found = false;
  // Every parallel link between a and b changes together.
  for (auto [it, end] = boost::out_edges(a, m.g); it != end; ++it) {
    if (boost::target(*it, m.g) != b) continue;
    found = true;
    char& flag = m.link_up[m.g[*it].id];
    if ((flag != 0) != up) {
      flag = up ? 1 : 0;
      m.dirty = true;
    }
  }
  return found;
}

void network_graph::set_node_online(std::size_t node, bool online) {
  impl& m = *impl_;
  m.check_node(node);
  if ((m.online[node] != 0) == online) return;
  m.online[node] = online ? 1 : 0;
  m.dirty = true;
}

bool network_graph::node_online(std::size_t node) const {
  impl_->check_node(node);
  return impl_->online[node] != 0;
}

bool network_graph::reachable(std::size_t a, std::size_t b) const {
  const impl& m = *impl_;
  m.check_node(a);
  m.check_node(b);
  if (m.online[a] == 0 || m.online[b] == 0) return false;
  if (m.full_mesh || a == b) return true;
  if (m.dirty) m.recompute();
  return m.component[a] == m.component[b];
}

}  // namespace calsim::detail
