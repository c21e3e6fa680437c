// SPDX-License-Identifier: GPL-2.0-or-later
// Test helpers for firmware extraction: a scratch directory per test, a small
// device root, the real image tools (mksquashfs, cpio, ...) and libarchive's
// write API to craft hostile archives at test time (nothing binary is committed).
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace iotguard::testing_fw {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const fs::path& p, const std::string& data) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << data;
}

inline bool have_tool(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

inline int sh(const std::string& cmd) { return std::system(cmd.c_str()); }

inline std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

class Scratch : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("fw-") + info->test_suite_name() + "-" + info->name();
    for (char& c : name)
      if (c == '/') c = '_';
    dir_ = fs::path(::testing::TempDir()) / name;
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // A small device root: an ELF, a config, an absolute and a relative symlink.
  fs::path make_root() {
    const fs::path r = dir_ / "root";
    fs::create_directories(r / "bin");
    fs::create_directories(r / "etc/init.d");
    fs::copy_file("/bin/true", r / "bin/busybox");
    write_file(r / "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
    write_file(r / "etc/init.d/rcS", "#!/bin/sh\ntelnetd -l /bin/sh\n");
    fs::create_symlink("/etc/passwd", r / "etc/passwd_abs");
    fs::create_symlink("busybox", r / "bin/sh");
    return r;
  }

  // Asserts that tree (a layer directory) holds the make_root() content.
  void expect_root(const fs::path& tree) {
    ASSERT_TRUE(fs::is_directory(tree)) << tree;
    EXPECT_EQ(read_file(tree / "bin/busybox"), read_file("/bin/true"));
    EXPECT_EQ(read_file(tree / "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    EXPECT_EQ(read_file(tree / "etc/init.d/rcS"), "#!/bin/sh\ntelnetd -l /bin/sh\n");
    ASSERT_TRUE(fs::is_symlink(tree / "etc/passwd_abs"));
    EXPECT_EQ(fs::read_symlink(tree / "etc/passwd_abs"), "/etc/passwd");
    ASSERT_TRUE(fs::is_symlink(tree / "bin/sh"));
    EXPECT_EQ(fs::read_symlink(tree / "bin/sh"), "busybox");
    struct stat st {};
    ASSERT_EQ(::stat((tree / "bin/busybox").c_str(), &st), 0);
    EXPECT_NE(st.st_mode & S_IXUSR, 0U);
  }

  fs::path dir_;
};

// Builds an archive in memory with libarchive's write API.
class ArchiveBuilder {
 public:
  // format: ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FORMAT_ZIP, ...; filter: ARCHIVE_FILTER_*.
  ArchiveBuilder(int format, int filter = ARCHIVE_FILTER_NONE) : a_(archive_write_new()) {
    archive_write_set_format(a_, format);
    if (filter != ARCHIVE_FILTER_NONE) archive_write_add_filter(a_, filter);
    archive_write_set_bytes_in_last_block(a_, 1);
    archive_write_open(a_, this, nullptr, &ArchiveBuilder::on_write, nullptr);
  }
  ~ArchiveBuilder() { archive_write_free(a_); }

  ArchiveBuilder& file(const std::string& path, const std::string& data, unsigned mode = 0644) {
    return entry(path, AE_IFREG, mode, data.size(),
                 [&] { archive_write_data(a_, data.data(), data.size()); });
  }
  // A large file of zeros written in chunks (for decompression bombs).
  ArchiveBuilder& zeros(const std::string& path, std::uint64_t size) {
    return entry(path, AE_IFREG, 0644, size, [&] {
      const std::string chunk(1 << 20, '\0');
      for (std::uint64_t left = size; left > 0;) {
        const std::size_t n = left < chunk.size() ? left : chunk.size();
        archive_write_data(a_, chunk.data(), n);
        left -= n;
      }
    });
  }
  ArchiveBuilder& dir(const std::string& path, unsigned mode = 0755) {
    return entry(path, AE_IFDIR, mode, 0, [] {});
  }
  ArchiveBuilder& symlink(const std::string& path, const std::string& target) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, path.c_str());
    archive_entry_set_filetype(e, AE_IFLNK);
    archive_entry_set_perm(e, 0777);
    archive_entry_set_symlink(e, target.c_str());
    archive_write_header(a_, e);
    archive_entry_free(e);
    return *this;
  }
  ArchiveBuilder& hardlink(const std::string& path, const std::string& target) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, path.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_hardlink(e, target.c_str());
    archive_entry_set_size(e, 0);
    archive_write_header(a_, e);
    archive_entry_free(e);
    return *this;
  }
  ArchiveBuilder& device(const std::string& path, unsigned type, unsigned major, unsigned minor) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, path.c_str());
    archive_entry_set_filetype(e, type);
    archive_entry_set_perm(e, 0600);
    archive_entry_set_rdevmajor(e, major);
    archive_entry_set_rdevminor(e, minor);
    archive_write_header(a_, e);
    archive_entry_free(e);
    return *this;
  }
  std::string finish() {
    archive_write_close(a_);
    return out_;
  }

 private:
  template <class F>
  ArchiveBuilder& entry(const std::string& path, unsigned type, unsigned mode, std::uint64_t size,
                        F&& body) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, path.c_str());
    archive_entry_set_filetype(e, type);
    archive_entry_set_perm(e, mode);
    archive_entry_set_size(e, static_cast<la_int64_t>(size));
    archive_write_header(a_, e);
    body();
    archive_entry_free(e);
    return *this;
  }
  static la_ssize_t on_write(struct archive*, void* self, const void* buf, size_t n) {
    static_cast<ArchiveBuilder*>(self)->out_.append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
  }

  struct archive* a_;
  std::string out_;
};

}  // namespace iotguard::testing_fw
