// SPDX-License-Identifier: GPL-2.0-or-later
// A scratch directory per test with helpers to write files and rules.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../support/elf_builder.h"

namespace iotguard::test {

class ScratchDir : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "iotguard-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::filesystem::path write(const std::string& rel, const std::string& content) {
    const auto p = dir_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  std::filesystem::path write(const std::string& rel, const std::vector<std::uint8_t>& bytes) {
    return write(rel, std::string(bytes.begin(), bytes.end()));
  }

  // A small valid ELF (ARM, 32-bit LE) whose code bytes hold `payload`.
  static std::vector<std::uint8_t> elf_with(const std::string& payload) {
    ElfBuilder b(false, false, 40);
    std::vector<std::uint8_t> code(payload.begin(), payload.end());
    code.resize(std::max<std::size_t>(code.size(), 64), 0);
    b.entry(0x10000 + 0x100)
        .segment({1, 5, 0, 0x10000, 0x100 + code.size(), 0x100 + code.size(), 0x1000})
        .bytes_at(0x100, code)
        .section({".text", 1, 6, 0x10100, 0x100, code.size(), 0, 0, 4, 0});
    return b.build();
  }

  // Compiles a rule file with Debian's yarac, as a user would ship one.
  static std::filesystem::path yarac(const std::filesystem::path& src,
                                     const std::filesystem::path& out,
                                     const std::string& defines = "") {
    const std::string cmd =
        "yarac " + defines + " '" + src.string() + "' '" + out.string() + "' 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0)
        << cmd << " (yarac is in scripts/install-deps.sh --test)";
    return out;
  }

  std::filesystem::path dir_;
};

}  // namespace iotguard::test
