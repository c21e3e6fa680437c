// SPDX-License-Identifier: GPL-2.0-or-later
// Root never lets a path escape: absolute symlinks restart at the root, ".."
// stops there, with openat2(RESOLVE_IN_ROOT) and with the portable resolver.
#include <gtest/gtest.h>

#include "audit/root.h"
#include "tiny_root.h"

using namespace iotguard::audit;
using iotguard::audit::test::TinyRoot;

class RootResolver : public ::testing::TestWithParam<bool> {};

TEST_P(RootResolver, SymlinksAndDotDotStayInsideTheRoot) {
  TinyRoot outside;
  outside.file("/secret", "outside");
  TinyRoot t;
  t.file("/secret", "inside")
      .file("/etc/real", "real")
      .link("/etc/abs", "/secret")                  // absolute: the root's /secret
      .link("/etc/up", "../../../../../../secret")  // ".." clamps at the root
      .link("/etc/out", outside.at("/secret"))      // absolute host path: not found
      .link("/etc/dir", "/etc")                     // directory link
      .link("/etc/loop", "/etc/loop");
  auto root = Root::open(t.dir(), RootKind::firmware, GetParam());
  ASSERT_TRUE(root.ok()) << root.error().message;
  EXPECT_EQ(*root->read("/etc/abs", 100), "inside");
  EXPECT_EQ(*root->read("/etc/up", 100), "inside");
  EXPECT_EQ(*root->read("/../../secret", 100), "inside");
  EXPECT_EQ(*root->read("/etc/dir/dir/real", 100), "real");
  EXPECT_FALSE(root->read("/etc/out", 100).ok());
  EXPECT_FALSE(root->read("/etc/loop", 100).ok());
  EXPECT_EQ(*root->readlink("/etc/abs"), "/secret");
  EXPECT_TRUE(S_ISLNK(root->lstat("/etc/abs")->st_mode));
  EXPECT_TRUE(S_ISREG(root->stat("/etc/abs")->st_mode));
}

TEST_P(RootResolver, ReadsAreBounded) {
  TinyRoot t;
  t.file("/big", std::string(1000, 'x')).dir("/d");
  auto root = Root::open(t.dir(), RootKind::firmware, GetParam());
  ASSERT_TRUE(root.ok());
  EXPECT_FALSE(root->read("/big", 999).ok());
  EXPECT_EQ(root->read("/big", 1000)->size(), 1000u);
  EXPECT_EQ(root->read_prefix("/big", 10)->size(), 10u);
  EXPECT_FALSE(root->read("/d", 100).ok());  // not a regular file
}

TEST_P(RootResolver, WalkNeverFollowsSymlinks) {
  TinyRoot outside;
  outside.file("/a/b", "x");
  TinyRoot t;
  t.file("/usr/bin/tool", "x").link("/usr/escape", outside.at("/a")).link("/usr/loop", "/usr");
  auto root = Root::open(t.dir(), RootKind::firmware, GetParam());
  std::set<std::string> seen;
  std::size_t entries = 0;
  EXPECT_TRUE(root->walk(
      "/usr", {}, entries, [](const std::string&) { return false; },
      [&](const std::string& p, const struct stat&) { seen.insert(p); }));
  EXPECT_EQ(seen, (std::set<std::string>{"/usr", "/usr/bin", "/usr/bin/tool", "/usr/escape",
                                         "/usr/loop"}));
  entries = 0;
  EXPECT_FALSE(root->walk(
      "/usr", {2, 24}, entries, [](const std::string&) { return false; },
      [](const std::string&, const struct stat&) {}));
}

INSTANTIATE_TEST_SUITE_P(Both, RootResolver, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "fallback" : "openat2"; });
