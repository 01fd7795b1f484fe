// network_graph: R-NET-1 reachability.
#include <gtest/gtest.h>

#include <stdexcept>

#include "engine/network_graph.hpp"

using calsim::detail::network_graph;

namespace {

// host 0 - router 1 - router 2 - server 3, and server 4 behind router 2 as well;
// host 5 is isolated.
network_graph chain() { return network_graph(6, {{0, 1}, {1, 2}, {2, 3}, {2, 4}}, false); }

}  // namespace

TEST(NetworkGraph, PathsThroughRouters) {
  const network_graph g = chain();
  EXPECT_TRUE(g.reachable(0, 3));
  EXPECT_TRUE(g.reachable(3, 0));
  EXPECT_TRUE(g.reachable(0, 4));
  EXPECT_TRUE(g.reachable(3, 4));
  EXPECT_FALSE(g.reachable(0, 5));
  EXPECT_TRUE(g.reachable(5, 5));
  EXPECT_TRUE(g.node_online(0));
}

TEST(NetworkGraph, LinkDownCutsAndUpRestores) {
  network_graph g = chain();
  EXPECT_TRUE(g.set_link_up(2, 3, false));
  EXPECT_FALSE(g.reachable(0, 3));
  EXPECT_TRUE(g.reachable(0, 4));
  EXPECT_TRUE(g.set_link_up(3, 2, true));  // either direction names the link
  EXPECT_TRUE(g.reachable(0, 3));
  EXPECT_TRUE(g.set_link_up(0, 1, false));
  EXPECT_FALSE(g.reachable(0, 3));
  EXPECT_FALSE(g.reachable(0, 4));
  EXPECT_TRUE(g.reachable(3, 4));
}

TEST(NetworkGraph, OfflineRouterCutsPaths) {
  network_graph g = chain();
  g.set_node_online(2, false);
  EXPECT_FALSE(g.node_online(2));
  EXPECT_FALSE(g.reachable(0, 3));
  EXPECT_FALSE(g.reachable(3, 4));
  EXPECT_TRUE(g.reachable(0, 1));
  g.set_node_online(2, true);
  EXPECT_TRUE(g.reachable(0, 3));
  EXPECT_TRUE(g.reachable(3, 4));
}

TEST(NetworkGraph, AlternativePathSurvives) {
  // Ring 0-1-2-3-0: one cut leaves the other way round.
  network_graph g(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}}, false);
  EXPECT_TRUE(g.set_link_up(0, 1, false));
  EXPECT_TRUE(g.reachable(0, 1));
  g.set_node_online(3, false);
  EXPECT_FALSE(g.reachable(0, 1));
  EXPECT_FALSE(g.reachable(0, 2));
  EXPECT_TRUE(g.reachable(1, 2));
}

TEST(NetworkGraph, OfflineEndpointUnreachable) {
  network_graph g = chain();
  g.set_node_online(3, false);
  EXPECT_FALSE(g.reachable(0, 3));
  EXPECT_FALSE(g.reachable(3, 0));
  EXPECT_FALSE(g.reachable(3, 3));
  EXPECT_TRUE(g.reachable(0, 4));
  g.set_node_online(0, false);
  EXPECT_FALSE(g.reachable(0, 4));
}

TEST(NetworkGraph, FullMesh) {
  network_graph g(4, {}, true);
  EXPECT_TRUE(g.reachable(0, 3));
  EXPECT_TRUE(g.reachable(1, 2));
  g.set_node_online(1, false);
  EXPECT_FALSE(g.reachable(0, 1));
  EXPECT_FALSE(g.reachable(1, 1));
  EXPECT_TRUE(g.reachable(0, 3));  // nothing routes through a node in full mesh
  EXPECT_FALSE(g.set_link_up(0, 3, false));
  EXPECT_TRUE(g.reachable(0, 3));
  g.set_node_online(1, true);
  EXPECT_TRUE(g.reachable(0, 1));
}

TEST(NetworkGraph, SetLinkUpOnNonLinkReturnsFalse) {
  network_graph g = chain();
  EXPECT_FALSE(g.set_link_up(0, 3, false));
  EXPECT_FALSE(g.set_link_up(0, 99, false));
  EXPECT_TRUE(g.reachable(0, 3));  // nothing changed
  EXPECT_TRUE(g.set_link_up(0, 1, true));  // already up: still a link
}

TEST(NetworkGraph, ParallelLinksChangeTogether) {
  network_graph g(2, {{0, 1}, {1, 0}}, false);
  EXPECT_TRUE(g.set_link_up(0, 1, false));
  EXPECT_FALSE(g.reachable(0, 1));
}

TEST(NetworkGraph, RecomputedAfterEveryChange) {
  network_graph g = chain();
  for (int round = 0; round < 3; ++round) {
    EXPECT_TRUE(g.reachable(0, 3));  // cached
    EXPECT_TRUE(g.reachable(0, 3));
    g.set_link_up(1, 2, false);
    EXPECT_FALSE(g.reachable(0, 3));
    EXPECT_FALSE(g.reachable(0, 4));
    g.set_node_online(5, false);  // unrelated change
    EXPECT_FALSE(g.reachable(0, 3));
    g.set_link_up(1, 2, true);
    EXPECT_TRUE(g.reachable(0, 3));
    g.set_node_online(5, true);
  }
}

TEST(NetworkGraph, MoveAndBadIds) {
  network_graph g = chain();
  network_graph h = std::move(g);
  EXPECT_TRUE(h.reachable(0, 3));
  EXPECT_THROW(h.set_node_online(6, false), std::out_of_range);
  EXPECT_THROW((void)h.reachable(0, 6), std::out_of_range);
  EXPECT_THROW(network_graph(2, {{0, 2}}, false), std::out_of_range);
  network_graph empty(0, {}, false);
}
